package io.vigil.logparse.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;


import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class ParserTest {
    private static final ParseOptions AUTO = new ParseOptions(
            new AnalyzeOptions(AnalyzeOptions.AUTO, ZoneOffset.UTC, Clock.systemUTC()), false);

    @Test
    void writesOneObjectPerRecordWithNormalisedFieldsAndMalformedLinesInPlace() throws IOException {
        List<JsonObject> records = parse("""
                10.0.0.1 - alice [14/Mar/2026:10:00:00 +0000] "GET /a?b=c HTTP/1.1" 200 100 "-" "curl/8.5.0"
                not a log line
                10.0.0.2 - - [14/Mar/2026:10:00:01 +0000] "POST /upload HTTP/1.1" 201 0 "https://r.example/" "Firefox"
                """, AUTO);

        assertThat(records.size(), is(3));
        JsonObject first = records.getFirst();
        assertThat(first.getInt("line"), is(1));
        assertThat(first.getString("ts"), is("2026-03-14T10:00:00Z"));
        assertThat(first.getString("client"), is("10.0.0.1"));
        assertThat(first.getString("method"), is("GET"));
        assertThat(first.getString("path"), is("/a"));
        assertThat(first.getString("query"), is("b=c"));
        assertThat(first.getInt("status"), is(200));
        assertThat(first.getInt("bytes"), is(100));
        assertThat(first.getString("userAgent"), is("curl/8.5.0"));
        assertThat(records.get(1).getInt("line"), is(2));
        assertThat(records.get(1).getString("raw"), is("not a log line"));
        assertThat(records.get(1).containsKey("error"), is(true));
        assertThat(records.get(2).getString("referer"), is("https://r.example/"));
    }

    @Test
    void stackTracesAreFoldedIntoTheRecordThatStartsThem() throws IOException {
        List<JsonObject> records = parse("""
                2026-03-14 10:15:30,123 ERROR [main] com.example.App - failed "badly"
                java.net.ConnectException: refused
                \tat com.example.Db.open(Db.java:42)
                2026-03-14 10:15:31,000 INFO  [main] com.example.App - retrying
                """, AUTO);

        assertThat(records.size(), is(2));
        assertThat(records.getFirst().getString("level"), is("ERROR"));
        assertThat(records.getFirst().getString("msg"), is("failed \"badly\"\njava.net.ConnectException: refused\n"
                + "\tat com.example.Db.open(Db.java:42)"));
        assertThat(records.get(1).getInt("line"), is(4));
    }

    @Test
    void malformedLinesCanBeLeftOut() throws IOException {
        ParseOptions skip = new ParseOptions(AUTO.analyze(), true);
        List<JsonObject> records = parse("""
                10.0.0.1 - - [14/Mar/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1
                garbage
                10.0.0.1 - - [14/Mar/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1
                """, skip);

        assertThat(records.stream().map(record -> record.getInt("line")).toList(), is(List.of(1, 3)));
    }

    @Test
    void firstRecordsLeaveBeforeTheInputEnds() throws Exception {
        PipedOutputStream upload = new PipedOutputStream();
        PipedInputStream body = new PipedInputStream(upload, 1 << 20);
        BlockingLines output = new BlockingLines();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<Void> parsing = CompletableFuture.runAsync(() -> {
                try {
                    new Parser(EngineLimits.DEFAULTS).parse(body, AUTO, detection -> output);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, threads);
            String line = "10.0.0.1 - - [14/Mar/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1\n";
            upload.write(line.repeat(2000).getBytes(StandardCharsets.UTF_8));
            upload.flush();

            assertThat(output.awaitBytes(1000, Duration.ofSeconds(20)), is(true));
            assertThat(parsing.isDone(), is(false));

            upload.close();
            parsing.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void anInputLimitPassedMidStreamEndsTheOutputWithAFatalLine() throws IOException {
        EngineLimits small = new EngineLimits(1024, 300_000, 1L << 30, 100, 1000, 1, Duration.ofMinutes(1));
        String line = "10.0.0.1 - - [14/Mar/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1\n";
        byte[] log = line.repeat(10_000).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new Parser(small).parse(BodyInput.open(new ByteArrayInputStream(log), false, small), AUTO, detection -> out);

        List<JsonObject> records = lines(out);
        JsonObject last = records.getLast();
        assertThat(last.getString("error"), is("request body exceeds 300000 bytes"));
        assertThat(last.getBoolean("fatal"), is(true));
        assertThat(records.size() > 1000, is(true));
    }

    private static List<JsonObject> parse(String log, ParseOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Parser(EngineLimits.DEFAULTS).parse(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), options,
                                                    detection -> out);
        return lines(out);
    }

    private static List<JsonObject> lines(ByteArrayOutputStream out) {
        List<JsonObject> objects = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            objects.add(Json.createReader(new StringReader(line)).readObject());
        }
        return objects;
    }

    /** An output that lets a test wait until some bytes have been written. */
    private static final class BlockingLines extends java.io.OutputStream {
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            written.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            written.write(b, off, len);
            notifyAll();
        }

        synchronized boolean awaitBytes(int count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (written.size() < count && System.nanoTime() < deadline) {
                wait(50);
            }
            return written.size() >= count;
        }
    }

    static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
