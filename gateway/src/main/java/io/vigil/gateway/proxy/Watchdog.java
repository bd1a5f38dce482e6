package io.vigil.gateway.proxy;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Ends exchanges that overstay: past their deadline, with a client that stopped sending its body, or with a client
 * that stopped reading. One daemon platform thread checks every exchange in flight every {@value #PERIOD_MILLIS} ms;
 * tracking an exchange is an insert into a concurrent set. The gateway starts one and hands it to its proxy.
 *
 * <p>Why not Helidon's {@code Timeout}: it starts a virtual thread per call that sleeps for the whole timeout,
 * even after the call returned, so at 20,000 requests per second and a 60 s deadline more than a million
 * sleeping threads would pile up. Socket read timeouts bound the common case precisely; this watchdog bounds
 * what they cannot: blocked writes, the bulkhead queue and the overall deadline.
 */
public final class Watchdog implements AutoCloseable {
    /** How often exchanges are checked. */
    static final long PERIOD_MILLIS = 20;

    private static final System.Logger LOGGER = System.getLogger(Watchdog.class.getName());

    private final Set<Exchange> exchanges = ConcurrentHashMap.newKeySet();
    private final Thread thread;

    private Watchdog() {
        this.thread = Thread.ofPlatform().name("gateway-watchdog").daemon(true).unstarted(this::run);
    }

    /**
     * Starts a watchdog.
     *
     * @return the running watchdog
     */
    public static Watchdog start() {
        Watchdog watchdog = new Watchdog();
        watchdog.thread.start();
        return watchdog;
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
     * Checks every exchange once; the watchdog's thread does this every period.
     *
     * @param now {@link System#nanoTime()}
     */
    void check(long now) {
        for (Exchange exchange : exchanges) {
            exchange.check(now);
        }
    }

    /** Stops the watchdog's thread. */
    @Override
    public void close() {
        thread.interrupt();
    }

    private void run() {
        while (true) {
            try {
                TimeUnit.MILLISECONDS.sleep(PERIOD_MILLIS);
                check(System.nanoTime());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOGGER.log(Level.ERROR, "Watchdog check failed", e);
            }
        }
    }
}
