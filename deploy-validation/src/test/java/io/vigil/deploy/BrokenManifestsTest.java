package io.vigil.deploy;

import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Deliberately broken manifests (src/test/resources) must fail validation, each for its own reason. */
class BrokenManifestsTest {
    @Test
    void aMisspelledFieldFailsStrictDeserialisation() {
        String rendered = Kustomize.render(Repo.path("deploy-validation/src/test/resources/kustomize/broken-misspelled-field"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                                                  () -> StrictKubernetes.parse(rendered, "broken-misspelled-field"));
        assertThat(e.getMessage(), containsString("terminationGracePeriodSecond"));
    }

    @Test
    void aMissingSecurityContextFailsThePolicies() {
        List<String> violations = ManifestPolicy.check(KustomizeOverlaysTest.render("broken-no-security-context"));
        assertThat(violations, hasItems("Deployment/gateway: no pod securityContext",
                                        "Deployment/gateway container gateway: no securityContext"));
    }

    @Test
    void anOpenNetworkFailsTheCoverage() {
        List<String> violations = ManifestPolicy.check(KustomizeOverlaysTest.render("broken-open-network"));
        assertThat(violations, hasItems(
                "namespace vigil: no default-deny NetworkPolicy (podSelector {}, Ingress and Egress, no rules)",
                "pods of logparse-service: port 8082 accepts connections from any namespace",
                "pods of logparse-service: port 8082 is reachable from the ingress controller"
                + " (only the gateway's 8080 must be)"));
    }

    @Test
    void aConfigKeyTheServiceDoesNotReadFails() {
        List<String> violations = ManifestPolicy.check(KustomizeOverlaysTest.render("broken-config-key"));
        assertThat(String.join("\n", violations),
                   containsString("gateway does not know the configuration key gateway.upstream.logparse.endpoints"));
    }

    @Test
    void aCarelessDeploymentFailsEveryPodPolicy() {
        List<HasMetadata> objects = StrictKubernetes.parse(Repo.read("deploy-validation/src/test/resources/broken/"
                                                                     + "missing-security-context.yaml"), "careless");
        List<String> violations = ManifestPolicy.check(objects);
        String where = "Deployment/careless container careless: ";
        assertThat(violations, hasItems("Deployment/careless: no pod securityContext",
                                        "Deployment/careless: automountServiceAccountToken is not false"
                                        + " (no service account token unless needed)",
                                        where + "no securityContext",
                                        where + "no resources.requests.cpu",
                                        where + "no resources.limits.memory",
                                        where + "image example/careless:latest is not pinned to a tag or digest"
                                        + " (no tag, or :latest)",
                                        where + "no readinessProbe",
                                        where + "no startupProbe"));
        assertThat(violations, hasItem("Deployment/careless: ServiceAccount default is not rendered"));
    }
}
