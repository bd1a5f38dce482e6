package io.vigil.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Renders both overlays (and prod with the monitoring component) with kubectl kustomize, deserialises every object
 * strictly into fabric8's typed models and asserts the policies, the network flows and what differs per environment.
 */
class KustomizeOverlaysTest {
    private static final Map<String, List<HasMetadata>> RENDERED = new ConcurrentHashMap<>();
    private static final Set<String> VIGIL_FLOWS = Set.of(
            "gateway->health-service:8081/TCP",
            "gateway->logparse-service:8082/TCP",
            "health-service->gateway:8080/TCP",
            "health-service->logparse-service:8082/TCP",
            "gateway->redis:6379/TCP");

    static List<HasMetadata> render(String kustomization) {
        return RENDERED.computeIfAbsent(kustomization, k -> {
            Path dir = k.startsWith("deploy/") ? Repo.path(k) : Repo.path("deploy-validation/src/test/resources/kustomize/" + k);
            return StrictKubernetes.parse(Kustomize.render(dir), k);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy/k8s/overlays/dev", "deploy/k8s/overlays/prod", "prod-with-monitoring"})
    void everyRenderedObjectPassesThePolicies(String kustomization) {
        List<HasMetadata> objects = render(kustomization);
        assertThat(ManifestPolicy.check(objects), is(empty()));
        Set<String> kinds = new TreeSet<>();
        objects.forEach(o -> kinds.add(o.getKind()));
        assertThat(kinds.containsAll(Set.of("Namespace", "Deployment", "Service", "ConfigMap", "Secret", "ServiceAccount",
                                            "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy", "Ingress")),
                   is(true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy/k8s/overlays/dev", "deploy/k8s/overlays/prod"})
    void theGatewaysShareTheirRateLimitsInARedisOnlyTheyReach(String overlay) {
        List<HasMetadata> objects = render(overlay);
        assertThat(deployment(objects, "redis").getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
                   is("redis:7.0.15-alpine"));
        Map<String, String> env = new HashMap<>();
        deployment(objects, "gateway").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .forEach(e -> env.put(e.getName(), e.getValue()));
        assertThat(env.get("GATEWAY_RATE_dash_LIMIT_REDIS_URI"), is("redis://redis:6379"));
        Set<String> intoRedis = new TreeSet<>();
        new NetworkFlows(objects).internalFlows().stream().filter(f -> f.contains("->redis:")).forEach(intoRedis::add);
        assertThat(intoRedis, is(Set.of("gateway->redis:6379/TCP")));
    }

    @Test
    void devRunsJaegerAndOnlyTheNeededFlows() {
        List<HasMetadata> dev = render("deploy/k8s/overlays/dev");
        Set<String> expected = new TreeSet<>(VIGIL_FLOWS);
        for (String service : ManifestPolicy.SERVICES.keySet()) {
            expected.add(service + "->jaeger:14250/TCP");
        }
        assertThat(new NetworkFlows(dev).internalFlows(), is(expected));
        assertThat(deployment(dev, "jaeger").getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
                   is("jaegertracing/all-in-one:1.62.0"));
        assertThat(tracing(dev).get("TRACING_HOST"), is("jaeger-collector"));
    }

    @Test
    void prodHasOnlyTheVigilFlowsAndMoreReplicas() {
        List<HasMetadata> prod = render("deploy/k8s/overlays/prod");
        List<HasMetadata> dev = render("deploy/k8s/overlays/dev");
        assertThat(new NetworkFlows(prod).internalFlows(), is(VIGIL_FLOWS));
        for (String service : List.of("gateway", "logparse-service")) {
            assertThat(hpa(prod, service).getSpec().getMinReplicas(), greaterThan(hpa(dev, service).getSpec().getMinReplicas()));
            assertThat(hpa(prod, service).getSpec().getMinReplicas(), greaterThan(2));
        }
        assertThat(deployment(prod, "health-service").getSpec().getReplicas(), is(3));
        assertThat(prod.stream().anyMatch(o -> o.getMetadata().getName().equals("jaeger")), is(false));
        assertThat(tracing(prod).get("TRACING_HOST"), endsWith(".observability.svc.cluster.local"));
    }

    @Test
    void prodImagesComeFromTheRegistryByTagAndTheServiceAccountHasItsRole() {
        List<HasMetadata> prod = render("deploy/k8s/overlays/prod");
        for (String service : ManifestPolicy.SERVICES.keySet()) {
            String image = deployment(prod, service).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
            assertThat(image, startsWith("ghcr.io/"));
            assertThat(image, not(endsWith(":dev")));
            assertThat(image.matches(".+:\\d+\\.\\d+\\.\\d+$"), is(true));
        }
        ServiceAccount account = References.ofType(prod, ServiceAccount.class).stream()
                .filter(a -> a.getMetadata().getName().equals("logparse-service")).findFirst().orElseThrow();
        assertThat(account.getMetadata().getAnnotations().get("eks.amazonaws.com/role-arn"),
                   startsWith("arn:aws:iam::"));
    }

    @Test
    void monitoringComponentIsTypedAndLinksExistingRunbooks() {
        List<HasMetadata> objects = render("prod-with-monitoring");
        List<PrometheusRule> rules = References.ofType(objects, PrometheusRule.class);
        assertThat(rules.size(), is(1));
        assertThat(References.ofType(objects, PodMonitor.class).size(), is(1));
        List<Rule> alerts = rules.get(0).getSpec().getGroups().stream().flatMap(g -> g.getRules().stream()).toList();
        assertThat(alerts.size(), greaterThan(6));
        Set<String> pages = new TreeSet<>();
        for (Rule alert : alerts) {
            String runbook = Objects.requireNonNullElse(alert.getAnnotations(), Map.<String, String>of()).get("runbook_url");
            assertThat(alert.getAlert() + " has a runbook_url", runbook != null && Files.isRegularFile(Repo.path(runbook)),
                       is(true));
            assertThat(alert.getLabels().get("severity") != null, is(true));
            pages.add(runbook);
        }
        assertThat(pages, hasItem("docs/runbooks/backend-down.md"));
        assertThat(pages, hasItem("docs/runbooks/trace-export-failing.md"));
    }

    @Test
    void kustomizationsUseNoDeprecatedFields() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Repo.path("deploy/k8s"))) {
            files = walk.filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList();
        }
        assertThat(files.size(), greaterThan(3));
        for (Path file : files) {
            for (String deprecated : List.of("commonLabels:", "patchesStrategicMerge:", "patchesJson6902:", "bases:",
                                             "vars:", "imageTags:")) {
                assertThat(file + " uses " + deprecated, Repo.read(file).lines().anyMatch(l -> l.startsWith(deprecated)),
                           is(false));
            }
        }
    }

    static Deployment deployment(List<HasMetadata> objects, String name) {
        return References.ofType(objects, Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    private static HorizontalPodAutoscaler hpa(List<HasMetadata> objects, String name) {
        return References.ofType(objects, HorizontalPodAutoscaler.class).stream()
                .filter(d -> d.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    private static Map<String, String> tracing(List<HasMetadata> objects) {
        return References.ofType(objects, ConfigMap.class).stream()
                .filter(m -> m.getMetadata().getName().startsWith("vigil-tracing-")).findFirst().orElseThrow().getData();
    }
}
