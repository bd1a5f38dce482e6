package io.vigil.deploy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

class DockerfileTest {
    private static final String DOCKERFILE = "deploy/docker/Dockerfile";

    @Test
    void theServiceImagePassesThePolicies() {
        assertThat(DockerfilePolicy.check(Repo.read(DOCKERFILE)), is(empty()));
    }

    /**
     * One stage on a base named by a build argument, pinned Temurin JRE by default (offline builds pass a local base);
     * no RUN at all: the image is assembled from what ./mvnw built, so the classic builder builds it, nothing is
     * downloaded and no build tool or shell is needed inside.
     */
    @Test
    void theImageIsTheJarsOnAPinnedJreWithNothingRunWhileBuilding() {
        List<DockerfilePolicy.Instruction> instructions = DockerfilePolicy.parse(Repo.read(DOCKERFILE));
        assertThat(instructions.get(0), is(new DockerfilePolicy.Instruction("ARG",
                                                                            "BASE_IMAGE=eclipse-temurin:21.0.5_11-jre-noble")));
        assertThat(keyword(instructions, "FROM"), is(List.of("${BASE_IMAGE}")));
        assertThat(keyword(instructions, "RUN"), is(empty()));
        assertThat(keyword(instructions, "COPY"), is(List.of("${MODULE}/target/libs/ /app/libs/",
                                                            "${MODULE}/target/${SERVICE}.jar /app/app.jar",
                                                            "target/docker/healthcheck/ /app/healthcheck/")));
    }

    @Test
    void aRootUnpinnedImageWithoutHealthCheckFails() {
        List<String> violations = DockerfilePolicy.check(Repo.read("deploy-validation/src/test/resources/broken/Dockerfile"));
        assertThat(violations, hasItems(
                "FROM eclipse-temurin:latest: not pinned to an exact version tag (e.g. eclipse-temurin:21.0.5_11-jre-noble)",
                "FROM eclipse-temurin: not pinned to an exact version tag (e.g. eclipse-temurin:21.0.5_11-jre-noble)",
                "FROM ${TOOLS}: the build argument TOOLS has no default before the first FROM, so the file as written names"
                + " no base image",
                "FROM $RUNTIME = eclipse-temurin:21-jre: not pinned to an exact version tag (e.g. "
                + "eclipse-temurin:21.0.5_11-jre-noble)",
                "RUN --mount needs BuildKit: the classic builder (Docker 20.10 on Debian 12) cannot build it",
                "USER root: not a numeric non-root uid[:gid] (runAsNonRoot needs a number)",
                "the run-time stage has no HEALTHCHECK",
                "ENTRYPOINT is not in exec form (SIGTERM must reach the JVM; no shell at run time)",
                "ENTRYPOINT does not pass -XX:+ExitOnOutOfMemoryError"));
        assertThat(violations, hasItem("the run-time stage has no LABEL org.opencontainers.image.title"));
    }

    /** Only what the image copies goes to the engine: no sources, no history, no other build output. */
    @Test
    void theBuildContextIsOnlyTheJarsTheirLibrariesAndTheHealthCheck() {
        List<String> patterns = Repo.read(".dockerignore").lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertThat(patterns, is(List.of("*",
                                        "!gateway/target/gateway.jar", "!gateway/target/libs/",
                                        "!health-service/target/health-service.jar", "!health-service/target/libs/",
                                        "!logparse-service/target/logparse-service.jar", "!logparse-service/target/libs/",
                                        "!tests/trace-collector/target/trace-collector.jar",
                                        "!tests/trace-collector/target/libs/",
                                        "!target/docker/healthcheck/")));
    }

    /**
     * Compose (and its offline override) states the health check again for every image this Dockerfile builds
     * ({@code vigil/NAME:${VIGIL_VERSION:-dev}}): it must be the image's own probe.
     */
    @Test
    void composeRunsTheImagesOwnHealthCheck() {
        String healthcheck = keyword(DockerfilePolicy.parse(Repo.read(DOCKERFILE)), "HEALTHCHECK").get(0);
        List<?> probe = new Yaml().load(healthcheck.substring(healthcheck.indexOf("CMD ") + "CMD ".length()));
        for (String file : List.of("deploy/compose/docker-compose.yml", "deploy/compose/docker-compose.offline.yml")) {
            Map<String, Map<String, Map<String, Object>>> compose = new Yaml().load(Repo.read(file));
            compose.get("services").forEach((name, service) -> {
                if (String.valueOf(service.get("image")).matches("vigil/[a-z-]+:\\$\\{VIGIL_VERSION:-dev}")) {
                    List<Object> test = List.copyOf((List<?>) ((Map<?, ?>) service.get("healthcheck")).get("test"));
                    assertThat(file + " " + name, test.subList(1, test.size()), is(probe));
                    assertThat(file + " " + name, test.get(0), is("CMD"));
                }
            });
        }
    }

    private static List<String> keyword(List<DockerfilePolicy.Instruction> instructions, String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(DockerfilePolicy.Instruction::arguments)
                .toList();
    }
}
