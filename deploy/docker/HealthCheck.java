import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * Container health probe without a shell or curl: exits 0 when {@code http://127.0.0.1:$SERVER_PORT<path>}
 * answers 2xx within two seconds, 1 otherwise (another status, refused, timed out). The path is the first
 * argument, {@code /observe/health/ready} by default. Compiled by deploy/docker/build-images.sh, copied into the image.
 */
public final class HealthCheck {
    private static final int TIMEOUT_MILLIS = 2000;

    private HealthCheck() {
    }

    /**
     * Probes the service and exits with 0 (healthy) or 1.
     *
     * @param args optional path to probe
     */
    public static void main(String[] args) {
        String port = System.getenv().getOrDefault("SERVER_PORT", "8080");
        String path = args.length > 0 ? args[0] : "/observe/health/ready";
        System.exit(probe("http://127.0.0.1:" + port + path) ? 0 : 1);
    }

    static boolean probe(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            connection.setInstanceFollowRedirects(false);
            int status = connection.getResponseCode();
            try (InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                if (body != null) {
                    body.transferTo(OutputStream.nullOutputStream());
                }
            }
            if (status < 200 || status > 299) {
                System.err.println("unhealthy: " + url + " answered " + status);
                return false;
            }
            return true;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("unhealthy: " + url + ": " + e);
            return false;
        }
    }
}
