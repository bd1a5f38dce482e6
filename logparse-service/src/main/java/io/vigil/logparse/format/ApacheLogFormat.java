package io.vigil.logparse.format;

import java.util.List;
import java.util.Locale;

/**
 * Compiles an Apache {@code LogFormat} string ({@code %h %l %u %t \"%r\" %>s %b ...}) into {@link FormatPart}s.
 * A directive is {@code %}, optional modifiers ({@code <}, {@code >}, {@code !}, status codes and commas), an optional
 * {@code {argument}} and a letter; {@code %%} is a percent sign; {@code \"}, {@code \\}, {@code \t} and {@code \n} are
 * the escapes of Apache's configuration, so a string copied from httpd.conf compiles as written. {@code %t} is
 * {@code [}time{@code ]}; the directives of mod_log_config that are not normalised fields become extras.
 */
final class ApacheLogFormat {
    static final String SYNTAX = "apache LogFormat";

    private ApacheLogFormat() {
    }

    /**
     * Compiles a format string.
     *
     * @param format the {@code LogFormat} string, without its surrounding quotes
     * @return the parts
     * @throws FormatSyntaxException naming the position of the fault
     */
    static List<FormatPart> compile(String format) {
        FormatParts parts = new FormatParts(SYNTAX);
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c == '\\') {
                if (i + 1 == format.length()) {
                    throw parts.error(i + 1, "a backslash at the end escapes nothing");
                }
                char escaped = format.charAt(i + 1);
                parts.literal(escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped, i + 1);
                i += 2;
            } else if (c == '%') {
                i = directive(parts, format, i);
            } else {
                parts.literal(c, i + 1);
                i++;
            }
        }
        return parts.build();
    }

    /** Reads the directive starting with the {@code %} at {@code percent}; returns the index after it. */
    private static int directive(FormatParts parts, String format, int percent) {
        int i = percent + 1;
        while (i < format.length() && "<>!,0123456789".indexOf(format.charAt(i)) >= 0) {
            i++;
        }
        String argument = null;
        if (i < format.length() && format.charAt(i) == '{') {
            int close = format.indexOf('}', i + 1);
            if (close < 0) {
                throw parts.error(percent + 1, "%{ without a closing }");
            }
            argument = format.substring(i + 1, close);
            i = close + 1;
        }
        if (i == format.length()) {
            throw parts.error(percent + 1, "% at the end without a directive letter");
        }
        emit(parts, format.charAt(i), argument, format.substring(percent, i + 1), percent + 1);
        return i + 1;
    }

    /** Adds what one directive stands for: a percent sign, the bracketed time of {@code %t}, or a variable. */
    private static void emit(FormatParts parts, char letter, String argument, String name, int position) {
        if (name.equals("%%")) {
            parts.literal('%', position);
        } else if (letter == 't' && argument == null) {
            parts.literal('[', position);
            parts.variable(Slot.TIME_CLF, name, null, position);
            parts.literal(']', position);
        } else {
            variable(parts, letter, argument, name, position);
        }
    }

    private static void variable(FormatParts parts, char letter, String argument, String name, int position) {
        switch (letter) {
            case 'h', 'a' -> parts.variable(Slot.CLIENT, name, null, position);
            case 'l' -> parts.variable(Slot.EXTRA, name, "ident", position);
            case 'u' -> parts.variable(Slot.EXTRA, name, "user", position);
            case 't' -> time(parts, argument, name, position);
            case 'r' -> parts.variable(Slot.REQUEST, name, null, position);
            case 'm' -> parts.variable(Slot.METHOD, name, null, position);
            case 'U' -> parts.variable(Slot.PATH, name, null, position);
            case 'q' -> parts.variable(Slot.QUERY, name, null, position);
            case 'H' -> parts.variable(Slot.PROTOCOL, name, null, position);
            case 's' -> parts.variable(Slot.STATUS, name, null, position);
            case 'b', 'B' -> parts.variable(Slot.BYTES, name, null, position);
            case 'i' -> header(parts, argument, name, position);
            case 'v', 'V' -> parts.variable(Slot.HOST, name, null, position);
            case 'P' -> parts.variable(Slot.PID, name, null, position);
            case 'D' -> parts.variable(Slot.DURATION_MICROS, name, null, position);
            case 'T' -> duration(parts, argument, name, position);
            case 'A' -> parts.variable(Slot.EXTRA, name, "localAddress", position);
            case 'C' -> parts.variable(Slot.EXTRA, name, "cookie:" + argument, position);
            case 'e' -> parts.variable(Slot.EXTRA, name, "env:" + argument, position);
            case 'f' -> parts.variable(Slot.EXTRA, name, "filename", position);
            case 'k' -> parts.variable(Slot.EXTRA, name, "keepAliveRequests", position);
            case 'L' -> parts.variable(Slot.EXTRA, name, "logId", position);
            case 'n' -> parts.variable(Slot.EXTRA, name, "note:" + argument, position);
            case 'o' -> parts.variable(Slot.EXTRA, name, "responseHeader:" + argument, position);
            case 'p' -> parts.variable(Slot.EXTRA, name, "port", position);
            case 'R' -> parts.variable(Slot.EXTRA, name, "handler", position);
            case 'X' -> parts.variable(Slot.EXTRA, name, "connectionStatus", position);
            case 'I' -> parts.variable(Slot.EXTRA, name, "bytesReceived", position);
            case 'O' -> parts.variable(Slot.EXTRA, name, "bytesSent", position);
            case 'S' -> parts.variable(Slot.EXTRA, name, "bytesTransferred", position);
            default -> throw parts.error(position, "unknown directive " + name);
        }
    }

    private static void time(FormatParts parts, String argument, String name, int position) {
        switch (argument) {
            case "sec" -> parts.variable(Slot.TIME_EPOCH_SECONDS, name, null, position);
            case "msec" -> parts.variable(Slot.TIME_EPOCH_MILLIS, name, null, position);
            case "usec" -> parts.variable(Slot.TIME_EPOCH_MICROS, name, null, position);
            // strftime layouts are not interpreted: the time is kept as text rather than guessed.
            default -> parts.variable(Slot.EXTRA, name, "time", position);
        }
    }

    private static void duration(FormatParts parts, String argument, String name, int position) {
        switch (argument == null ? "s" : argument) {
            case "s" -> parts.variable(Slot.DURATION_SECONDS, name, null, position);
            case "ms" -> parts.variable(Slot.DURATION_MILLIS, name, null, position);
            case "us" -> parts.variable(Slot.DURATION_MICROS, name, null, position);
            default -> throw parts.error(position, name + ": expected %T, %{s}T, %{ms}T or %{us}T");
        }
    }

    private static void header(FormatParts parts, String argument, String name, int position) {
        if (argument == null || argument.isEmpty()) {
            throw parts.error(position, "%i needs a header name, e.g. %{Referer}i");
        }
        switch (argument.toLowerCase(Locale.ROOT)) {
            case "referer" -> parts.variable(Slot.REFERER, name, null, position);
            case "user-agent" -> parts.variable(Slot.USER_AGENT, name, null, position);
            case "host" -> parts.variable(Slot.HOST, name, null, position);
            case "x-forwarded-for" -> parts.variable(Slot.EXTRA, name, "forwardedFor", position);
            default -> parts.variable(Slot.EXTRA, name, argument, position);
        }
    }
}
