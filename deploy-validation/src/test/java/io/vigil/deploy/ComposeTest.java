package io.vigil.deploy;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * Policies of the compose stack that {@code docker-compose config -q} (tests/deploy-validate.sh) cannot know: what is
 * published, health-gated start order, tracing, hardening, configuration keys the services read, the local key, and
 * what the offline override replaces.
 */
class ComposeTest {
    private static final String COMPOSE = "deploy/compose/docker-compose.yml";
    private static final String OFFLINE = "deploy/compose/docker-compose.offline.yml";
    private static final Pattern DEFAULT = Pattern.compile("\\$\\{[A-Z0-9_]+:-([^}]*)}");

    private final Map<String, Object> compose = new Yaml().load(Repo.read(COMPOSE));

    @Test
    void theStackIsTheThreeServicesJaegerAndRedis() {
        assertThat(services().keySet(), is(Set.of("gateway", "health-service", "logparse-service", "jaeger", "redis")));
    }

    /** The gateway's rate limits live in Redis: pinned, hardened, health-checked, unpublished, started first. */
    @Test
    void redisHoldsTheGatewaysRateLimits() {
        Map<String, Object> redis = service("redis");
        assertThat(String.valueOf(redis.get("image")), startsWith("redis:7.0."));
        assertThat(redis.get("read_only"), is(true));
        assertThat(strings(redis.get("cap_drop")), is(List.of("ALL")));
        assertThat(strings(redis.get("security_opt")), hasItem("no-new-privileges:true"));
        assertThat("runs as the image's unprivileged user", String.valueOf(redis.get("user")), startsWith("999:"));
        assertThat(strings(map(redis.get("healthcheck")).get("test")), is(List.of("CMD", "redis-cli", "ping")));
        assertThat("no persistence", strings(redis.get("command")), hasItems("--save", "", "--appendonly", "no"));
        Map<String, Object> gateway = service("gateway");
        assertThat(map(gateway.get("environment")).get("GATEWAY_RATE_dash_LIMIT_REDIS_URI"), is("redis://redis:6379"));
        assertThat(map(gateway.get("depends_on")).get("redis"), is(Map.of("condition", "service_healthy")));
    }

    /** docker-compose 1.29 accepts any restart value ({@code restart: sometimes}); Docker rejects it at run time. */
    @Test
    void restartPoliciesAreOnesDockerKnows() {
        services().forEach((name, service) -> assertThat(name + " restart: " + service.get("restart"),
                Set.of("no", "always", "on-failure", "unless-stopped").contains(String.valueOf(service.get("restart"))),
                is(true)));
    }

    @Test
    void onlyTheGatewayAndJaegerUiArePublishedOnLoopback() {
        services().forEach((name, service) -> {
            List<String> ports = strings(service.get("ports"));
            switch (name) {
                case "gateway" -> assertThat(ports, is(List.of("127.0.0.1:${GATEWAY_HOST_PORT:-8080}:8080")));
                case "jaeger" -> assertThat(ports, is(List.of("127.0.0.1:${JAEGER_UI_HOST_PORT:-16686}:16686")));
                default -> assertThat(name + " publishes nothing", ports, is(empty()));
            }
        });
        assertThat(strings(service("jaeger").get("expose")), hasItems("14250", "4317", "4318"));
    }

    /**
     * The images are ./platform images' (vigil/SERVICE, built from the jars on a pinned or a local base), never built
     * by compose: a compose build would skip the jar build and the offline base.
     */
    @Test
    void everyServiceRunsItsImageHardenedHealthCheckedAndTraced() {
        for (Map.Entry<String, Integer> entry : ManifestPolicy.SERVICES.entrySet()) {
            String name = entry.getKey();
            Map<String, Object> service = service(name);
            assertThat(service.get("image"), is("vigil/" + name + ":${VIGIL_VERSION:-dev}"));
            assertThat(name + " is not built by compose", service.containsKey("build"), is(false));
            Map<String, Object> env = map(service.get("environment"));
            assertThat(env.get("SERVER_PORT"), is(entry.getValue().toString()));
            assertThat(env.get("TRACING_ENABLED"), is("true"));
            assertThat(env.get("TRACING_HOST"), is("jaeger"));
            assertThat(env.get("TRACING_PORT"), is("14250"));
            assertThat(env.get("TRACING_SERVICE"), is(name));
            assertThat(service.get("read_only"), is(true));
            assertThat(strings(service.get("cap_drop")), is(List.of("ALL")));
            assertThat(strings(service.get("tmpfs")).get(0), startsWith("/tmp"));
            assertThat(strings(map(service.get("healthcheck")).get("test")), hasItems("HealthCheck", "/observe/health/ready"));
            Duration grace = Duration.parse("PT" + service.get("stop_grace_period").toString().toUpperCase(Locale.ROOT));
            assertThat(name + " stops after its drain", grace.compareTo(Duration.parse(env.get("SERVER_DRAIN_TIMEOUT")
                                                                                              .toString())) > 0, is(true));
        }
    }

    /**
     * The offline override (the compose test, machines without a registry) replaces only images that cannot be pulled
     * there, each by a local vigil/ image, and every one of them: nothing of the stack is left to pull.
     */
    @Test
    void theOfflineOverrideReplacesEveryPulledImageAndNothingElse() {
        Map<String, Object> offline = new Yaml().load(Repo.read(OFFLINE));
        Map<String, Map<String, Object>> replaced = services(offline);
        Set<String> pulled = services().entrySet().stream()
                .filter(service -> !String.valueOf(service.getValue().get("image")).startsWith("vigil/"))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(replaced.keySet(), is(pulled));
        replaced.forEach((name, service) -> {
            assertThat(name + " keys", Set.of("image", "healthcheck").containsAll(service.keySet()), is(true));
            assertThat(name + " image", String.valueOf(service.get("image")), startsWith("vigil/"));
        });
        assertThat(replaced.get("jaeger").get("image"), is("vigil/trace-collector:${VIGIL_VERSION:-dev}"));
    }

    @Test
    void everyServiceHasAHealthCheck() {
        services().forEach((name, service) -> assertThat(name, service.containsKey("healthcheck"), is(true)));
    }

    @Test
    void startOrderWaitsForHealthyBackends() {
        assertThat(map(service("gateway").get("depends_on")).get("logparse-service"),
                   is(Map.of("condition", "service_healthy")));
        assertThat(map(service("gateway").get("depends_on")).get("health-service"), is(Map.of("condition", "service_healthy")));
        assertThat(map(service("health-service").get("depends_on")).get("logparse-service"),
                   is(Map.of("condition", "service_healthy")));
    }

    @Test
    void everyVariableAndConfigFileKeyIsOneTheServiceReads() {
        for (String name : ManifestPolicy.SERVICES.keySet()) {
            ConfigKeys keys = ConfigKeys.of(name);
            for (String variable : map(service(name).get("environment")).keySet()) {
                ConfigKeys.keyOfVariable(variable).flatMap(keys::problem)
                        .ifPresent(problem -> assertThat(variable + ": " + problem, false));
            }
        }
        Map<String, Object> health = service("health-service");
        assertThat(strings(health.get("volumes")), hasItem("./config/health-service.yaml:/etc/vigil/config.yaml:ro"));
        assertThat(map(health.get("environment")).get("VIGIL_CONFIG"), is("/etc/vigil/config.yaml"));
        ConfigKeys keys = ConfigKeys.of("health-service");
        Map<String, Object> file = new Yaml().load(Repo.read("deploy/compose/config/health-service.yaml"));
        for (String key : ConfigKeys.keysOf(file)) {
            assertThat(key + ": " + keys.problem(key).orElse(""), keys.problem(key).isEmpty(), is(true));
        }
    }

    @Test
    void theLocalApiKeyIsTheDocumentedOneEverywhere() {
        Map<String, Object> env = map(service("gateway").get("environment"));
        Matcher digest = DEFAULT.matcher(env.get("GATEWAY_AUTH_KEYS_0_SHA256").toString());
        assertThat(digest.matches(), is(true));
        assertThat(digest.group(1), is(DocumentedKeys.LOCAL_DIGEST));
        String example = Repo.read("deploy/compose/.env.example");
        assertThat(example, containsString("VIGIL_API_KEY_SHA256=" + DocumentedKeys.LOCAL_DIGEST + "\n"));
        assertThat(example, containsString("key:     " + DocumentedKeys.LOCAL_KEY));
        assertThat(example, containsString("LOCAL USE ONLY"));
        assertThat(Repo.read("README.md"), containsString("Authorization: Bearer " + DocumentedKeys.LOCAL_KEY));
    }

    private Map<String, Map<String, Object>> services() {
        return services(compose);
    }

    private static Map<String, Map<String, Object>> services(Map<String, Object> file) {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) file.get("services");
        return services;
    }

    private Map<String, Object> service(String name) {
        return services().get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    private static List<String> strings(Object value) {
        return value == null ? List.of() : ((List<?>) value).stream().map(String::valueOf).toList();
    }
}
