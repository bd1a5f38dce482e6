package io.vigil.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

/**
 * NetworkPolicy coverage: a default-deny policy isolates every pod in both directions; from outside the namespace
 * only the ingress controller reaches only the gateway; every Vigil pod resolves names and reaches the Jaeger
 * collector; nothing reaches the internet. The flows between the rendered workloads are compared with the expected
 * list by the tests ({@link NetworkFlows#internalFlows()}).
 */
final class NetworkPolicyCoverage {
    private static final String NAME = "app.kubernetes.io/name";

    private NetworkPolicyCoverage() {
    }

    static List<String> check(List<HasMetadata> objects) {
        List<String> violations = new ArrayList<>();
        List<NetworkPolicy> policies = References.ofType(objects, NetworkPolicy.class);
        NetworkFlows flows = new NetworkFlows(objects);
        Set<String> namespaces = new TreeSet<>();
        flows.pods().forEach(p -> namespaces.add(p.namespace()));
        for (String namespace : namespaces) {
            if (policies.stream().noneMatch(p -> namespace.equals(p.getMetadata().getNamespace()) && isDefaultDeny(p))) {
                violations.add("namespace " + namespace + ": no default-deny NetworkPolicy (podSelector {}, Ingress and Egress,"
                               + " no rules)");
            }
        }
        for (NetworkPolicy policy : policies) {
            checkNoIpBlocks(policy, violations);
        }
        for (NetworkFlows.Pod pod : flows.pods()) {
            checkPod(flows, pod, violations);
        }
        return violations;
    }

    static boolean isDefaultDeny(NetworkPolicy policy) {
        var spec = policy.getSpec();
        boolean everyPod = Selectors.matches(spec.getPodSelector(), Map.of())
                           && (spec.getPodSelector().getMatchLabels() == null || spec.getPodSelector().getMatchLabels().isEmpty())
                           && (spec.getPodSelector().getMatchExpressions() == null
                               || spec.getPodSelector().getMatchExpressions().isEmpty());
        return everyPod && NetworkFlows.types(policy).containsAll(List.of("Ingress", "Egress"))
               && (spec.getIngress() == null || spec.getIngress().isEmpty())
               && (spec.getEgress() == null || spec.getEgress().isEmpty());
    }

    private static void checkNoIpBlocks(NetworkPolicy policy, List<String> violations) {
        List<NetworkPolicyPeer> peers = new ArrayList<>();
        Objects.requireNonNullElse(policy.getSpec().getIngress(), List.<NetworkPolicyIngressRule>of())
                .forEach(r -> peers.addAll(Objects.requireNonNullElse(r.getFrom(), List.of())));
        Objects.requireNonNullElse(policy.getSpec().getEgress(), List.<NetworkPolicyEgressRule>of())
                .forEach(r -> peers.addAll(Objects.requireNonNullElse(r.getTo(), List.of())));
        if (peers.stream().anyMatch(p -> p.getIpBlock() != null)) {
            violations.add("NetworkPolicy/" + policy.getMetadata().getName() + ": ipBlock peers (addresses outside the"
                           + " cluster) are not needed by any Vigil flow");
        }
    }

    private static void checkPod(NetworkFlows flows, NetworkFlows.Pod pod, List<String> violations) {
        String where = "pods of " + pod.name();
        for (String direction : List.of("Ingress", "Egress")) {
            if (!flows.isolated(pod, direction)) {
                violations.add(where + ": not isolated for " + direction + " (no NetworkPolicy selects them)");
            }
        }
        NetworkFlows.Pod anywhere = NetworkFlows.Pod.external("somewhere", "elsewhere", Map.of(), 443, "TCP");
        NetworkFlows.Pod controller = NetworkFlows.Pod.external("ingress-controller", "ingress-nginx",
                                                                Map.of(NAME, "ingress-nginx"), 443, "TCP");
        for (ContainerPort port : pod.ports()) {
            if (flows.ingressAllowed(anywhere, pod, port)) {
                violations.add(where + ": port " + port.getContainerPort() + " accepts connections from any namespace");
            }
            boolean fromController = flows.ingressAllowed(controller, pod, port);
            if (fromController != ("gateway".equals(pod.name()) && port.getContainerPort() == 8080)) {
                violations.add(where + ": port " + port.getContainerPort() + (fromController ? " is" : " is not")
                               + " reachable from the ingress controller (only the gateway's 8080 must be)");
            }
        }
        if (flows.egressAllowed(pod, anywhere, anywhere.ports().get(0))) {
            violations.add(where + ": may connect anywhere (egress to other namespaces and the internet is open)");
        }
        if (ManifestPolicy.SERVICES.containsKey(pod.name())) {
            checkVigilEgress(flows, pod, where, violations);
        }
    }

    private static void checkVigilEgress(NetworkFlows flows, NetworkFlows.Pod pod, String where, List<String> violations) {
        for (String protocol : List.of("UDP", "TCP")) {
            NetworkFlows.Pod dns = NetworkFlows.Pod.external("kube-dns", "kube-system", Map.of("k8s-app", "kube-dns"), 53,
                                                             protocol);
            if (!flows.egressAllowed(pod, dns, dns.ports().get(0))) {
                violations.add(where + ": cannot reach cluster DNS on 53/" + protocol);
            }
        }
        NetworkFlows.Pod collector = NetworkFlows.Pod.external("jaeger", "observability", Map.of(NAME, "jaeger"), 14250, "TCP");
        if (!flows.egressAllowed(pod, collector, collector.ports().get(0))) {
            violations.add(where + ": cannot reach the Jaeger collector on 14250/TCP");
        }
    }
}
