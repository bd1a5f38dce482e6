package io.vigil.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * Evaluates the rendered NetworkPolicies the way a conforming CNI enforces them: a connection from one pod to a port
 * of another is allowed when every direction that is isolated (some policy of that type selects the pod) has a rule
 * that admits it.
 */
final class NetworkFlows {
    private static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private final List<NetworkPolicy> policies;
    private final Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
    private final List<Pod> pods = new ArrayList<>();

    NetworkFlows(List<HasMetadata> objects) {
        this.policies = objects.stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast).toList();
        for (HasMetadata object : objects) {
            if (object instanceof Namespace namespace) {
                Map<String, String> labels = new HashMap<>(Objects.requireNonNullElse(namespace.getMetadata().getLabels(),
                                                                                       Map.of()));
                labels.put(NAMESPACE_NAME_LABEL, namespace.getMetadata().getName());
                namespaceLabels.put(namespace.getMetadata().getName(), labels);
            } else if (object instanceof Deployment deployment) {
                pods.add(Pod.of(deployment));
            }
        }
    }

    /** A workload's pods: where they run, their labels and the ports their containers listen on. */
    record Pod(String name, String namespace, Map<String, String> labels, List<ContainerPort> ports) {
        static Pod of(Deployment deployment) {
            List<ContainerPort> ports = new ArrayList<>();
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                ports.addAll(Objects.requireNonNullElse(container.getPorts(), List.of()));
            }
            return new Pod(deployment.getMetadata().getName(), deployment.getMetadata().getNamespace(),
                           Objects.requireNonNullElse(deployment.getSpec().getTemplate().getMetadata().getLabels(), Map.of()),
                           ports);
        }

        /** A pod outside the rendered objects (cluster DNS, a collector elsewhere, the internet). */
        static Pod external(String name, String namespace, Map<String, String> labels, int port, String protocol) {
            return new Pod(name, namespace, labels, List.of(new ContainerPort(port, null, null, null, protocol)));
        }
    }

    List<Pod> pods() {
        return pods;
    }

    /**
     * Every allowed connection between the rendered workloads, as {@code source->destination:port/protocol}.
     *
     * @return the flows, sorted
     */
    Set<String> internalFlows() {
        Set<String> flows = new TreeSet<>();
        for (Pod source : pods) {
            for (Pod destination : pods) {
                if (source == destination) {
                    continue;
                }
                for (ContainerPort port : destination.ports()) {
                    if (allowed(source, destination, port)) {
                        flows.add(source.name() + "->" + destination.name() + ":" + port.getContainerPort() + "/"
                                  + protocol(port.getProtocol()));
                    }
                }
            }
        }
        return flows;
    }

    /** Whether a connection is allowed in both directions that apply. */
    boolean allowed(Pod source, Pod destination, ContainerPort port) {
        return egressAllowed(source, destination, port) && ingressAllowed(source, destination, port);
    }

    /** Whether the source's egress policies let it connect (a destination outside the rendered set included). */
    boolean egressAllowed(Pod source, Pod destination, ContainerPort port) {
        List<NetworkPolicy> isolating = selecting(source, "Egress");
        return isolating.isEmpty() || isolating.stream().anyMatch(p -> Objects.requireNonNullElse(p.getSpec().getEgress(),
                List.<NetworkPolicyEgressRule>of()).stream()
                .anyMatch(r -> peersMatch(r.getTo(), p, destination) && portsMatch(r.getPorts(), destination, port)));
    }

    /** Whether the destination's ingress policies admit the connection. */
    boolean ingressAllowed(Pod source, Pod destination, ContainerPort port) {
        List<NetworkPolicy> isolating = selecting(destination, "Ingress");
        return isolating.isEmpty() || isolating.stream().anyMatch(p -> Objects.requireNonNullElse(p.getSpec().getIngress(),
                List.<NetworkPolicyIngressRule>of()).stream()
                .anyMatch(r -> peersMatch(r.getFrom(), p, source) && portsMatch(r.getPorts(), destination, port)));
    }

    /** Whether some policy isolates the pod in that direction. */
    boolean isolated(Pod pod, String direction) {
        return !selecting(pod, direction).isEmpty();
    }

    /** The policies of a pod's namespace that select it and apply to a direction. */
    List<NetworkPolicy> selecting(Pod pod, String direction) {
        return policies.stream()
                .filter(p -> Objects.equals(p.getMetadata().getNamespace(), pod.namespace()))
                .filter(p -> Selectors.matches(p.getSpec().getPodSelector(), pod.labels()))
                .filter(p -> types(p).contains(direction))
                .toList();
    }

    static List<String> types(NetworkPolicy policy) {
        List<String> types = policy.getSpec().getPolicyTypes();
        if (types != null && !types.isEmpty()) {
            return types;
        }
        return policy.getSpec().getEgress() == null || policy.getSpec().getEgress().isEmpty()
                ? List.of("Ingress") : List.of("Ingress", "Egress");
    }

    private boolean peersMatch(List<NetworkPolicyPeer> peers, NetworkPolicy policy, Pod other) {
        return peers == null || peers.isEmpty() || peers.stream().anyMatch(peer -> peerMatches(peer, policy, other));
    }

    private boolean peerMatches(NetworkPolicyPeer peer, NetworkPolicy policy, Pod other) {
        if (peer.getIpBlock() != null) {
            return false;
        }
        boolean namespaceMatches = peer.getNamespaceSelector() == null
                ? Objects.equals(policy.getMetadata().getNamespace(), other.namespace())
                : Selectors.matches(peer.getNamespaceSelector(), labelsOfNamespace(other.namespace()));
        return namespaceMatches && (peer.getPodSelector() == null || Selectors.matches(peer.getPodSelector(), other.labels()));
    }

    private Map<String, String> labelsOfNamespace(String namespace) {
        return namespaceLabels.getOrDefault(namespace, Map.of(NAMESPACE_NAME_LABEL, namespace));
    }

    private static boolean portsMatch(List<NetworkPolicyPort> ports, Pod destination, ContainerPort port) {
        return ports == null || ports.isEmpty() || ports.stream().anyMatch(p -> portMatches(p, destination, port));
    }

    private static boolean portMatches(NetworkPolicyPort rule, Pod destination, ContainerPort port) {
        if (!protocol(rule.getProtocol()).equals(protocol(port.getProtocol()))) {
            return false;
        }
        IntOrString number = rule.getPort();
        if (number == null) {
            return true;
        }
        if (number.getIntVal() != null) {
            int end = rule.getEndPort() == null ? number.getIntVal() : rule.getEndPort();
            return port.getContainerPort() >= number.getIntVal() && port.getContainerPort() <= end;
        }
        return number.getStrVal().equals(port.getName()) && destination.ports().contains(port);
    }

    private static String protocol(String protocol) {
        return protocol == null ? "TCP" : protocol;
    }
}
