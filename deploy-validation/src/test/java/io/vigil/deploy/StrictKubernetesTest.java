package io.vigil.deploy;

import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StrictKubernetesTest {
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
            spec:
              selector:
                matchLabels: {app: demo}
              template:
                metadata:
                  labels: {app: demo}
                spec:
                  containers:
                    - name: demo
                      image: demo:1.0
                      ports:
                        - %s: 8080
            """;

    @Test
    void parsesTypedObjects() {
        List<HasMetadata> objects = StrictKubernetes.parse(DEPLOYMENT.formatted("containerPort") + "---\n# only a comment\n",
                                                           "test");
        assertThat(objects.size(), is(1));
        assertThat(objects.get(0), instanceOf(Deployment.class));
    }

    @Test
    void rejectsAMisspelledField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                                                  () -> StrictKubernetes.parse(DEPLOYMENT.formatted("contanerPort"), "test"));
        assertThat(e.getMessage(), containsString("contanerPort"));
    }

    @Test
    void rejectsAnUnknownKind() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                                                  () -> StrictKubernetes.parse(DEPLOYMENT.formatted("containerPort")
                                                                                       .replace("kind: Deployment",
                                                                                                "kind: Deploymnet"), "test"));
        assertThat(e.getMessage(), containsString("unknown kind"));
    }
}
