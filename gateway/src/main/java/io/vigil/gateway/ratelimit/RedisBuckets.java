package io.vigil.gateway.ratelimit;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

/**
 * Token buckets shared by every gateway, in Redis through Bucket4j's Lettuce integration: one key per caller, updated
 * by compare-and-swap, with a time to live that lets an idle caller's key expire once its bucket has refilled.
 *
 * <p>No request ever waits on a connection being made: the first one is made by a background thread, retried every
 * second until Redis answers, and a lost one is re-established by Lettuce in the background while calls fail at once.
 * A call waits at most {@code gateway.rate-limit.redis.timeout}, then fails with {@link RedisUnavailableException}.
 */
final class RedisBuckets implements AutoCloseable {
    private static final System.Logger LOGGER = System.getLogger(RedisBuckets.class.getName());
    /** How often the first connection is retried, and the longest pause between Lettuce's reconnection attempts. */
    private static final Duration RECONNECT = Duration.ofSeconds(1);
    /**
     * Lettuce's own bound on a command, so that commands a request stopped waiting for (a Redis that hangs) do not
     * pile up; requests themselves wait only the configured timeout.
     */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);
    /** Commands queued on a connection at most; beyond, calls fail at once instead of holding memory. */
    private static final int QUEUE_LIMIT = 10_000;
    /** A key lives this long after its bucket would be full again (a full bucket equals a fresh one). */
    private static final ExpirationAfterWriteStrategy EXPIRATION =
            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(5));

    private final RedisSettings settings;
    private final long timeoutNanos;
    private final String keyPrefix;
    private final CompletableFuture<BucketConfiguration> configuration;
    private final ClientResources resources;
    private final RedisClient client;
    private final Thread connector;
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private volatile StatefulRedisConnection<byte[], byte[]> connection;
    private volatile AsyncProxyManager<byte[]> buckets;
    private volatile boolean closed;

    /**
     * Creates the client and starts connecting in the background.
     *
     * @param limits   the bucket every caller gets
     * @param settings where Redis is and how long a request may wait on it
     */
    RedisBuckets(RateLimitSettings limits, RedisSettings settings) {
        this.settings = settings;
        this.timeoutNanos = settings.timeout().toNanos();
        // The limits are part of the key: gateways configured differently (during a change) never share a bucket.
        this.keyPrefix = "vigil:rate-limit:" + limits.requestsPerSecond() + "/s:" + limits.burst() + ":";
        this.configuration = CompletableFuture.completedFuture(BucketConfiguration.builder()
                                                                       .addLimit(LocalBuckets.bandwidth(limits))
                                                                       .build());
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), RECONNECT, 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, settings.uri());
        client.setOptions(ClientOptions.builder()
                                  .autoReconnect(true)
                                  .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                                  .requestQueueSize(QUEUE_LIMIT)
                                  .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                                  .socketOptions(SocketOptions.builder().connectTimeout(RECONNECT).keepAlive(true).build())
                                  .build());
        this.connector = Thread.ofVirtual().name("rate-limit-redis-connect").start(this::connect);
    }

    /**
     * Takes one token from a caller's shared bucket.
     *
     * @param caller API key id or client address
     * @return 0 when the request may go ahead, else the nanoseconds until a token is available
     * @throws RedisUnavailableException when Redis is not connected, answers with an error or not within the timeout
     */
    long tryAcquire(String caller) {
        AsyncProxyManager<byte[]> shared = buckets;
        if (shared == null || !connected()) {
            throw new RedisUnavailableException(RedisUnavailableException.Reason.DISCONNECTED, "not connected", null);
        }
        CompletableFuture<ConsumptionProbe> probe = shared.getProxy(key(caller), () -> configuration)
                .tryConsumeAndReturnRemaining(1);
        try {
            ConsumptionProbe result = probe.get(timeoutNanos, TimeUnit.NANOSECONDS);
            return result.isConsumed() ? 0 : Math.max(1, result.getNanosToWaitForRefill());
        } catch (TimeoutException e) {
            probe.cancel(false);
            throw new RedisUnavailableException(RedisUnavailableException.Reason.TIMEOUT,
                                                "no answer within " + settings.timeout().toMillis() + " ms", null);
        } catch (ExecutionException e) {
            throw new RedisUnavailableException(RedisUnavailableException.Reason.ERROR, String.valueOf(e.getCause()),
                                                e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisUnavailableException(RedisUnavailableException.Reason.ERROR, "interrupted", e);
        }
    }

    /**
     * Waits until the first attempt to connect has succeeded or failed, at most a bound: at start-up, so that the
     * first requests are already decided in Redis when it is there. Requests themselves never wait for a connection.
     *
     * @param bound longest wait
     * @throws InterruptedException when interrupted
     */
    void awaitFirstAttempt(Duration bound) throws InterruptedException {
        firstAttempt.await(bound.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Whether a connection to Redis is up right now.
     *
     * @return {@code false} before the first connection and while a lost one is being re-established
     */
    boolean connected() {
        StatefulRedisConnection<byte[], byte[]> current = connection;
        return current != null && current.isOpen();
    }

    /**
     * The Redis key of a caller's bucket.
     *
     * @param caller API key id or client address
     * @return the key
     */
    byte[] key(String caller) {
        return (keyPrefix + caller).getBytes(StandardCharsets.UTF_8);
    }

    /** Closes the connection and the client's threads, without waiting for them. */
    @Override
    public void close() {
        closed = true;
        connector.interrupt();
        // The client closes the connections it made.
        client.shutdownAsync(0, 2, TimeUnit.SECONDS).whenComplete((ignored, error) -> resources.shutdown(0, 2, TimeUnit.SECONDS));
    }

    /**
     * One call through the whole path before requests use it: the first one loads classes and sends Redis its scripts,
     * which can take longer than a request may wait. The key is no caller's (no key id or address has brackets).
     */
    private void warmUp(AsyncProxyManager<byte[]> shared) {
        try {
            shared.getProxy(key("(warm-up)"), () -> configuration).tryConsumeAndReturnRemaining(1).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOGGER.log(Level.DEBUG, "Warming up the rate limit's Redis path failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void connect() {
        boolean reported = false;
        while (!closed) {
            try {
                StatefulRedisConnection<byte[], byte[]> made = client.connect(ByteArrayCodec.INSTANCE);
                AsyncProxyManager<byte[]> shared = Bucket4jLettuce.casBasedBuilder(made)
                        .expirationAfterWrite(EXPIRATION)
                        .build()
                        .asAsync();
                warmUp(shared);
                buckets = shared;
                connection = made;
                if (closed) {
                    made.closeAsync();
                }
                LOGGER.log(Level.INFO, "Rate limits are shared in Redis at " + settings.safeUri());
                firstAttempt.countDown();
                return;
            } catch (RedisException e) {
                if (!reported) {
                    reported = true;
                    LOGGER.log(Level.WARNING, "Cannot connect to Redis at " + settings.safeUri() + " (" + e.getMessage()
                            + "); retrying every " + RECONNECT.toSeconds() + " s, meanwhile requests are "
                            + (settings.onFailure() == OnFailure.FAIL_OPEN ? "limited by this gateway's own buckets"
                                                                          : "answered 503"));
                }
            }
            firstAttempt.countDown();
            try {
                Thread.sleep(RECONNECT);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
