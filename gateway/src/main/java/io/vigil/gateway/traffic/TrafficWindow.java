package io.vigil.gateway.traffic;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * The recent traffic of each route, computed from the same meters {@code /observe/metrics} publishes: every
 * {@code interval} a background thread reads each route's totals ({@link RouteMeters#tally()}) and keeps the last
 * {@code window} of readings. The difference of two readings is the traffic between them: requests per second,
 * the share of 5xx responses, and p50 and p99 estimated from the histogram's buckets the way Prometheus'
 * {@code histogram_quantile} does. One gateway's traffic: with several replicas, each answers for itself.
 */
final class TrafficWindow implements AutoCloseable {
    /** How far back the summary of each route looks. */
    static final Duration SUMMARY = Duration.ofMinutes(1);

    private static final System.Logger LOGGER = System.getLogger(TrafficWindow.class.getName());
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());
    private static final double[] BOUNDS_MS = RouteMeters.BUCKETS.stream().mapToDouble(d -> d.toNanos() / 1e6).toArray();

    private final RouteTable routes;
    private final TrafficSettings settings;
    private final Reading[] ring;
    private final ScheduledExecutorService reader =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("traffic-window").factory());
    private int next;
    private int size;

    /** Every route's totals at one moment. */
    private record Reading(Instant time, long nanos, Map<String, RouteMeters.Tally> tallies) {
    }

    private TrafficWindow(RouteTable routes, TrafficSettings settings) {
        this.routes = routes;
        this.settings = settings;
        this.ring = new Reading[settings.readings()];
    }

    /**
     * Takes a first reading now and then one every interval, in the background.
     *
     * @param routes   the measured routes
     * @param settings interval and window
     * @return the running window
     */
    static TrafficWindow start(RouteTable routes, TrafficSettings settings) {
        TrafficWindow window = new TrafficWindow(routes, settings);
        window.read();
        long interval = settings.interval().toNanos();
        window.reader.scheduleAtFixedRate(window::readLogged, interval, interval, TimeUnit.NANOSECONDS);
        return window;
    }

    /**
     * Reads every route's meters now and keeps the reading, dropping the oldest when the window is full.
     */
    void read() {
        Map<String, RouteMeters.Tally> tallies = new LinkedHashMap<>();
        for (RouteMeters route : routes.all()) {
            tallies.put(route.route(), route.tally());
        }
        Reading reading = new Reading(Instant.now(), System.nanoTime(), tallies);
        synchronized (ring) {
            ring[next] = reading;
            next = (next + 1) % ring.length;
            size = Math.min(size + 1, ring.length);
        }
    }

    /**
     * The window as the JSON document {@code GET /api/v1/traffic} answers with.
     *
     * @return the document
     */
    JsonObject json() {
        List<Reading> readings = readings();
        Reading latest = readings.getLast();
        Reading summaryStart = summaryStart(readings);
        JsonArrayBuilder routesJson = JSON.createArrayBuilder();
        for (RouteMeters route : routes.all()) {
            String name = route.route();
            JsonArrayBuilder points = JSON.createArrayBuilder();
            for (int i = 1; i < readings.size(); i++) {
                points.add(traffic(readings.get(i - 1), readings.get(i), name).add("t", readings.get(i).time().toString()));
            }
            JsonObjectBuilder routeJson = JSON.createObjectBuilder().add("route", name);
            routes.upstream(name).ifPresent(upstream -> routeJson.add("upstream", upstream));
            routesJson.add(routeJson.add("summary", traffic(summaryStart, latest, name)
                                             .add("seconds", round(seconds(summaryStart, latest))))
                                   .add("points", points));
        }
        return JSON.createObjectBuilder()
                .add("intervalSeconds", round(settings.interval().toNanos() / 1e9))
                .add("windowSeconds", round(settings.window().toNanos() / 1e9))
                .add("time", latest.time().toString())
                .add("routes", routesJson)
                .build();
    }

    /** Stops reading. */
    @Override
    public void close() {
        reader.shutdownNow();
    }

    private List<Reading> readings() {
        synchronized (ring) {
            List<Reading> readings = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                readings.add(ring[(next - size + i + ring.length) % ring.length]);
            }
            return readings;
        }
    }

    /** The reading the summary starts from: the oldest one at most {@link #SUMMARY} before the latest. */
    private static Reading summaryStart(List<Reading> readings) {
        long latest = readings.getLast().nanos();
        for (Reading reading : readings) {
            if (latest - reading.nanos() <= SUMMARY.toNanos()) {
                return reading;
            }
        }
        return readings.getLast();
    }

    /** The traffic of a route between two readings. */
    private static JsonObjectBuilder traffic(Reading from, Reading to, String route) {
        RouteMeters.Tally before = from.tallies().get(route);
        RouteMeters.Tally after = to.tallies().get(route);
        long requests = after.requests() - before.requests();
        long errors = after.errors() - before.errors();
        double seconds = seconds(from, to);
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("requests", requests)
                .add("errors", errors)
                .add("requestsPerSecond", seconds > 0 ? round(requests / seconds) : 0);
        if (requests <= 0) {
            return json.addNull("errorPercent").addNull("p50Ms").addNull("p99Ms");
        }
        long[] cumulative = new long[BOUNDS_MS.length];
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] = after.cumulative()[i] - before.cumulative()[i];
        }
        return json.add("errorPercent", round(100.0 * errors / requests))
                .add("p50Ms", round(HistogramQuantile.estimate(0.5, BOUNDS_MS, cumulative, requests)))
                .add("p99Ms", round(HistogramQuantile.estimate(0.99, BOUNDS_MS, cumulative, requests)));
    }

    private static double seconds(Reading from, Reading to) {
        return (to.nanos() - from.nanos()) / 1e9;
    }

    /** Three decimals are plenty for rates, percentages and milliseconds. */
    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private void readLogged() {
        try {
            read();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep reading.
            LOGGER.log(Level.WARNING, "Reading the route meters failed", e);
        }
    }
}
