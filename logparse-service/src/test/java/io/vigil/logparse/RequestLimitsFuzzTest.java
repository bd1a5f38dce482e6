package io.vigil.logparse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.helidon.common.parameters.Parameters;
import io.vigil.common.http.ProblemException;
import io.vigil.logparse.engine.AnalysisJson;
import io.vigil.logparse.engine.AnalyzeOptions;
import io.vigil.logparse.engine.Analyzer;
import io.vigil.logparse.engine.BodyInput;
import io.vigil.logparse.engine.EngineLimits;
import io.vigil.logparse.engine.ParseOptions;
import io.vigil.logparse.engine.Parser;
import io.vigil.logparse.format.Formats;

import jakarta.json.Json;
import jakarta.json.JsonReader;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * Coverage-guided fuzzing of what a request controls: its query parameters, and a body (plain or gzip, maybe
 * truncated or corrupt) read within fuzzed limits by the same engine as {@code /v1/analyze} and {@code /v1/parse}.
 * Every outcome is a result or a 4xx problem, never another exception; the summary is JSON, and so is every
 * NDJSON record.
 */
class RequestLimitsFuzzTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-14T12:00:00Z"), ZoneOffset.UTC);
    private static final String[] NAMES = {"format", "top", "tz", "malformed"};

    @FuzzTest(maxDuration = "30s")
    void queryParametersAreAcceptedOrA400(FuzzedDataProvider data) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        int count = data.consumeInt(0, 4);
        for (int i = 0; i < count; i++) {
            String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(8);
            query.computeIfAbsent(name, key -> new ArrayList<>()).add(data.consumeString(40));
        }
        try {
            RequestParameters parameters = RequestParameters.from(Parameters.create("query", query), CLOCK, List.of());
            assertThat(parameters.top() >= 1 && parameters.top() <= RequestParameters.MAX_TOP, is(true));
        } catch (ProblemException e) {
            assertThat(e.problem().status(), is(400));
        }
    }

    @FuzzTest(maxDuration = "60s")
    void anyBodyWithinAnyLimitsIsAResultOrAClientProblem(FuzzedDataProvider data) throws IOException {
        EngineLimits limits = new EngineLimits(data.consumeInt(16, 4096), data.consumeLong(1, 1 << 20),
                                               data.consumeLong(1, 1 << 22), data.consumeInt(1, 300), 64,
                                               data.consumeInt(1, 3), Duration.ofMinutes(1));
        String format = data.consumeBoolean() ? "auto" : data.pickValue(Formats.names());
        boolean declaredGzip = data.consumeBoolean();
        boolean parse = data.consumeBoolean();
        byte[] body = body(data);
        AnalyzeOptions options = new AnalyzeOptions(format, ZoneOffset.UTC, CLOCK);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = BodyInput.open(new ByteArrayInputStream(body), declaredGzip, limits)) {
            if (parse) {
                new Parser(limits).parse(in, new ParseOptions(options, false), detection -> out);
            } else {
                AnalysisJson.write(new Analyzer(limits).analyze(in, options), 10, false, out);
            }
        } catch (IOException e) {
            ProblemException problem = AnalyzeAndParseService.problem(e);
            assertThat(problem.problem().status(), lessThan(500));
            return;
        }
        String text = out.toString(StandardCharsets.UTF_8);
        for (String line : parse ? text.split("\n") : new String[] {text}) {
            if (!line.isEmpty()) {
                try (JsonReader reader = Json.createReader(new StringReader(line))) {
                    reader.readObject();
                }
            }
        }
    }

    /** The fuzzer's bytes as they are, or gzip-compressed and then perhaps cut short or damaged. */
    private static byte[] body(FuzzedDataProvider data) throws IOException {
        int mode = data.consumeInt(0, 3);
        int cut = data.consumeInt(0, 1 << 16);
        byte[] raw = data.consumeRemainingAsBytes();
        if (mode == 0) {
            return raw;
        }
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(raw);
        }
        byte[] gz = compressed.toByteArray();
        return switch (mode) {
            case 1 -> gz;
            case 2 -> Arrays.copyOf(gz, Math.min(gz.length, cut));
            default -> {
                gz[Math.min(gz.length - 1, 10 + cut % Math.max(1, gz.length - 10))] ^= (byte) (1 + cut % 255);
                yield gz;
            }
        };
    }
}
