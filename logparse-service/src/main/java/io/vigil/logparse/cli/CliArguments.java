package io.vigil.logparse.cli;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vigil.logparse.engine.AnalyzeOptions;
import io.vigil.logparse.engine.Filters;
import io.vigil.logparse.engine.InvalidFilterException;
import io.vigil.logparse.format.CustomFormat;
import io.vigil.logparse.format.Formats;

/**
 * The arguments of {@code logparse analyze FILE|- [--format F | --log-format DEF] [--top N] [--tz ZONE] [--json]
 * [filters]}, the filters being the API's query parameters as options ({@code --from}, {@code --status}, ...).
 *
 * @param file    path, or {@code -} for standard input
 * @param format  format name, {@code auto}, or a custom format {@code nginx:...} / {@code apache:...}
 * @param top     entries per top-N list
 * @param zone    zone of timestamps without one
 * @param json    print the API's JSON document instead of a table
 * @param filters which records to count
 */
record CliArguments(String file, String format, int top, ZoneId zone, boolean json, Filters filters) {
    static final String USAGE = """
            Usage: logparse analyze FILE|- [--format F | --log-format DEF] [--top N] [--tz ZONE] [--json] [filters]
              FILE        a log file (plain or gzip); - reads standard input
              --format F  auto (default) or one of: %s
              --log-format DEF
                          a custom format: nginx:<log_format> or apache:<LogFormat>, e.g.
                          'nginx:$remote_addr [$time_local] "$request" $status $request_time'
              --top N     entries per top list, 1..1000 (default 10)
              --tz ZONE   zone of timestamps that carry none (default UTC)
              --json      print the same JSON document as POST /v1/analyze
            Filters (as the API's query parameters; different filters AND, repeated ones OR):
              --from T, --to T   time window [from, to): 2026-03-14T10:00:00Z, with an offset, or a date
                                 or date-time in --tz; records without a time are excluded
              --status S         a code (404) or a class (5xx); repeatable
              --method M         repeatable, any case
              --path P           path prefix (without query string)
              --pathRegex RE     Java regular expression found in the path (without query string)
              --client C         exact client address; repeatable
              --level L          TRACE, DEBUG, INFO, WARN, ERROR or FATAL; repeatable
              --text T           text in the message (the whole line for access logs), any case
            """.formatted(String.join(", ", Formats.names()));

    /**
     * Parses the command line.
     *
     * @param args arguments after the program name
     * @return parsed arguments
     * @throws IllegalArgumentException with a message for the user when they are wrong
     */
    static CliArguments parse(List<String> args) {
        if (args.isEmpty() || !args.getFirst().equals("analyze")) {
            throw new IllegalArgumentException("expected the command 'analyze'");
        }
        String file = null;
        String format = AnalyzeOptions.AUTO;
        int top = 10;
        ZoneId zone = ZoneId.of("UTC");
        boolean json = false;
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--") && Filters.PARAMETERS.contains(arg.substring(2))) {
                filters.computeIfAbsent(arg.substring(2), name -> new ArrayList<>()).add(value(args, ++i, arg));
                continue;
            }
            switch (arg) {
                case "--json" -> json = true;
                case "--format" -> format = format(value(args, ++i, arg));
                case "--log-format" -> format = logFormat(value(args, ++i, arg));
                case "--top" -> top = top(value(args, ++i, arg));
                case "--tz" -> zone = ZoneId.of(value(args, ++i, arg));
                default -> {
                    if (file != null || arg.startsWith("--")) {
                        throw new IllegalArgumentException("unexpected argument: " + arg);
                    }
                    file = arg;
                }
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("expected a FILE, or - for standard input");
        }
        try {
            return new CliArguments(file, format, top, zone, json,
                                    Filters.parse(name -> filters.getOrDefault(name, List.of()), zone));
        } catch (InvalidFilterException e) {
            throw new IllegalArgumentException("--" + e.getMessage(), e);
        }
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static String logFormat(String definition) {
        if (!CustomFormat.isDefinition(definition)) {
            throw new IllegalArgumentException("--log-format " + definition
                                               + " (expected: nginx:<log_format> or apache:<LogFormat>)");
        }
        try {
            return CustomFormat.inline(definition).definition();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--log-format: " + e.getMessage(), e);
        }
    }

    private static String format(String name) {
        if (CustomFormat.isDefinition(name)) {
            return logFormat(name);
        }
        if (!name.equals(AnalyzeOptions.AUTO) && !Formats.names().contains(name)) {
            throw new IllegalArgumentException("--format " + name + " (expected: auto or one of "
                                                       + String.join(", ", Formats.names()) + ")");
        }
        return name;
    }

    private static int top(String text) {
        try {
            int top = Integer.parseInt(text);
            if (top >= 1 && top <= 1000) {
                return top;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException("--top " + text + " (expected: 1..1000)");
    }
}
