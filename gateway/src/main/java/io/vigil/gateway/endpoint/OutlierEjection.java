package io.vigil.gateway.endpoint;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.vigil.gateway.config.OutlierSettings;

/**
 * Passive outlier ejection for one upstream, after Envoy's: an endpoint that failed {@code consecutive-failures} times
 * in a row leaves the rotation for {@code base-time} times its number of ejections (forgetting one ejection for every
 * {@code base-time} it then stays in rotation), at most {@code max-time}, unless {@code max-percent} of the endpoints
 * are out already (one may always be). A probe that sees an ejected endpoint recover brings it back at once.
 */
final class OutlierEjection {
    private static final System.Logger LOGGER = System.getLogger(OutlierEjection.class.getName());

    private final OutlierSettings settings;
    private final Supplier<List<Endpoint>> endpoints;
    private final long baseNanos;
    private final long maxNanos;

    OutlierEjection(OutlierSettings settings, Supplier<List<Endpoint>> endpoints) {
        this.settings = settings;
        this.endpoints = endpoints;
        this.baseNanos = settings.baseTime().toNanos();
        this.maxNanos = settings.maxTime().toNanos();
    }

    /**
     * Failures in a row that eject.
     *
     * @return the threshold
     */
    int threshold() {
        return settings.consecutiveFailures();
    }

    /**
     * Ejects an endpoint that reached the threshold, if the share of ejected endpoints allows.
     *
     * @param endpoint the failing endpoint
     * @param now      {@link System#nanoTime()}
     * @return {@code true} when it was ejected now
     */
    synchronized boolean tryEject(Endpoint endpoint, long now) {
        if (settings.maxPercent() == 0 || endpoint.retired() || endpoint.ejected(now)) {
            return false;
        }
        List<Endpoint> all = endpoints.get();
        long out = all.stream().filter(other -> other.ejected(now)).count();
        if (out >= Math.max(1, all.size() * settings.maxPercent() / 100)) {
            return false;
        }
        int earlier = endpoint.ejections();
        if (earlier > 0) {
            earlier = (int) Math.max(0, earlier - (now - endpoint.lastEjectionEnd()) / baseNanos);
        }
        int count = earlier + 1;
        long length = count > maxNanos / baseNanos ? maxNanos : Math.min(maxNanos, baseNanos * count);
        endpoint.ejections(count);
        endpoint.eject(now + length);
        endpoint.metrics().ejected();
        LOGGER.log(Level.WARNING, () -> "Endpoint " + endpoint.address() + " of upstream '" + endpoint.upstream()
                + "' ejected for " + Duration.ofNanos(length) + " after " + settings.consecutiveFailures()
                + " failures in a row (ejection " + count + ")");
        return true;
    }

    /**
     * Brings an ejected endpoint back into rotation early.
     *
     * @param endpoint an endpoint a probe found ready again
     */
    synchronized void restore(Endpoint endpoint) {
        long now = System.nanoTime();
        if (endpoint.ejected(now)) {
            endpoint.restore(now);
            LOGGER.log(Level.INFO, () -> "Endpoint " + endpoint.address() + " of upstream '" + endpoint.upstream()
                    + "' is ready again: back in rotation");
        }
    }
}
