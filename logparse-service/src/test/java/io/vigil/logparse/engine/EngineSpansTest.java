package io.vigil.logparse.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.helidon.tracing.Scope;
import io.helidon.tracing.Span;
import io.helidon.tracing.Tracer;
import io.vigil.common.testing.SpanRecorder;
import io.vigil.common.testing.TestConfig;
import io.vigil.common.tracing.Tracing;
import io.vigil.common.tracing.TracingSettings;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The engine's phases as spans: children of the caller's span, one per phase whatever the input size, with the
 * format, bytes, lines and malformed lines.
 */
class EngineSpansTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String LINE =
            "10.0.0.1 - - [14/Mar/2026:10:00:00 +0000] \"GET /index.html HTTP/1.1\" 200 100 \"-\" \"curl\"\n";

    private final SpanRecorder recorder = new SpanRecorder();
    private final Tracer tracer = Tracing.create(TracingSettings.create(TestConfig.of(
            "tracing.enabled", "true", "tracing.host", "127.0.0.1", "tracing.port", "9",
            "tracing.schedule-delay", "PT0.02S").get("tracing"), "engine-test"), recorder.setup());

    @Test
    void aParallelAnalysisIsDetectParseAndMergeUnderTheCallersSpan() throws IOException {
        // Over three 1 MiB blocks, so that two workers each get some.
        byte[] log = (LINE.repeat(40_000) + "not a log line\n").getBytes(StandardCharsets.UTF_8);
        EngineLimits d = EngineLimits.DEFAULTS;
        Analyzer analyzer = new Analyzer(new EngineLimits(d.maxLineBytes(), d.maxBodyBytes(), d.maxInflatedBytes(),
                                                              d.maxInflateRatio(), d.exactDistinct(), 2, d.deadline()),
                                         tracer);

        Span request = tracer.spanBuilder("request").start();
        Scope scope = request.activate();
        try {
            analyzer.analyze(new ByteArrayInputStream(log), AnalyzeOptions.defaults());
        } finally {
            scope.close();
            request.end();
        }

        List<SpanData> spans = phases(request, 3);
        SpanData detect = named(spans, "detect");
        assertThat(detect.getAttributes().get(AttributeKey.stringKey(Spans.FORMAT)), is("combined"));
        assertThat(detect.getAttributes().get(AttributeKey.booleanKey(Spans.DETECTED)), is(true));
        SpanData parse = named(spans, "parse");
        assertThat(parse.getAttributes().get(AttributeKey.longKey(Spans.BYTES)), is((long) log.length));
        assertThat(parse.getAttributes().get(AttributeKey.longKey(Spans.LINES)), is(40_001L));
        assertThat(parse.getAttributes().get(AttributeKey.longKey(Spans.MALFORMED)), is(1L));
        SpanData merge = named(spans, "merge");
        assertThat(merge.getAttributes().get(AttributeKey.longKey("logparse.partials")), is(2L));
        assertThat(merge.getAttributes().get(AttributeKey.longKey(Spans.LINES)), is(40_001L));
    }

    @Test
    void aStreamingParseIsDetectAndParse() throws IOException {
        byte[] log = (LINE.repeat(3) + "garbage\n").getBytes(StandardCharsets.UTF_8);
        Parser parser = new Parser(EngineLimits.DEFAULTS, tracer);

        Span request = tracer.spanBuilder("request").start();
        Scope scope = request.activate();
        try {
            parser.parse(new ByteArrayInputStream(log), new ParseOptions(AnalyzeOptions.defaults(), false),
                         detection -> new ByteArrayOutputStream());
        } finally {
            scope.close();
            request.end();
        }

        List<SpanData> spans = phases(request, 2);
        assertThat(named(spans, "detect").getAttributes().get(AttributeKey.stringKey(Spans.FORMAT)), is("combined"));
        SpanData parse = named(spans, "parse");
        assertThat(parse.getAttributes().asMap().keySet().stream().map(AttributeKey::getKey).sorted().toList(),
                   is(List.of(Spans.BYTES, Spans.FORMAT, Spans.LINES, Spans.MALFORMED)));
        assertThat(Map.of("lines", parse.getAttributes().get(AttributeKey.longKey(Spans.LINES)),
                          "malformed", parse.getAttributes().get(AttributeKey.longKey(Spans.MALFORMED))),
                   is(Map.of("lines", 4L, "malformed", 1L)));
    }

    @Test
    void withoutATracerTheEngineMakesNoSpans() throws IOException {
        new Analyzer(EngineLimits.DEFAULTS).analyze(new ByteArrayInputStream(LINE.getBytes(StandardCharsets.UTF_8)),
                                                        AnalyzeOptions.defaults());

        assertThat(recorder.all().isEmpty(), is(true));
    }

    /** The child spans of the caller's span, once there are as many as expected (and no more arrive meanwhile). */
    private List<SpanData> phases(Span request, int count) {
        String traceId = request.context().traceId();
        String parent = request.context().spanId();
        List<SpanData> trace = recorder.await(traceId, spans -> spans.stream()
                .filter(span -> parent.equals(span.getParentSpanId())).count() >= count, WAIT);
        List<SpanData> children = trace.stream().filter(span -> parent.equals(span.getParentSpanId())).toList();
        assertThat(SpanRecorder.describe(children), children.size(), is(count));
        return children;
    }

    private static SpanData named(List<SpanData> spans, String name) {
        return spans.stream().filter(span -> span.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + SpanRecorder.describe(spans)));
    }
}
