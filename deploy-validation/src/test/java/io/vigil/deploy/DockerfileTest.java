package io.vigil.deploy;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

class DockerfileTest {
    @Test
    void theServiceImagePassesThePolicies() {
        String dockerfile = Repo.read("deploy/docker/Dockerfile");
        assertThat(DockerfilePolicy.check(dockerfile), is(empty()));
        List<DockerfilePolicy.Instruction> from = DockerfilePolicy.parse(dockerfile).stream()
                .filter(i -> i.keyword().equals("FROM")).toList();
        assertThat(from.size(), is(2));
        assertThat(from.get(0).arguments().contains("-jdk-"), is(true));
        assertThat(from.get(1).arguments().contains("-jre-"), is(true));
        assertThat(dockerfile.contains("./mvnw -B -q -pl \"${SERVICE}\" -am package -DskipTests"), is(true));
    }

    @Test
    void aRootUnpinnedImageWithoutHealthCheckFails() {
        List<String> violations = DockerfilePolicy.check(Repo.read("deploy-validation/src/test/resources/broken/Dockerfile"));
        assertThat(violations, hasItems(
                "FROM eclipse-temurin:latest: not pinned to an exact version tag (e.g. eclipse-temurin:21.0.5_11-jre-noble)",
                "FROM eclipse-temurin: not pinned to an exact version tag (e.g. eclipse-temurin:21.0.5_11-jre-noble)",
                "USER root: not a numeric non-root uid[:gid] (runAsNonRoot needs a number)",
                "the run-time stage has no HEALTHCHECK",
                "ENTRYPOINT is not in exec form (SIGTERM must reach the JVM; no shell at run time)",
                "ENTRYPOINT does not pass -XX:+ExitOnOutOfMemoryError"));
        assertThat(violations, hasItem("the run-time stage has no LABEL org.opencontainers.image.title"));
    }

    @Test
    void theBuildContextLeavesOutBuildOutputAndHistoryButKeepsTheHealthCheck() {
        List<String> ignored = Repo.read(".dockerignore").lines().map(String::strip).toList();
        assertThat(ignored, hasItems(".git", "**/target", "**/node_modules", "deploy", "!deploy/docker/HealthCheck.java"));
    }
}
