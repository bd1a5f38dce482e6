package io.vigil.gateway.endpoint;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Balancing by the power of two choices on outstanding requests, as Envoy's least-request and Finagle's P2C do: two
 * eligible endpoints drawn at random, and the one with fewer requests in progress wins. It needs no shared state
 * beyond each endpoint's counter, avoids the herd that "least outstanding of all" sends to one fresh endpoint, and
 * still steers away from a slow one.
 */
final class PowerOfTwoChoices {
    /** Which endpoints a choice may take. */
    enum Eligible {
        /** In rotation and not tried yet by this request. */
        AVAILABLE_UNTRIED,
        /** Not retired, circuit not open, not tried yet: ejection and readiness ignored (every endpoint is out). */
        ANY_UNTRIED,
        /** In rotation, tried or not (an upstream with fewer endpoints than attempts). */
        AVAILABLE,
        /** Not retired, circuit not open. */
        ANY
    }

    private PowerOfTwoChoices() {
    }

    /**
     * Chooses among the eligible endpoints.
     *
     * @param endpoints all endpoints of the upstream
     * @param tried     endpoints this request already tried
     * @param eligible  which endpoints count
     * @param now       {@link System#nanoTime()}
     * @return the choice, or {@code null} when none is eligible
     */
    static Endpoint choose(Endpoint[] endpoints, List<Endpoint> tried, Eligible eligible, long now) {
        int count = 0;
        for (Endpoint endpoint : endpoints) {
            if (eligible(endpoint, tried, eligible, now)) {
                count++;
            }
        }
        if (count == 0) {
            return null;
        }
        if (count == 1) {
            return nth(endpoints, tried, eligible, now, 0);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int first = random.nextInt(count);
        int second = random.nextInt(count - 1);
        if (second >= first) {
            second++;
        }
        Endpoint a = nth(endpoints, tried, eligible, now, first);
        Endpoint b = nth(endpoints, tried, eligible, now, second);
        return b.outstanding() < a.outstanding() ? b : a;
    }

    private static Endpoint nth(Endpoint[] endpoints, List<Endpoint> tried, Eligible eligible, long now, int n) {
        int seen = 0;
        for (Endpoint endpoint : endpoints) {
            if (eligible(endpoint, tried, eligible, now) && seen++ == n) {
                return endpoint;
            }
        }
        // The set changed while scanning (a probe or an ejection): any eligible endpoint will do.
        for (Endpoint endpoint : endpoints) {
            if (eligible(endpoint, tried, eligible, now)) {
                return endpoint;
            }
        }
        return endpoints[0];
    }

    private static boolean eligible(Endpoint endpoint, List<Endpoint> tried, Eligible eligible, long now) {
        return switch (eligible) {
            case AVAILABLE_UNTRIED -> endpoint.available(now) && !tried.contains(endpoint);
            case ANY_UNTRIED -> usable(endpoint) && !tried.contains(endpoint);
            case AVAILABLE -> endpoint.available(now);
            case ANY -> usable(endpoint);
        };
    }

    private static boolean usable(Endpoint endpoint) {
        return !endpoint.retired() && endpoint.breaker().state() != io.helidon.faulttolerance.CircuitBreaker.State.OPEN;
    }
}
