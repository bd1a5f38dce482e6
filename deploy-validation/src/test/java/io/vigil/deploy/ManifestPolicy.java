package io.vigil.deploy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.yaml.snakeyaml.Yaml;

/**
 * Policy assertions on rendered workloads: restricted pod security, probes, resources, pinned images, graceful
 * drain, and configuration that the services actually read. Each violation is one line naming the object.
 */
final class ManifestPolicy {
    /** The Vigil services and the port each listens on. */
    static final Map<String, Integer> SERVICES = Map.of("gateway", 8080, "health-service", 8081, "logparse-service", 8082);

    private final List<HasMetadata> objects;
    private final List<String> violations = new ArrayList<>();

    private ManifestPolicy(List<HasMetadata> objects) {
        this.objects = objects;
    }

    /**
     * Every violation in a set of rendered objects.
     *
     * @param objects the objects
     * @return one line per violation; empty when all pass
     */
    static List<String> check(List<HasMetadata> objects) {
        ManifestPolicy policy = new ManifestPolicy(objects);
        for (HasMetadata object : objects) {
            policy.checkObject(object);
        }
        policy.violations.addAll(References.check(objects));
        policy.violations.addAll(NetworkPolicyCoverage.check(objects));
        return List.copyOf(policy.violations);
    }

    private void checkObject(HasMetadata object) {
        String where = object.getKind() + "/" + object.getMetadata().getName();
        if (!(object instanceof Namespace) && object.getMetadata().getNamespace() == null) {
            violations.add(where + ": no namespace");
        }
        if (object instanceof Namespace namespace) {
            checkNamespace(where, namespace);
        } else if (object instanceof Deployment deployment) {
            checkDeployment(where, deployment);
        } else if (object instanceof ServiceAccount account && !Boolean.FALSE.equals(account.getAutomountServiceAccountToken())) {
            violations.add(where + ": automountServiceAccountToken is not false");
        } else if (object instanceof ConfigMap map) {
            checkConfigFile(where, map);
        } else if (object instanceof Secret secret) {
            checkApiKeys(where, secret);
        }
    }

    private void checkNamespace(String where, Namespace namespace) {
        Map<String, String> labels = Objects.requireNonNullElse(namespace.getMetadata().getLabels(), Map.of());
        if (!"restricted".equals(labels.get("pod-security.kubernetes.io/enforce"))) {
            violations.add(where + ": pod-security.kubernetes.io/enforce is not restricted");
        }
    }

    private void checkDeployment(String where, Deployment deployment) {
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        checkPodSecurity(where, pod);
        List<Container> containers = new ArrayList<>(pod.getContainers());
        containers.addAll(Objects.requireNonNullElse(pod.getInitContainers(), List.of()));
        for (Container container : containers) {
            String at = where + " container " + container.getName();
            checkContainerSecurity(at, container.getSecurityContext(), pod.getSecurityContext());
            checkResources(at, container.getResources());
            checkImage(at, container.getImage());
        }
        for (Container container : pod.getContainers()) {
            checkProbes(where + " container " + container.getName(), container);
        }
        String name = deployment.getMetadata().getName();
        if (SERVICES.containsKey(name)) {
            checkVigilService(where, name, pod);
        }
    }

    private void checkPodSecurity(String where, PodSpec pod) {
        if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
            violations.add(where + ": automountServiceAccountToken is not false (no service account token unless needed)");
        }
        PodSecurityContext context = pod.getSecurityContext();
        if (context == null) {
            violations.add(where + ": no pod securityContext");
            return;
        }
        if (!Boolean.TRUE.equals(context.getRunAsNonRoot())) {
            violations.add(where + ": securityContext.runAsNonRoot is not true");
        }
        if (context.getRunAsUser() != null && context.getRunAsUser() == 0) {
            violations.add(where + ": securityContext.runAsUser is 0 (root)");
        }
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
            || Boolean.TRUE.equals(pod.getHostIPC())) {
            violations.add(where + ": shares a host namespace (hostNetwork, hostPID or hostIPC)");
        }
    }

    private void checkContainerSecurity(String where, SecurityContext context, PodSecurityContext pod) {
        if (context == null) {
            violations.add(where + ": no securityContext");
            return;
        }
        expect(where, "allowPrivilegeEscalation", context.getAllowPrivilegeEscalation(), false);
        expect(where, "readOnlyRootFilesystem", context.getReadOnlyRootFilesystem(), true);
        if (Boolean.TRUE.equals(context.getPrivileged())) {
            violations.add(where + ": privileged");
        }
        checkCapabilities(where, context.getCapabilities());
        String seccomp = context.getSeccompProfile() != null ? context.getSeccompProfile().getType()
                : pod != null && pod.getSeccompProfile() != null ? pod.getSeccompProfile().getType() : null;
        if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
            violations.add(where + ": seccompProfile is not RuntimeDefault (found " + seccomp + ")");
        }
    }

    private void checkCapabilities(String where, Capabilities capabilities) {
        if (capabilities == null || capabilities.getDrop() == null || !capabilities.getDrop().contains("ALL")) {
            violations.add(where + ": capabilities.drop does not contain ALL");
        } else if (capabilities.getAdd() != null && !capabilities.getAdd().isEmpty()) {
            violations.add(where + ": adds capabilities " + capabilities.getAdd());
        }
    }

    private void expect(String where, String field, Boolean actual, boolean expected) {
        if (!Objects.equals(actual, expected)) {
            violations.add(where + ": securityContext." + field + " is " + actual + " (expected: " + expected + ")");
        }
    }

    private void checkResources(String where, ResourceRequirements resources) {
        Map<String, Quantity> requests = resources == null ? null : resources.getRequests();
        Map<String, Quantity> limits = resources == null ? null : resources.getLimits();
        for (String resource : List.of("cpu", "memory")) {
            if (requests == null || !requests.containsKey(resource)) {
                violations.add(where + ": no resources.requests." + resource);
            }
        }
        if (limits == null || !limits.containsKey("memory")) {
            violations.add(where + ": no resources.limits.memory");
        }
    }

    private void checkImage(String where, String image) {
        String name = image == null ? "" : image.substring(image.lastIndexOf('/') + 1);
        boolean digest = name.contains("@sha256:");
        if (!digest && (!name.contains(":") || name.endsWith(":latest"))) {
            violations.add(where + ": image " + image + " is not pinned to a tag or digest (no tag, or :latest)");
        }
    }

    private void checkProbes(String where, Container container) {
        Map<String, Probe> probes = new LinkedHashMap<>();
        probes.put("startupProbe", container.getStartupProbe());
        probes.put("livenessProbe", container.getLivenessProbe());
        probes.put("readinessProbe", container.getReadinessProbe());
        probes.forEach((name, probe) -> {
            if (probe == null) {
                violations.add(where + ": no " + name);
            }
        });
    }

    private void checkVigilService(String where, String name, PodSpec pod) {
        Container container = pod.getContainers().get(0);
        checkProbePath(where, "livenessProbe", container.getLivenessProbe(), "/observe/health/live");
        checkProbePath(where, "readinessProbe", container.getReadinessProbe(), "/observe/health/ready");
        if (pod.getTopologySpreadConstraints() == null || pod.getTopologySpreadConstraints().isEmpty()) {
            violations.add(where + ": no topologySpreadConstraints");
        }
        long preStop = Optional.ofNullable(container.getLifecycle()).map(l -> l.getPreStop())
                .map(h -> h.getSleep() == null ? 0L : h.getSleep().getSeconds()).orElse(-1L);
        if (preStop < 0) {
            violations.add(where + ": no lifecycle.preStop (endpoints must drop the pod before the drain starts)");
        }
        Duration drain = drainOf(pod).orElse(Duration.ofSeconds(20));
        long grace = Objects.requireNonNullElse(pod.getTerminationGracePeriodSeconds(), 30L);
        if (grace <= Math.max(preStop, 0) + drain.toSeconds()) {
            violations.add(where + ": terminationGracePeriodSeconds " + grace + " is not above preStop " + preStop
                           + " s + server.drain delay and timeout " + drain.toSeconds() + " s");
        }
        checkEnvironment(where, name, container);
    }

    private void checkProbePath(String where, String probeName, Probe probe, String path) {
        HTTPGetAction get = probe == null ? null : probe.getHttpGet();
        if (get == null || !path.equals(get.getPath())) {
            violations.add(where + ": " + probeName + " does not GET " + path);
        }
    }

    /** server.drain.delay + server.drain.timeout of the config file the pod mounts. */
    private Optional<Duration> drainOf(PodSpec pod) {
        return configFileOf(pod).map(yaml -> {
            Map<?, ?> drain = (Map<?, ?>) ((Map<?, ?>) yaml.getOrDefault("server", Map.of())).get("drain");
            Map<?, ?> values = drain == null ? Map.of() : drain;
            return Duration.parse(String.valueOf(Objects.requireNonNullElse(values.get("delay"), "PT0S")))
                    .plus(Duration.parse(String.valueOf(Objects.requireNonNullElse(values.get("timeout"), "PT20S"))));
        });
    }

    private Optional<Map<String, Object>> configFileOf(PodSpec pod) {
        for (Volume volume : Objects.requireNonNullElse(pod.getVolumes(), List.<Volume>of())) {
            if (volume.getConfigMap() == null) {
                continue;
            }
            Optional<ConfigMap> map = find(ConfigMap.class, volume.getConfigMap().getName());
            if (map.isPresent() && map.get().getData() != null && map.get().getData().containsKey("config.yaml")) {
                return Optional.of(new Yaml().load(map.get().getData().get("config.yaml")));
            }
        }
        return Optional.empty();
    }

    private void checkEnvironment(String where, String service, Container container) {
        ConfigKeys keys = ConfigKeys.of(service);
        Consumer<String> checkVariable = variable -> ConfigKeys.keyOfVariable(variable)
                .flatMap(keys::problem)
                .ifPresent(problem -> violations.add(where + ": environment variable " + variable + ": " + problem));
        for (EnvVar env : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of())) {
            checkVariable.accept(env.getName());
        }
        for (EnvFromSource source : Objects.requireNonNullElse(container.getEnvFrom(), List.<EnvFromSource>of())) {
            if (source.getConfigMapRef() != null) {
                find(ConfigMap.class, source.getConfigMapRef().getName())
                        .ifPresent(map -> Objects.requireNonNullElse(map.getData(), Map.<String, String>of())
                                .keySet().forEach(checkVariable));
            }
            if (source.getSecretRef() != null) {
                find(Secret.class, source.getSecretRef().getName())
                        .ifPresent(secret -> Objects.requireNonNullElse(secret.getData(), Map.<String, String>of())
                                .keySet().forEach(checkVariable));
            }
        }
    }

    private void checkConfigFile(String where, ConfigMap map) {
        String file = map.getData() == null ? null : map.getData().get("config.yaml");
        String service = SERVICES.keySet().stream().filter(s -> map.getMetadata().getName().startsWith(s + "-config"))
                .findFirst().orElse(null);
        if (file == null || service == null) {
            return;
        }
        ConfigKeys keys = ConfigKeys.of(service);
        Map<String, Object> yaml = new Yaml().load(file);
        for (String key : ConfigKeys.keysOf(yaml)) {
            keys.problem(key).ifPresent(problem -> violations.add(where + " config.yaml: " + problem));
        }
    }

    /** API key digests: 64 hex digits, and in a repository never a real key (the placeholder, or the local one). */
    private void checkApiKeys(String where, Secret secret) {
        Map<String, String> data = Objects.requireNonNullElse(secret.getData(), Map.of());
        data.forEach((name, base64) -> {
            if (!name.matches("GATEWAY_AUTH_KEYS_\\d+_SHA256")) {
                return;
            }
            String digest = new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
            if (!digest.matches("[0-9a-f]{64}")) {
                violations.add(where + ": " + name + " is not a SHA-256 digest (64 lowercase hex digits)");
            } else if (!Set.of("0".repeat(64), DocumentedKeys.LOCAL_DIGEST).contains(digest)) {
                violations.add(where + ": " + name + " holds a digest that is neither the placeholder nor the documented"
                               + " local key: real key digests never go into the repository");
            }
        });
    }

    private <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }
}
