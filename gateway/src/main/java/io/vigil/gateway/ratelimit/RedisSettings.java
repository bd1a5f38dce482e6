package io.vigil.gateway.ratelimit;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import io.helidon.config.Config;
import io.lettuce.core.RedisURI;
import io.vigil.common.config.ConfigValues;
import io.vigil.common.config.InvalidConfigException;

/**
 * Where the shared buckets live ({@code gateway.rate-limit.redis}) and what happens when Redis cannot answer.
 *
 * @param uri       {@code redis://[:password@]host[:port][/database]}, or {@code rediss://} for TLS ({@code uri})
 * @param timeout   longest a request waits on Redis; then {@code onFailure} applies ({@code timeout}, default 50 ms)
 * @param onFailure {@code fail-open} (local buckets, the default) or {@code fail-closed} (503) ({@code on-failure})
 */
public record RedisSettings(RedisURI uri, Duration timeout, OnFailure onFailure) {
    /** Default {@code timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(50);

    /**
     * Reads and validates the {@code redis} section of {@code gateway.rate-limit}.
     *
     * @param redis the {@code gateway.rate-limit.redis} node (may be missing)
     * @return the settings, or empty when no {@code uri} is set (local buckets only)
     * @throws InvalidConfigException naming the first invalid key
     */
    public static Optional<RedisSettings> create(Config redis) {
        Config uriNode = redis.get("uri");
        String text = uriNode.exists() && uriNode.isLeaf() ? uriNode.asString().orElse("").trim() : "";
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RedisSettings(uri(uriNode, text),
                                             ConfigValues.durationIn(redis.get("timeout"), DEFAULT_TIMEOUT,
                                                                     Duration.ofMillis(1), Duration.ofSeconds(10)),
                                             ConfigValues.oneOf(redis.get("on-failure"), OnFailure.FAIL_OPEN)));
    }

    /**
     * The URI without its password, for logs and error messages.
     *
     * @return e.g. {@code redis://redis:6379/0}
     */
    public String safeUri() {
        return (uri.isSsl() ? "rediss" : "redis") + "://" + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }

    private static RedisURI uri(Config node, String text) {
        String scheme = text.contains("://") ? text.substring(0, text.indexOf("://")).toLowerCase(Locale.ROOT) : "";
        try {
            if (scheme.equals("redis") || scheme.equals("rediss")) {
                RedisURI uri = RedisURI.create(text);
                if (uri.getHost() != null && !uri.getHost().isBlank()) {
                    return uri;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        // The value may hold a password: the message shows it without the user information.
        throw new InvalidConfigException(node.key().toString(), text.replaceFirst("//[^@/]*@", "//***@"),
                                         "a redis:// or rediss:// URI such as redis://127.0.0.1:6379");
    }
}
