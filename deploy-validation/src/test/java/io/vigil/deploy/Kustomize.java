package io.vigil.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization with {@code kubectl kustomize} (offline: no cluster is contacted). */
final class Kustomize {
    private Kustomize() {
    }

    /**
     * The rendered objects as multi-document YAML.
     *
     * @param dir the kustomization's directory
     * @return kubectl's output
     * @throws KustomizeException when kubectl fails, with its message
     */
    static String render(Path dir) {
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                    .redirectErrorStream(false)
                    .start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new KustomizeException("kubectl kustomize " + dir + " did not finish in 60 s");
            }
            if (process.exitValue() != 0) {
                throw new KustomizeException("kubectl kustomize " + dir + " failed: "
                                             + new String(err, StandardCharsets.UTF_8).strip());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kubectl (it must be on the PATH)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KustomizeException("interrupted while rendering " + dir);
        }
    }

    /** kubectl could not render a kustomization. */
    static final class KustomizeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KustomizeException(String message) {
            super(message);
        }
    }
}
