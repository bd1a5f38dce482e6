package io.vigil.logparse.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.invoke.MethodHandles;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.List;

import io.vigil.logparse.engine.Analysis;
import io.vigil.logparse.engine.AnalysisJson;
import io.vigil.logparse.engine.AnalyzeOptions;
import io.vigil.logparse.engine.Analyzer;
import io.vigil.logparse.engine.BodyInput;
import io.vigil.logparse.engine.EngineLimits;

/**
 * {@code logparse analyze FILE|-}: the same engine as {@code POST /v1/analyze}, on a local file or standard
 * input, printing a table (or the JSON document with {@code --json}). Exit status 0 on success, 1 when
 * the input cannot be read, 2 for wrong arguments.
 */
public final class LogparseCli {
    /** Files at least this large get a progress bar when a terminal is attached. */
    static final long PROGRESS_MIN_BYTES = 50L << 20;

    private LogparseCli() {
    }

    /**
     * Runs the command; the process exits with its status.
     *
     * @param args command line
     */
    public static void main(String[] args) {
        int status = run(List.of(args), System.in, System.out, System.err);
        // On success main just returns (the workers are gone by then): Runtime.exit logs the exit through a
        // System.Logger, and finding its backend scans every jar on the class path, about 35 ms of a short run.
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        CliArguments arguments;
        try {
            arguments = CliArguments.parse(args);
        } catch (IllegalArgumentException | DateTimeException e) {
            err.println("logparse: " + e.getMessage());
            err.print(CliArguments.USAGE);
            return 2;
        }
        if (arguments.json()) {
            // The JSON writer's first use starts java.util.logging, which scans every jar on the class path for a
            // logger backend (about 35 ms): it happens beside the analysis instead of after it.
            Thread.ofPlatform().daemon().name("logparse-json-init").start(LogparseCli::loadJsonWriter);
        }
        try (InputStream input = open(arguments, stdin, err)) {
            Analysis analysis = new Analyzer(limits()).analyze(input,
                    new AnalyzeOptions(arguments.format(), arguments.zone(), Clock.systemUTC())
                            .withFilters(arguments.filters()));
            if (arguments.json()) {
                AnalysisJson.write(analysis, arguments.top(), true, out);
                out.println();
            } else {
                new SummaryTable(out).print(analysis, arguments.top());
            }
            out.flush();
            return 0;
        } catch (NoSuchFileException e) {
            err.println("logparse: no such file: " + e.getFile());
            return 1;
        } catch (IOException e) {
            err.println("logparse: cannot read " + arguments.file() + ": " + e.getMessage());
            return 1;
        }
    }

    private static void loadJsonWriter() {
        try {
            MethodHandles.lookup().ensureInitialized(AnalysisJson.class);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** No size limits on the command line: the file is the user's own. */
    private static EngineLimits limits() {
        EngineLimits defaults = EngineLimits.DEFAULTS;
        return new EngineLimits(defaults.maxLineBytes(), Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE,
                                defaults.exactDistinct(), 0, Duration.ofDays(365));
    }

    private static InputStream open(CliArguments arguments, InputStream stdin, PrintStream err) throws IOException {
        InputStream raw;
        if (arguments.file().equals("-")) {
            raw = stdin;
        } else {
            Path path = Path.of(arguments.file());
            raw = Files.newInputStream(path);
            long size = Files.size(path);
            if (size >= PROGRESS_MIN_BYTES && System.console() != null) {
                raw = new ProgressInputStream(raw, size, err);
            }
        }
        return BodyInput.open(new BufferedInputStream(raw, 1 << 16), false, limits());
    }
}
