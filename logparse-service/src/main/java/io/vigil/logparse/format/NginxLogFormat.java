package io.vigil.logparse.format;

import java.util.List;

/**
 * Compiles an nginx {@code log_format} string ({@code $remote_addr - $remote_user [$time_local] "$request" ...}) into
 * {@link FormatPart}s. Variables are {@code $name} or {@code ${name}}; everything else is literal text. Known variables
 * map onto the normalised fields (see {@link #variable}); any other becomes an extra named after the variable.
 */
final class NginxLogFormat {
    static final String SYNTAX = "nginx log_format";

    private NginxLogFormat() {
    }

    /**
     * Compiles a format string.
     *
     * @param format the {@code log_format} string, without the quotes of nginx's configuration
     * @return the parts
     * @throws FormatSyntaxException naming the position of the fault
     */
    static List<FormatPart> compile(String format) {
        FormatParts parts = new FormatParts(SYNTAX);
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '$') {
                parts.literal(c, i + 1);
                i++;
                continue;
            }
            int nameStart;
            int nameEnd;
            int next;
            if (i + 1 < format.length() && format.charAt(i + 1) == '{') {
                nameStart = i + 2;
                nameEnd = format.indexOf('}', nameStart);
                if (nameEnd < 0) {
                    throw parts.error(i + 1, "${ without a closing }");
                }
                next = nameEnd + 1;
            } else {
                nameStart = i + 1;
                nameEnd = nameStart;
                while (nameEnd < format.length() && isNameChar(format.charAt(nameEnd))) {
                    nameEnd++;
                }
                next = nameEnd;
            }
            String name = format.substring(nameStart, nameEnd);
            if (name.isEmpty() || !name.chars().allMatch(ch -> isNameChar((char) ch))) {
                throw parts.error(i + 1, "expected a variable name (letters, digits, _) after $");
            }
            variable(parts, name, i + 1);
            i = next;
        }
        return parts.build();
    }

    private static void variable(FormatParts parts, String name, int position) {
        String shown = "$" + name;
        switch (name) {
            case "remote_addr", "realip_remote_addr" -> parts.variable(Slot.CLIENT, shown, null, position);
            case "remote_user" -> parts.variable(Slot.EXTRA, shown, "user", position);
            case "time_local" -> parts.variable(Slot.TIME_CLF, shown, null, position);
            case "time_iso8601" -> parts.variable(Slot.TIME_ISO, shown, null, position);
            case "msec" -> parts.variable(Slot.TIME_EPOCH_SECONDS, shown, null, position);
            case "request" -> parts.variable(Slot.REQUEST, shown, null, position);
            case "request_method" -> parts.variable(Slot.METHOD, shown, null, position);
            case "request_uri" -> parts.variable(Slot.TARGET, shown, null, position);
            case "uri", "document_uri" -> parts.variable(Slot.PATH, shown, null, position);
            case "args", "query_string" -> parts.variable(Slot.QUERY, shown, null, position);
            case "server_protocol" -> parts.variable(Slot.PROTOCOL, shown, null, position);
            case "status" -> parts.variable(Slot.STATUS, shown, null, position);
            case "body_bytes_sent" -> parts.variable(Slot.BYTES, shown, null, position);
            case "http_referer" -> parts.variable(Slot.REFERER, shown, null, position);
            case "http_user_agent" -> parts.variable(Slot.USER_AGENT, shown, null, position);
            case "host", "http_host", "server_name" -> parts.variable(Slot.HOST, shown, null, position);
            case "pid" -> parts.variable(Slot.PID, shown, null, position);
            case "request_time" -> parts.variable(Slot.DURATION_SECONDS, shown, null, position);
            case "upstream_response_time" -> parts.variable(Slot.EXTRA, shown, "upstreamResponseTime", position);
            case "http_x_forwarded_for" -> parts.variable(Slot.EXTRA, shown, "forwardedFor", position);
            default -> parts.variable(Slot.EXTRA, shown, name, position);
        }
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }
}
