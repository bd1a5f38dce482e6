package io.vigil.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Deserialises Kubernetes YAML into fabric8's typed models, rejecting what they do not know. fabric8's models
 * collect unknown fields in {@code additionalProperties} through {@code @JsonAnySetter}, so
 * {@code FAIL_ON_UNKNOWN_PROPERTIES} alone changes nothing; an annotation introspector that hides every any-setter
 * makes a misspelled field an error naming it. A kind without a model (a typo, or a CRD not on the class path)
 * would become a {@link GenericKubernetesResource} and is rejected too.
 */
final class StrictKubernetes {
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---[ \\t]*$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization(strictMapper(), true);

    private StrictKubernetes() {
    }

    /**
     * Every object of a multi-document YAML text, typed.
     *
     * @param yaml the documents
     * @param source what the text is, for messages
     * @return the objects in document order
     * @throws IllegalArgumentException naming the source, the document and the field that is not in the schema
     */
    static List<HasMetadata> parse(String yaml, String source) {
        List<HasMetadata> objects = new ArrayList<>();
        String[] documents = DOCUMENT_SEPARATOR.split(yaml);
        for (int i = 0; i < documents.length; i++) {
            if (documents[i].isBlank() || documents[i].strip().lines().allMatch(l -> l.strip().startsWith("#"))) {
                continue;
            }
            objects.add(parseOne(documents[i], source + " document " + (i + 1)));
        }
        return objects;
    }

    private static HasMetadata parseOne(String document, String where) {
        KubernetesResource resource;
        try {
            resource = SERIALIZATION.unmarshal(document, KubernetesResource.class);
        } catch (RuntimeException e) {
            String message = rootMessage(e);
            if (message.contains(GenericKubernetesResource.class.getSimpleName())) {
                throw new IllegalArgumentException(where + ": unknown kind (no schema to validate it against): " + message, e);
            }
            throw new IllegalArgumentException(where + ": not a valid Kubernetes object: " + message, e);
        }
        if (resource instanceof GenericKubernetesResource generic) {
            throw new IllegalArgumentException(where + ": unknown kind " + generic.getApiVersion() + "/" + generic.getKind()
                                               + " (no schema to validate it against)");
        }
        if (!(resource instanceof HasMetadata object)) {
            throw new IllegalArgumentException(where + ": not a Kubernetes object with metadata: " + resource);
        }
        return object;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage().lines().findFirst().orElse("");
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        mapper.setAnnotationIntrospector(new NoAnySetter());
        return mapper;
    }

    /** Jackson's annotation introspector, blind to {@code @JsonAnySetter}. */
    private static final class NoAnySetter extends JacksonAnnotationIntrospector {
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean hasAnySetter(Annotated annotated) {
            return Boolean.FALSE;
        }
    }
}
