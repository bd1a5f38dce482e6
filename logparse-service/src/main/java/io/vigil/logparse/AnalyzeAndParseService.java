package io.vigil.logparse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Locale;
import java.util.zip.ZipException;

import io.helidon.faulttolerance.Bulkhead;
import io.helidon.faulttolerance.BulkheadException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.tracing.Tracer;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.vigil.common.accesslog.AccessLogFields;
import io.vigil.common.http.CountingInputStream;
import io.vigil.common.http.Problem;
import io.vigil.common.http.ProblemException;
import io.vigil.common.http.ProblemTypes;
import io.vigil.logparse.LogparseMetrics.Endpoint;
import io.vigil.logparse.engine.AnalysisDeadlineException;
import io.vigil.logparse.engine.AnalysisJson;
import io.vigil.logparse.engine.Analyzer;
import io.vigil.logparse.engine.BodyInput;
import io.vigil.logparse.engine.BodyReadException;
import io.vigil.logparse.engine.InputTooLargeException;
import io.vigil.logparse.engine.ParseOptions;
import io.vigil.logparse.engine.Parser;

/**
 * {@code POST /v1/analyze} (summary document) and {@code POST /v1/parse} (NDJSON records) over a log sent
 * as the request body, raw or gzip; both share one limit on how many run at once. Each request is counted in
 * {@link LogparseMetrics}: what it read, or why it was turned away.
 */
final class AnalyzeAndParseService implements HttpService {
    private static final String NDJSON = "application/x-ndjson";

    private final LogparseSettings settings;
    private final Analyzer analyzer;
    private final Parser parser;
    private final Clock clock;
    private final Bulkhead concurrencyLimit;
    private final LogparseMetrics metrics = new LogparseMetrics();

    AnalyzeAndParseService(LogparseSettings settings, Clock clock, Tracer tracer) {
        this.settings = settings;
        this.analyzer = new Analyzer(settings.engine(), tracer);
        this.parser = new Parser(settings.engine(), tracer);
        this.clock = clock;
        // Each analysis holds its workers' counters in memory: a bounded number at once keeps the heap bounded.
        this.concurrencyLimit = Bulkhead.builder()
                .name("logparse-analyses")
                .limit(settings.maxConcurrent())
                .queueLength(settings.queue())
                .build();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/analyze", (request, response) -> measured(Endpoint.ANALYZE, () -> analyze(request, response)))
                .post("/parse", (request, response) -> measured(Endpoint.PARSE, () -> parse(request, response)));
    }

    private void analyze(ServerRequest request, ServerResponse response) {
        long start = System.nanoTime();
        RequestParameters parameters = RequestParameters.from(request.query(), clock, settings.formats());
        try (InputStream body = open(request)) {
            var analysis = analyzer.analyze(body, parameters.options());
            // The analysis is complete before its first byte goes out, so it goes out whole, with a Content-Length:
            // one write, and a proxy that sees the length can take the whole answer before it answers its client
            // (the gateway does up to 64 KiB), so an instance that dies mid-answer costs a 502 problem, not a cut-off
            // body.
            ByteArrayOutputStream json = new ByteArrayOutputStream(16 * 1024);
            AnalysisJson.write(analysis, parameters.top(), false, json);
            response.header(HeaderNames.CONTENT_TYPE, "application/json");
            response.send(json.toByteArray());
            metrics.format(analysis.format(), analysis.detected());
            metrics.analysed(Endpoint.ANALYZE, analysis.bytes(), System.nanoTime() - start);
            metrics.lines(analysis.lines().total(), analysis.lines().malformed());
        } catch (IOException e) {
            throw problem(e);
        }
    }

    private void parse(ServerRequest request, ServerResponse response) {
        long start = System.nanoTime();
        RequestParameters parameters = RequestParameters.from(request.query(), clock, settings.formats());
        ParseOptions options = new ParseOptions(parameters.options(), parameters.skipMalformed());
        try (CountingInputStream body = new CountingInputStream(open(request))) {
            parser.parse(body, options, detection -> {
                metrics.format(detection.format().name(), detection.detected());
                response.header(HeaderNames.CONTENT_TYPE, NDJSON)
                        .header("X-Log-Format", detection.format().name())
                        .header("X-Log-Format-Detected", String.valueOf(detection.detected()));
                return AccessLogFields.of(request).countedOutputStream(response);
            });
            metrics.analysed(Endpoint.PARSE, body.count(), System.nanoTime() - start);
        } catch (IOException e) {
            throw problem(e);
        }
    }

    /**
     * Runs a request within the concurrency limit and counts how it ended: answered (counted by the handler), turned
     * away with a problem (by cause), or failed.
     */
    private void measured(Endpoint endpoint, Runnable handler) {
        try {
            withinConcurrencyLimit(() -> metrics.inProgress(handler));
        } catch (ProblemException e) {
            metrics.rejected(endpoint, e.problem().status());
            throw e;
        } catch (RuntimeException e) {
            metrics.failed(endpoint);
            throw e;
        }
    }

    /** Runs a request once fewer than the limit are running; a full queue is a 503 with Retry-After. */
    private void withinConcurrencyLimit(Runnable handler) {
        try {
            concurrencyLimit.invoke(() -> {
                handler.run();
                return null;
            });
        } catch (BulkheadException e) {
            throw new ProblemException(Problem.of(ProblemTypes.BUSY, "Too many analyses", Status.SERVICE_UNAVAILABLE_503,
                                                  settings.maxConcurrent() + " analyses are running and " + settings.queue()
                                                          + " waiting; try again shortly"),
                                       HeaderValues.create(HeaderNames.RETRY_AFTER, "1"));
        }
    }

    private InputStream open(ServerRequest request) throws IOException {
        String encoding = request.headers().first(HeaderNames.CONTENT_ENCODING).orElse("identity").trim()
                .toLowerCase(Locale.ROOT);
        if (!encoding.equals("gzip") && !encoding.equals("identity")) {
            throw new ProblemException(Problem.of(Status.UNSUPPORTED_MEDIA_TYPE_415,
                                                  "Content-Encoding: " + encoding + " (expected: gzip or none)"));
        }
        return BodyInput.open(request.content().inputStream(), encoding.equals("gzip"), settings.engine());
    }

    /** The problem for a failed read of the body; a body whose framing broke also closes the connection. */
    static ProblemException problem(IOException e) {
        Problem problem = switch (e) {
            case InputTooLargeException tooLarge -> Problem.of(Status.REQUEST_ENTITY_TOO_LARGE_413, tooLarge.getMessage());
            case AnalysisDeadlineException late -> Problem.of(Status.REQUEST_TIMEOUT_408, late.getMessage());
            case ZipException zip -> Problem.of(Status.BAD_REQUEST_400, "invalid gzip data: " + zip.getMessage());
            case BodyReadException broken -> Problem.of(Status.BAD_REQUEST_400, broken.getMessage());
            default -> throw new UncheckedIOException(e);
        };
        return e instanceof BodyReadException
                ? new ProblemException(problem, HeaderValues.CONNECTION_CLOSE)
                : new ProblemException(problem);
    }
}
