package io.vigil.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Whether the rendered objects fit together: Services select pods and name their ports, HPAs and PDBs find their
 * Deployments, the Ingress routes to the gateway, and every ConfigMap, Secret and ServiceAccount a pod names exists
 * (generated names carry a hash suffix, so a reference kustomize did not rewrite would dangle).
 */
final class References {
    private final List<HasMetadata> objects;
    private final List<Deployment> deployments;
    private final List<String> violations = new ArrayList<>();

    private References(List<HasMetadata> objects) {
        this.objects = objects;
        this.deployments = ofType(objects, Deployment.class);
    }

    static List<String> check(List<HasMetadata> objects) {
        References references = new References(objects);
        references.checkPods();
        references.checkServices();
        references.checkScaling();
        references.checkDisruptionBudgets();
        references.checkIngresses();
        return references.violations;
    }

    private void checkPods() {
        for (Deployment deployment : deployments) {
            String where = "Deployment/" + deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            String account = Objects.requireNonNullElse(pod.getServiceAccountName(), "default");
            if (!exists(ServiceAccount.class, account)) {
                violations.add(where + ": ServiceAccount " + account + " is not rendered");
            }
            for (Volume volume : Objects.requireNonNullElse(pod.getVolumes(), List.<Volume>of())) {
                if (volume.getConfigMap() != null && !exists(ConfigMap.class, volume.getConfigMap().getName())) {
                    violations.add(where + ": volume " + volume.getName() + " names a missing ConfigMap "
                                   + volume.getConfigMap().getName());
                }
            }
            for (Container container : pod.getContainers()) {
                checkEnvFrom(where, container);
            }
            if (!Selectors.matches(deployment.getSpec().getSelector(),
                                   deployment.getSpec().getTemplate().getMetadata().getLabels())) {
                violations.add(where + ": its selector does not select its own pod template");
            }
        }
    }

    private void checkEnvFrom(String where, Container container) {
        for (EnvFromSource source : Objects.requireNonNullElse(container.getEnvFrom(), List.<EnvFromSource>of())) {
            if (source.getConfigMapRef() != null && !exists(ConfigMap.class, source.getConfigMapRef().getName())) {
                violations.add(where + ": envFrom names a missing ConfigMap " + source.getConfigMapRef().getName());
            }
            if (source.getSecretRef() != null && !exists(Secret.class, source.getSecretRef().getName())) {
                violations.add(where + ": envFrom names a missing Secret " + source.getSecretRef().getName());
            }
        }
    }

    private void checkServices() {
        for (Service service : ofType(objects, Service.class)) {
            String where = "Service/" + service.getMetadata().getName();
            Map<String, String> selector = Objects.requireNonNullElse(service.getSpec().getSelector(), Map.of());
            Optional<Deployment> target = deployments.stream()
                    .filter(d -> !selector.isEmpty() && d.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                            .containsAll(selector.entrySet()))
                    .findFirst();
            if (target.isEmpty()) {
                violations.add(where + ": its selector " + selector + " selects no rendered Deployment");
                continue;
            }
            List<ContainerPort> ports = target.get().getSpec().getTemplate().getSpec().getContainers().stream()
                    .flatMap(c -> Objects.requireNonNullElse(c.getPorts(), List.<ContainerPort>of()).stream()).toList();
            for (ServicePort port : service.getSpec().getPorts()) {
                if (!targets(port.getTargetPort(), ports)) {
                    violations.add(where + ": port " + port.getName() + " targets " + port.getTargetPort()
                                   + ", which no container of " + target.get().getMetadata().getName() + " declares");
                }
            }
        }
    }

    private static boolean targets(IntOrString target, List<ContainerPort> ports) {
        if (target == null) {
            return true;
        }
        return ports.stream().anyMatch(p -> target.getIntVal() != null
                ? target.getIntVal().equals(p.getContainerPort())
                : target.getStrVal().equals(p.getName()));
    }

    private void checkScaling() {
        for (HorizontalPodAutoscaler hpa : ofType(objects, HorizontalPodAutoscaler.class)) {
            String where = "HorizontalPodAutoscaler/" + hpa.getMetadata().getName();
            String target = hpa.getSpec().getScaleTargetRef().getName();
            Optional<Deployment> deployment = find(Deployment.class, target);
            if (deployment.isEmpty()) {
                violations.add(where + ": scales a missing Deployment " + target);
            } else if (deployment.get().getSpec().getReplicas() != null) {
                violations.add(where + ": Deployment " + target + " sets replicas, which every apply would reset");
            }
            boolean cpu = Objects.requireNonNullElse(hpa.getSpec().getMetrics(), List.<MetricSpec>of()).stream()
                    .anyMatch(m -> m.getResource() != null && "cpu".equals(m.getResource().getName()));
            if (!cpu) {
                violations.add(where + ": does not scale on CPU");
            }
            int min = Objects.requireNonNullElse(hpa.getSpec().getMinReplicas(), 1);
            if (min > hpa.getSpec().getMaxReplicas()) {
                violations.add(where + ": minReplicas " + min + " is above maxReplicas " + hpa.getSpec().getMaxReplicas());
            }
        }
    }

    private void checkDisruptionBudgets() {
        for (PodDisruptionBudget pdb : ofType(objects, PodDisruptionBudget.class)) {
            if (deployments.stream().noneMatch(d -> Selectors.matches(pdb.getSpec().getSelector(),
                                                                      d.getSpec().getTemplate().getMetadata().getLabels()))) {
                violations.add("PodDisruptionBudget/" + pdb.getMetadata().getName() + ": selects no rendered Deployment");
            }
        }
        for (Deployment deployment : deployments) {
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            if (ofType(objects, PodDisruptionBudget.class).stream()
                    .noneMatch(p -> Selectors.matches(p.getSpec().getSelector(), labels))
                && ManifestPolicy.SERVICES.containsKey(deployment.getMetadata().getName())) {
                violations.add("Deployment/" + deployment.getMetadata().getName() + ": no PodDisruptionBudget");
            }
        }
    }

    private void checkIngresses() {
        for (Ingress ingress : ofType(objects, Ingress.class)) {
            for (IngressRule rule : Objects.requireNonNullElse(ingress.getSpec().getRules(), List.<IngressRule>of())) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    String backend = path.getBackend().getService().getName();
                    if (!"gateway".equals(backend)) {
                        violations.add("Ingress/" + ingress.getMetadata().getName() + ": routes " + path.getPath()
                                       + " to " + backend + " (only the gateway is public)");
                    } else if (!exists(Service.class, backend)) {
                        violations.add("Ingress/" + ingress.getMetadata().getName() + ": Service " + backend + " is missing");
                    }
                }
            }
        }
    }

    private <T extends HasMetadata> boolean exists(Class<T> type, String name) {
        return find(type, name).isPresent();
    }

    private <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return ofType(objects, type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    static <T> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
