package io.vigil.gateway;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Ends exchanges that overstay: past their deadline, with a client that stopped sending its body, or with a
 * client that stopped reading. One daemon platform thread per JVM checks every exchange in flight every
 * {@value #PERIOD_MILLIS} ms; tracking an exchange is an insert into a concurrent set.
 *
 * <p>Why not Helidon's {@code Timeout}: it starts a virtual thread per call that sleeps for the whole timeout,
 * even after the call returned, so at 20,000 requests per second and a 60 s deadline more than a million
 * sleeping threads would pile up. Socket read timeouts bound the common case precisely; this watchdog bounds
 * what they cannot: blocked writes, the bulkhead queue and the overall deadline.
 */
final class Watchdog {
    /** How often exchanges are checked. */
    static final long PERIOD_MILLIS = 20;

    private static final System.Logger LOGGER = System.getLogger(Watchdog.class.getName());
    private static final Watchdog SHARED = start();

    private final Set<Exchange> exchanges = ConcurrentHashMap.newKeySet();

    private Watchdog() {
    }

    /**
     * The watchdog of this JVM.
     *
     * @return the running watchdog
     */
    static Watchdog shared() {
        return SHARED;
    }

    /**
     * Watches an exchange until {@link #untrack}.
     *
     * @param exchange exchange in flight
     */
    void track(Exchange exchange) {
        exchanges.add(exchange);
    }

    /**
     * Stops watching an exchange.
     *
     * @param exchange finished exchange
     */
    void untrack(Exchange exchange) {
        exchanges.remove(exchange);
    }

    /**
     * Exchanges being watched.
     *
     * @return count
     */
    int watched() {
        return exchanges.size();
    }

    private static Watchdog start() {
        Watchdog watchdog = new Watchdog();
        Thread.ofPlatform().name("gateway-watchdog").daemon(true).start(watchdog::run);
        return watchdog;
    }

    private void run() {
        while (true) {
            try {
                TimeUnit.MILLISECONDS.sleep(PERIOD_MILLIS);
                long now = System.nanoTime();
                for (Exchange exchange : exchanges) {
                    exchange.check(now);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOGGER.log(Level.ERROR, "Watchdog check failed", e);
            }
        }
    }
}
