package io.vigil.gateway.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The web dashboard at {@code /}: a few static HTML, CSS and JavaScript files from the class path
 * ({@value #ROOT}), read once into memory, the pages assembled from their shared parts by {@link DashboardPages}.
 * They need no API key (the API calls the pages make carry the key the user enters) and are served with a strict
 * Content-Security-Policy, {@code nosniff}, and caching that always revalidates (a strong ETag from the content,
 * {@code 304} when it matches), so a new gateway's files are picked up at once. Helidon's static-content module is
 * not used: it answers a matching {@code If-None-Match} by throwing a 304 {@code HttpException}, which Vigil's error
 * handling would turn into a problem document.
 */
public final class DashboardService implements HttpService {
    /** Where the files are on the class path. */
    public static final String ROOT = "/dashboard/";
    /** Every file of the app, relative to {@link #ROOT}; each is served at {@code /<file>}. */
    public static final List<String> FILES = List.of("index.html", "health.html", "traffic.html", "assets/app.css",
                                              "assets/api.js", "assets/format.js", "assets/charts.js",
                                              "assets/analyze.js", "assets/health.js", "assets/traffic.js",
                                              "assets/refresh.js", "assets/favicon.svg");
    /**
     * Scripts, styles, images and API calls from this origin only; no inline script or style, no plugins, no
     * framing, no form posts elsewhere.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** Browsers may keep the files but must ask whether they changed before each use. */
    public static final String CACHE_CONTROL = "no-cache";

    private static final Map<String, String> MEDIA_TYPES = Map.of(
            "html", "text/html; charset=UTF-8",
            "css", "text/css; charset=UTF-8",
            "js", "text/javascript; charset=UTF-8",
            "svg", "image/svg+xml");

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    /** A file held in memory. */
    private record Asset(byte[] body, String mediaType, String etag) {
    }

    /** Reads the files from the class path. */
    public DashboardService() {
        for (String file : FILES) {
            assets.put("/" + file, load(file));
        }
        assets.put("/", assets.get("/index.html"));
    }

    @Override
    public void routing(HttpRules rules) {
        assets.forEach((path, asset) -> rules.route(Method.predicate(Method.GET, Method.HEAD), PathMatchers.exact(path),
                                                   (req, res) -> serve(asset, req, res)));
    }

    private static void serve(Asset asset, ServerRequest request, ServerResponse response) {
        response.header(HeaderNames.CACHE_CONTROL, CACHE_CONTROL)
                .header(HeaderNames.ETAG, asset.etag())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .header("Cross-Origin-Opener-Policy", "same-origin");
        if (request.headers().first(HeaderNames.IF_NONE_MATCH).map(tags -> matches(tags, asset.etag())).orElse(false)) {
            response.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        response.header(HeaderNames.CONTENT_TYPE, asset.mediaType());
        if (request.prologue().method() == Method.HEAD) {
            response.header(HeaderNames.CONTENT_LENGTH, Integer.toString(asset.body().length)).send();
        } else {
            response.send(asset.body());
        }
    }

    /** Whether an {@code If-None-Match} list names the tag (weak comparison, as RFC 9110 asks for it). */
    static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static Asset load(String file) {
        String extension = file.substring(file.lastIndexOf('.') + 1);
        String mediaType = MEDIA_TYPES.get(extension);
        if (mediaType == null) {
            throw new IllegalStateException("dashboard file " + file + ": no media type for ." + extension
                                                    + " (expected one of " + MEDIA_TYPES.keySet() + ")");
        }
        byte[] body = read(file);
        if (extension.equals("html")) {
            body = page(file, body);
        }
        return new Asset(body, mediaType, etag(body));
    }

    /**
     * A page as it is served: its includes replaced.
     *
     * @param file the page's file, e.g. {@code health.html}
     * @param html the page as written
     * @return the whole page
     */
    static byte[] page(String file, byte[] html) {
        return DashboardPages.assemble(file, new String(html, StandardCharsets.UTF_8),
                                       partial -> new String(read(partial), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] read(String file) {
        try (InputStream in = DashboardService.class.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new IllegalStateException("missing class path resource " + ROOT + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
