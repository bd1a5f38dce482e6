package io.vigil.common.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.helidon.common.context.Context;
import io.helidon.common.context.Contexts;
import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.health.HealthCheck;
import io.helidon.tracing.Tracer;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.ObserveFeatureConfig;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.observe.tracing.TracingObserver;
import io.vigil.common.accesslog.AccessLog;
import io.vigil.common.accesslog.AccessLogSettings;
import io.vigil.common.config.ConfigLoader;
import io.vigil.common.config.InvalidConfigException;
import io.vigil.common.config.ServerSettings;
import io.vigil.common.http.PassThroughEncoding;
import io.vigil.common.http.ProblemDirectHandler;
import io.vigil.common.http.StandardRouting;
import io.vigil.common.logging.LogSettings;
import io.vigil.common.logging.Logging;
import io.vigil.common.tracing.TraceIdFilter;
import io.vigil.common.tracing.TracerSetup;
import io.vigil.common.tracing.Tracing;
import io.vigil.common.tracing.TracingSettings;

/**
 * A running Vigil service: a Helidon web server with {@code /observe/health} ({@code /live}, {@code /ready}),
 * {@code /observe/metrics}, request ids, problem+json errors, graceful drain and, when {@code tracing.enabled}, a
 * server span per request with its trace id in logs and responses, plus the service's own routes and health checks.
 * The service's setup runs inside the server's context, where {@link Tracing#tracer()} finds the service's tracer.
 * {@link #run} is what a {@code Main} calls; {@link #start} is for tests and embedding.
 */
public final class VigilService {
    /** Exit status when the configuration is invalid. */
    public static final int EXIT_CONFIG = 2;
    /** Exit status when the server cannot start (e.g. the port is taken). */
    public static final int EXIT_START = 1;

    private static final System.Logger LOGGER = System.getLogger(VigilService.class.getName());

    private final String name;
    private final ServerSettings settings;
    private final GracefulDrain drain;
    private final WebServer server;
    private final AccessLog accessLog;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private VigilService(String name, ServerSettings settings, GracefulDrain drain, WebServer server, AccessLog accessLog) {
        this.name = name;
        this.settings = settings;
        this.drain = drain;
        this.server = server;
        this.accessLog = accessLog;
    }

    /**
     * Entry point of a service's {@code Main}: loads configuration, sets up logging, starts the server and
     * drains gracefully on SIGTERM/SIGINT, then exits 0. Invalid configuration prints one line naming the
     * key and exits {@value #EXIT_CONFIG}; a server that cannot start exits {@value #EXIT_START}.
     *
     * @param name   service name, e.g. {@code gateway}
     * @param routes the service's own routes
     */
    public static void run(String name, RoutingSetup routes) {
        run(name, adapt(routes), ServerSetup.NONE);
    }

    /**
     * Like {@link #run(String, RoutingSetup)}, for a service that also adds health checks of its own.
     *
     * @param name  service name, e.g. {@code health-service}
     * @param setup the service's own routes and health checks
     */
    public static void run(String name, ServiceSetup setup) {
        run(name, setup, ServerSetup.NONE);
    }

    /**
     * Like {@link #run(String, RoutingSetup)}, with listener settings of the service's own.
     *
     * @param name   service name, e.g. {@code gateway}
     * @param routes the service's own routes
     * @param server the service's own listener settings
     */
    public static void run(String name, RoutingSetup routes, ServerSetup server) {
        run(name, adapt(routes), server);
    }

    private static void run(String name, ServiceSetup setup, ServerSetup server) {
        VigilService service;
        try {
            Config config = ConfigLoader.load();
            Logging.configure(LogSettings.create(config.get("log")));
            service = start(name, config, setup, server, TracerSetup.NONE);
        } catch (InvalidConfigException | ConfigException e) {
            fail(name, e.getMessage(), EXIT_CONFIG);
            return;
        } catch (UncheckedIOException e) {
            fail(name, "cannot listen on " + e.getCause().getMessage(), EXIT_START);
            return;
        }
        LOGGER.log(Level.INFO, name + " ready on http://" + service.settings.host() + ":" + service.port()
                + " in " + ManagementFactory.getRuntimeMXBean().getUptime() + " ms (Java "
                + Runtime.version().feature() + ")");
        AtomicBoolean signalled = new AtomicBoolean();
        TerminationSignals.onTermination(() -> {
            if (!signalled.compareAndSet(false, true)) {
                LOGGER.log(Level.WARNING, name + " asked again to terminate: exiting without waiting");
                Runtime.getRuntime().halt(1);
            }
            // The signal thread is a daemon: drain on a normal thread so the JVM cannot exit half-way.
            Thread.ofPlatform().name(name + "-shutdown").daemon(false).start(() -> {
                service.shutdown();
                System.exit(0);
            });
        });
    }

    /**
     * Starts a service with the given configuration.
     *
     * @param name   service name
     * @param config whole configuration ({@code server}, the service's own section, ...)
     * @param routes the service's own routes
     * @return the running service
     * @throws InvalidConfigException when a value is invalid
     * @throws UncheckedIOException   when the server cannot listen
     */
    public static VigilService start(String name, Config config, RoutingSetup routes) {
        return start(name, config, adapt(routes), ServerSetup.NONE, TracerSetup.NONE);
    }

    /**
     * Starts a service with the given configuration and listener settings of its own.
     *
     * @param name   service name
     * @param config whole configuration ({@code server}, the service's own section, ...)
     * @param routes the service's own routes
     * @param server the service's own listener settings, applied after Helidon has read {@code server.*}
     * @return the running service
     * @throws InvalidConfigException when a value is invalid
     * @throws UncheckedIOException   when the server cannot listen
     */
    public static VigilService start(String name, Config config, RoutingSetup routes, ServerSetup server) {
        return start(name, config, adapt(routes), server, TracerSetup.NONE);
    }

    /**
     * Starts a service that also adds health checks of its own to {@code /observe/health}.
     *
     * @param name   service name
     * @param config whole configuration ({@code server}, the service's own section, ...)
     * @param setup  the service's own routes and health checks
     * @return the running service
     * @throws InvalidConfigException when a value is invalid
     * @throws UncheckedIOException   when the server cannot listen
     */
    public static VigilService start(String name, Config config, ServiceSetup setup) {
        return start(name, config, setup, ServerSetup.NONE, TracerSetup.NONE);
    }

    /**
     * Starts a service with everything it can be given: routes and health checks, listener settings and last
     * changes to its tracer (tests add an in-memory span exporter this way).
     *
     * @param name        service name, also the default {@code tracing.service}
     * @param config      whole configuration ({@code server}, {@code tracing}, the service's own section, ...)
     * @param setup       the service's own routes and health checks
     * @param serverSetup the service's own listener settings
     * @param tracerSetup changes to the Jaeger tracer builder; used only when {@code tracing.enabled} is true
     * @return the running service
     * @throws InvalidConfigException when a value is invalid
     * @throws UncheckedIOException   when the server cannot listen
     */
    public static VigilService start(String name, Config config, ServiceSetup setup, ServerSetup serverSetup,
                                     TracerSetup tracerSetup) {
        ServerSettings settings = ServerSettings.create(config.get("server"));
        TracingSettings tracing = TracingSettings.create(config.get("tracing"), name);
        AccessLogSettings accessLogSettings = AccessLogSettings.create(config.get("access-log"));
        ensurePortFree(settings);
        AccessLog accessLog = AccessLog.start(name, accessLogSettings);
        try {
            return start(name, config, setup, new Setups(serverSetup, tracerSetup), settings, tracing, accessLog);
        } catch (RuntimeException e) {
            accessLog.close();
            throw e;
        }
    }

    /** The adjustments a caller gives {@link #start(String, Config, ServiceSetup, ServerSetup, TracerSetup)}. */
    private record Setups(ServerSetup server, TracerSetup tracer) {
    }

    private static VigilService start(String name, Config config, ServiceSetup setup, Setups setups,
                                      ServerSettings settings, TracingSettings tracing, AccessLog accessLog) {
        Tracer tracer = Tracing.create(tracing, setups.tracer());
        Context context = Context.builder().id("vigil-" + name).parent(Contexts.globalContext()).build();
        context.register(tracer);
        GracefulDrain drain = new GracefulDrain();
        List<HealthCheck> checks = new ArrayList<>();
        checks.add(drain.readiness());
        // Routes first: setting them up is where the service contributes its health checks.
        HttpRouting.Builder routing = HttpRouting.builder();
        // Outside every other filter, so that it sees each request's final status and its whole duration.
        accessLog.filter().ifPresent(routing::addFilter);
        StandardRouting.apply(routing);
        if (tracing.enabled()) {
            routing.addFilter(new TraceIdFilter());
        }
        routing.addFilter(drain);
        Contexts.runInContext(context, () -> setup.setup(routing, config, checks::add));
        ObserveFeature observe = observe(checks, tracing.enabled() ? Tracing.observer(tracer) : null);
        WebServerConfig.Builder builder = WebServer.builder()
                .config(config.get("server"))
                .host(settings.host())
                .port(settings.port())
                .shutdownHook(false)
                .serverContext(context)
                .featuresDiscoverServices(false)
                .addFeature(observe)
                .directHandlers(ProblemDirectHandler.all())
                .contentEncoding(PassThroughEncoding.context());
        setups.server().setup(builder, config);
        WebServer server = builder.routing(routing).build();
        server.start();
        if (!server.isRunning()) {
            throw new UncheckedIOException(new IOException(settings.host() + ":" + settings.port()
                                                                   + " (the web server did not start; see the log above)"));
        }
        return new VigilService(name, settings, drain, server, accessLog);
    }

    /** Health and metrics endpoints, and the server span of every request when there is a tracing observer. */
    private static ObserveFeature observe(List<HealthCheck> checks, TracingObserver tracing) {
        ObserveFeatureConfig.Builder observe = ObserveFeature.builder()
                .observersDiscoverServices(false)
                .addObserver(HealthObserver.builder()
                                     .details(true)
                                     .useSystemServices(false)
                                     .addHealthChecks(checks)
                                     .build())
                .addObserver(MetricsObserver.create());
        if (tracing != null) {
            observe.addObserver(tracing);
        }
        return observe.build();
    }

    /**
     * The port the server listens on (the real one when {@code server.port} is 0).
     *
     * @return port
     */
    public int port() {
        return server.port();
    }

    /**
     * Drains and stops the server: readiness goes DOWN, in-flight requests get up to
     * {@code server.drain.timeout} to finish, then the listener closes. Calling it again does nothing.
     */
    public void shutdown() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        LOGGER.log(Level.INFO, name + " draining: readiness DOWN, " + drain.inFlight() + " request(s) in flight");
        boolean clean = drain.drain(settings.drainDelay(), settings.drainTimeout());
        if (!clean) {
            LOGGER.log(Level.WARNING, name + " drain timeout " + settings.drainTimeout() + " passed with "
                    + drain.inFlight() + " request(s) still in flight");
        }
        server.stop();
        accessLog.close();
        LOGGER.log(Level.INFO, name + " stopped");
    }

    /**
     * Helidon logs a failed bind and returns instead of throwing; binding first gives a clear message.
     */
    private static void ensurePortFree(ServerSettings settings) {
        if (settings.port() == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(settings.host(), settings.port()));
        } catch (IOException e) {
            throw new UncheckedIOException(new BindException(settings.host() + ":" + settings.port() + ": " + e.getMessage()));
        }
    }

    private static ServiceSetup adapt(RoutingSetup routes) {
        return (routing, config, healthChecks) -> routes.setup(routing, config);
    }

    private static void fail(String name, String message, int status) {
        System.err.println(name + ": " + message);
        System.exit(status);
    }
}
