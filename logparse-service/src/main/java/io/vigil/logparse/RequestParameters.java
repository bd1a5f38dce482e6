package io.vigil.logparse;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.Status;
import io.vigil.common.http.Problem;
import io.vigil.common.http.ProblemException;
import io.vigil.common.http.ProblemTypes;
import io.vigil.logparse.engine.AnalyzeOptions;
import io.vigil.logparse.engine.Filters;
import io.vigil.logparse.engine.InvalidFilterException;
import io.vigil.logparse.format.CustomFormat;
import io.vigil.logparse.format.FormatSyntaxException;
import io.vigil.logparse.format.Formats;

/**
 * The query parameters of {@code /v1/analyze} and {@code /v1/parse}, validated: a bad value is a 400 problem
 * naming the parameter and what it accepts.
 *
 * @param options       format, zone, clock and filters
 * @param top           entries per top-N list
 * @param skipMalformed {@code malformed=skip}
 */
record RequestParameters(AnalyzeOptions options, int top, boolean skipMalformed) {
    /** Largest {@code top}. */
    static final int MAX_TOP = 1000;
    /** {@code top} when not given. */
    static final int DEFAULT_TOP = 10;

    static RequestParameters from(Parameters query, Clock clock, List<CustomFormat> custom) {
        String format = format(query, custom);
        ZoneId zone = zone(query);
        return new RequestParameters(new AnalyzeOptions(format, zone, clock, custom, filters(query, zone)), top(query),
                                     skipMalformed(query));
    }

    /** The filters of an analysis ({@code from}, {@code status}, ...): a bad value is a 400 naming its parameter. */
    private static Filters filters(Parameters query, ZoneId zone) {
        try {
            return Filters.parse(name -> query.all(name, List::of), zone);
        } catch (InvalidFilterException e) {
            throw new ProblemException(Problem.of(ProblemTypes.INVALID_PARAMETER, "Invalid query parameter",
                                                  Status.BAD_REQUEST_400, e.getMessage())
                                               .with("parameter", e.parameter()));
        }
    }

    /** A format name, or an inline custom format compiled once here so that a bad one is a 400 naming its fault. */
    private static String format(Parameters query, List<CustomFormat> custom) {
        String format = query.first("format").orElse(AnalyzeOptions.AUTO);
        if (CustomFormat.isDefinition(format)) {
            try {
                CustomFormat.inline(format);
            } catch (FormatSyntaxException e) {
                throw new ProblemException(Problem.of(ProblemTypes.INVALID_PARAMETER, "Invalid query parameter",
                                                      Status.BAD_REQUEST_400, "format: " + e.getMessage())
                                                   .with("parameter", "format")
                                                   .with("position", String.valueOf(e.position())));
            }
            return format;
        }
        List<String> names = new ArrayList<>(custom.stream().map(CustomFormat::name).toList());
        names.addAll(Formats.names());
        if (!AnalyzeOptions.AUTO.equals(format) && !names.contains(format)) {
            throw invalid("format", format, "auto, nginx:<log_format>, apache:<LogFormat> or one of "
                                            + String.join(", ", names));
        }
        return format;
    }

    private static int top(Parameters query) {
        String text = query.first("top").orElse(String.valueOf(DEFAULT_TOP));
        try {
            int top = Integer.parseInt(text);
            if (top >= 1 && top <= MAX_TOP) {
                return top;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw invalid("top", text, "an integer 1.." + MAX_TOP);
    }

    private static ZoneId zone(Parameters query) {
        String text = query.first("tz").orElse("UTC");
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw invalid("tz", text, "a zone id such as UTC, Europe/Paris or +02:00");
        }
    }

    private static boolean skipMalformed(Parameters query) {
        String text = query.first("malformed").orElse("keep");
        return switch (text) {
            case "keep" -> false;
            case "skip" -> true;
            default -> throw invalid("malformed", text, "keep or skip");
        };
    }

    private static ProblemException invalid(String name, String value, String expected) {
        return new ProblemException(Problem.of(ProblemTypes.INVALID_PARAMETER, "Invalid query parameter",
                                               Status.BAD_REQUEST_400, name + ": " + value + " (expected: " + expected + ")")
                                            .with("parameter", name));
    }
}
