package io.vigil.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;
import io.vigil.common.config.InvalidConfigException;

/**
 * One entry of {@code gateway.routes}: requests whose path is {@code prefix} or starts with {@code prefix/} go to an
 * upstream, with the prefix replaced by {@code rewrite}. The upstream's timeouts and the gateway's body limit are the
 * route's unless it sets its own.
 *
 * @param prefix      path prefix under {@code /api/} (where API keys and rate limits apply), e.g. {@code /api/v1/logs}
 * @param upstream    name of the upstream ({@code upstream})
 * @param rewrite     what replaces the prefix upstream, e.g. {@code /v1} ({@code rewrite}, default the prefix itself)
 * @param timeouts    {@code connect-timeout}, {@code read-timeout}, {@code deadline}, each defaulting to the upstream's
 * @param maxBodySize largest request body ({@code max-body-size}, default and at most {@code gateway.limits.max-body-size})
 * @param operations  the only requests the route forwards, as {@code METHOD /path} below the prefix where a
 *                    {@code {name}} segment stands for any one segment ({@code operations}); empty forwards every
 *                    request below the prefix. Others are the gateway's 404, as for any unknown path.
 */
public record RouteSettings(String prefix, String upstream, String rewrite, Timeouts timeouts, long maxBodySize,
                            List<Operation> operations) {
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");
    private static final Pattern OPERATION = Pattern.compile("([A-Z]+) (/[A-Za-z0-9._~{}/-]*)");
    private static final String OPERATIONS = "\"METHOD /path\" entries under the route's prefix, such as "
            + "\"GET /api/v1/logs/formats\" or \"GET /api/v1/health/checks/{name}\"";

    /**
     * Creates the settings.
     */
    public RouteSettings {
        operations = List.copyOf(operations);
    }

    /**
     * One request a route forwards.
     *
     * @param method   the method, e.g. {@code GET}
     * @param segments the path's segments; {@code null} stands for any one segment
     */
    public record Operation(String method, List<String> segments) {
        /**
         * Whether a request is this operation.
         *
         * @param requestMethod the request's method
         * @param path          the request's path
         * @return {@code true} when both match
         */
        public boolean matches(String requestMethod, String path) {
            if (!method.equals(requestMethod)) {
                return false;
            }
            String[] parts = path.split("/", -1);
            if (parts.length != segments.size() + 1 || !parts[0].isEmpty()) {
                return false;
            }
            for (int i = 0; i < segments.size(); i++) {
                String expected = segments.get(i);
                if (parts[i + 1].isEmpty() || expected != null && !expected.equals(parts[i + 1])) {
                    return false;
                }
            }
            return true;
        }
    }
    private static final String PREFIX = "a path under /api/ such as /api/v1/logs (letters, digits, . _ ~ -; no trailing /)";

    /**
     * The routes when {@code gateway.routes} is not configured: the public API of logparse-service and health-service.
     *
     * @return the two default routes, as {@code prefix, upstream, rewrite}
     */
    public static List<List<String>> defaults() {
        return List.of(List.of("/api/v1/logs", "logparse", "/v1", "POST /api/v1/logs/analyze", "POST /api/v1/logs/parse",
                               "GET /api/v1/logs/formats"),
                       List.of("/api/v1/health/checks", "health", "/v1/checks", "GET /api/v1/health/checks",
                               "GET /api/v1/health/checks/{name}"));
    }

    /**
     * Reads and validates one route.
     *
     * @param route     the {@code gateway.routes.<n>} node
     * @param upstreams the configured upstreams, by name
     * @param limits    the gateway's limits (the default and ceiling of the body limit)
     * @return validated settings
     */
    public static RouteSettings create(Config route, Map<String, UpstreamSettings> upstreams, LimitSettings limits) {
        String prefix = ConfigValues.oneOf(route.get("prefix"), null, RouteSettings::apiPath, PREFIX);
        if (prefix == null) {
            throw new InvalidConfigException(route.get("prefix").key().toString(), "", PREFIX + "; the key is required");
        }
        String name = ConfigValues.nonBlank(route.get("upstream"), "");
        UpstreamSettings upstream = upstreams.get(name);
        if (upstream == null) {
            throw new InvalidConfigException(route.get("upstream").key().toString(), name,
                                             "the name of a configured upstream, one of " + upstreams.keySet());
        }
        String rewrite = ConfigValues.oneOf(route.get("rewrite"), prefix, RouteSettings::rewrite,
                                            "an absolute path such as /v1 or / (letters, digits, . _ ~ -; no trailing /)");
        return new RouteSettings(prefix, name, rewrite, Timeouts.create(route, upstream.timeouts()),
                                 ConfigValues.bytesIn(route.get("max-body-size"), limits.maxBodySize(), 0,
                                                      limits.maxBodySize()),
                                 operations(route.get("operations"), prefix));
    }

    /**
     * Whether the route forwards a request.
     *
     * @param method the request's method
     * @param path   the request's path
     * @return {@code true} when the path is under the prefix and, if the route lists operations, one of them matches
     */
    public boolean forwards(String method, String path) {
        if (!matches(path)) {
            return false;
        }
        if (operations.isEmpty()) {
            return true;
        }
        for (Operation operation : operations) {
            if (operation.matches(method, path)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a request path belongs to this route.
     *
     * @param path the request's path
     * @return {@code true} when it is the prefix or below it
     */
    public boolean matches(String path) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    /**
     * The upstream path of a request path of this route.
     *
     * @param path a path this route {@link #matches}
     * @return the path with the prefix rewritten
     */
    public String upstreamPath(String path) {
        String rewritten = rewrite + path.substring(prefix.length());
        return rewritten.isEmpty() ? "/" : rewritten;
    }

    private static List<Operation> operations(Config node, String prefix) {
        List<Config> items = node.hasValue() ? List.of(node) : node.asNodeList().orElse(List.of());
        List<Operation> operations = new ArrayList<>();
        for (Config item : items) {
            for (String text : item.asString().orElse("").split(",")) {
                operations.add(operation(item, text.trim(), prefix));
            }
        }
        return operations;
    }

    private static Operation operation(Config item, String text, String prefix) {
        var matcher = OPERATION.matcher(text);
        String path = matcher.matches() ? matcher.group(2) : "";
        if (!matcher.matches() || !(path.equals(prefix) || path.startsWith(prefix + "/")) || path.endsWith("/")) {
            throw new InvalidConfigException(item.key().toString(), text, OPERATIONS);
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.substring(1).split("/")) {
            segments.add(segment(item, text, segment));
        }
        return new Operation(matcher.group(1).toUpperCase(Locale.ROOT), segments);
    }

    /** A segment as it is, or {@code null} for a {@code {name}} that stands for any segment. */
    private static String segment(Config item, String text, String segment) {
        boolean any = segment.startsWith("{") && segment.endsWith("}") && segment.length() > 2;
        if (!any && (segment.contains("{") || segment.contains("}"))) {
            throw new InvalidConfigException(item.key().toString(), text, OPERATIONS);
        }
        return any ? null : segment;
    }

    private static String apiPath(String text) {
        String path = path(text);
        if (!path.startsWith("/api/")) {
            throw new IllegalArgumentException(text);
        }
        return path;
    }

    /** A rewrite of {@code /} drops the prefix. */
    private static String rewrite(String text) {
        return text.trim().equals("/") ? "" : path(text);
    }

    private static String path(String text) {
        String path = text.trim();
        if (!PATH.matcher(path).matches() || path.contains("/./") || path.contains("/../") || path.endsWith("/.")
                || path.endsWith("/..")) {
            throw new IllegalArgumentException(text);
        }
        return path;
    }
}
