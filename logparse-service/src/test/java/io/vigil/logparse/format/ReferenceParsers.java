package io.vigil.logparse.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vigil.common.Result;

/**
 * Simple, obviously correct parsers (regular expressions, splitting and java.time) for the formats, used as the
 * oracle of the property tests. They work on decoded text, return the same field map as
 * {@link FormatTesting#fields(ParsedLine)}, and say only whether a line is malformed, not why.
 */
final class ReferenceParsers {
    /** A quoted field as CLF writes it: backslash escapes; a quote not followed by a space or the end is data. */
    private static final String QUOTED = "\"((?:\\\\.|[^\"\\\\]|\"(?! |\\z))*+)\"";
    private static final Pattern CLF = Pattern.compile(
            "([^ ]+) ([^ ]+) ([^ ]+) \\[([^\\]]*)\\] " + QUOTED + " ([^ ]*) ([^ ]*)(.*)", Pattern.DOTALL);
    private static final Pattern QUOTED_FIELD = Pattern.compile(QUOTED, Pattern.DOTALL);
    private static final Pattern CLF_DATE = Pattern.compile("(\\d{2})/([A-Za-z]{3})/(\\d{4}):(\\d{2}):(\\d{2}):(\\d{2}) "
                                                            + "([+-])(\\d{2})(\\d{2})");
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})[Tt ](\\d{2}):(\\d{2}):(\\d{2})"
                                                       + "(?:[.,](\\d{1,9}))?(Z|z|[+-]\\d{2}(?::?\\d{2})?)?");
    private static final Pattern BSD = Pattern.compile("([A-Za-z]{3}) ( \\d|\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})");
    private static final Pattern PRI = Pattern.compile("<(\\d{1,3})>");
    private static final Pattern RFC5424 = Pattern.compile(
            "<(\\d{1,3})>(\\d{0,3}) +([^ ]+) +([^ ]+) +([^ ]+) +([^ ]+) +([^ ]+)(.*)", Pattern.DOTALL);
    /** Lenient RFC 5424 structured data: names, values and where a quoted value ends. */
    private static final String SD_NAME = "[^ =\\]]+";
    private static final String SD_CLOSE = "(?:\\]| +\\]| +" + SD_NAME + "=)";
    private static final String SD_VALUE = "(?:\"((?:\\\\.|[^\"\\\\]|\"(?!" + SD_CLOSE + "))*)\"(?=" + SD_CLOSE + ")"
                                           + "|(?!\")([^ \\]]+))";
    private static final String SD_PARAM_TEXT = "(" + SD_NAME + ")= *" + SD_VALUE;
    private static final Pattern SD_ID_ONLY = Pattern.compile("\\[([^=\\]]*)\\]", Pattern.DOTALL);
    private static final Pattern SD_WITH_PARAMS = Pattern.compile(
            "\\[([^=\\]]*?) +(?=" + SD_NAME + "=)(?:" + SD_PARAM_TEXT + ")(?: +" + SD_PARAM_TEXT + ")* *\\]", Pattern.DOTALL);
    private static final Pattern SD_PARAM = Pattern.compile(SD_PARAM_TEXT, Pattern.DOTALL);
    private static final Pattern KLOG = Pattern.compile(
            "([IWEF])(\\d{2})(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{6}) +(\\d+) ([^:\\]]+):(\\d+)\\](.*)", Pattern.DOTALL);
    private static final Pattern LOG4J = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2} [^ ]+|[^ ]+) +(?:([^ ]+) +\\[((?:(?!\\] ).)*+)\\] +|\\[((?:(?!\\] ).)*+)\\] +([^ ]+) +)"
            + "([^ ]+) +-(?: (.*))?", Pattern.DOTALL);
    private static final Pattern TIME_ONLY = Pattern.compile("(\\d{2}):(\\d{2}):(\\d{2})(?:[.,](\\d+))?");
    private static final Pattern NGINX = Pattern.compile(
            "(\\d{4})/(\\d{2})/(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) \\[([^\\]]*)\\] (\\d+)#(\\d+):(.*)", Pattern.DOTALL);
    private static final Pattern NGINX_PAIR = Pattern.compile(
            ", ([a-z_]+): (?:\"((?:[^\"]|\"(?!,|\\z))*+)\"|(?!\")((?:[^,]|,(?! ))*+))", Pattern.DOTALL);
    private static final Pattern APACHE = Pattern.compile("\\[([^\\]]*)\\] \\[([^\\]]*)\\](.*)", Pattern.DOTALL);
    private static final Pattern APACHE_DATE = Pattern.compile(
            "[A-Za-z]{3} ([A-Za-z]{3}) ( \\d|\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))? (\\d{4})");
    private static final Pattern LOGFMT_PAIR = Pattern.compile(
            " *([^\\x00-\\x20=\"]+)(?:=(?:\"((?:\\\\.|[^\"\\\\])*)\"(?= |\\z)|((?!\")[^ ]*))|(?= |\\z))", Pattern.DOTALL);

    private static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                                       "Oct", "Nov", "Dec");
    private static final List<String> FACILITIES = List.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr",
            "news", "uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "solaris-cron", "local0", "local1",
            "local2", "local3", "local4", "local5", "local6", "local7");
    private static final List<String> SEVERITIES = List.of("emerg", "alert", "crit", "err", "warning", "notice", "info",
                                                           "debug");
    private static final Map<String, String> LEVELS = levels();
    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

    private ReferenceParsers() {
    }

    private static Map<String, String> levels() {
        Map<String, String> map = new TreeMap<>();
        for (String name : List.of("trace", "finest", "finer", "trace1", "trace2", "trace3", "trace4", "trace5", "trace6",
                                   "trace7", "trace8")) {
            map.put(name, "TRACE");
        }
        for (String name : List.of("debug", "fine", "config", "verbose")) {
            map.put(name, "DEBUG");
        }
        for (String name : List.of("info", "information", "informational", "notice")) {
            map.put(name, "INFO");
        }
        map.put("warn", "WARN");
        map.put("warning", "WARN");
        for (String name : List.of("error", "err", "severe")) {
            map.put(name, "ERROR");
        }
        for (String name : List.of("fatal", "critical", "crit", "alert", "emerg", "emergency", "panic")) {
            map.put(name, "FATAL");
        }
        return map;
    }

    static Result<Map<String, String>> parse(String format, String line, io.vigil.logparse.format.TimeContext time) {
        try {
            return switch (format) {
                case "common" -> common(line);
                case "combined" -> combined(line);
                case "syslog-rfc3164" -> rfc3164(line, time);
                case "syslog-rfc5424" -> rfc5424(line, time);
                case "klog" -> klog(line, time);
                case "log4j" -> log4j(line, time);
                case "python" -> python(line, time);
                case "nginx-error" -> nginxError(line, time);
                case "apache-error" -> apacheError(line, time);
                case "logfmt" -> logfmt(line, time);
                default -> throw new IllegalArgumentException(format);
            };
        } catch (Malformed e) {
            return Result.err(e.getMessage());
        }
    }

    /** Thrown inside the reference parsers to reject a line. */
    private static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    private static Malformed bad(String reason) {
        return new Malformed(reason);
    }

    private static void put(Map<String, String> map, String name, String value) {
        if (value != null && !value.isEmpty()) {
            map.putIfAbsent(name, value);
        }
    }

    private static void putUnlessDash(Map<String, String> map, String name, String value) {
        if (!"-".equals(value)) {
            put(map, name, value);
        }
    }

    private static long longValue(String digits) {
        if (!digits.matches("\\d+")) {
            throw bad("not a number: " + digits);
        }
        BigInteger value = new BigInteger(digits);
        if (value.compareTo(MAX_LONG) > 0) {
            throw bad("too large: " + digits);
        }
        return value.longValue();
    }

    private static String level(String name) {
        return LEVELS.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    // ---------------------------------------------------------------- timestamps

    static Instant iso(String text, io.vigil.logparse.format.TimeContext time) {
        Matcher m = ISO.matcher(text);
        if (!m.matches()) {
            throw bad("not ISO 8601: " + text);
        }
        String fraction = m.group(7) == null ? "0" : (m.group(7) + "00000000").substring(0, 9);
        LocalDateTime local = localDateTime(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                                            Integer.parseInt(m.group(3)), localTime(m.group(4), m.group(5), m.group(6),
                                                                                     Integer.parseInt(fraction)));
        String zone = m.group(8);
        Instant instant;
        if (zone == null) {
            instant = ZonedDateTime.of(local, time.zone()).toInstant();
        } else if (zone.equalsIgnoreCase("Z")) {
            instant = local.toInstant(ZoneOffset.UTC);
        } else {
            int sign = zone.charAt(0) == '-' ? -1 : 1;
            String digits = zone.substring(1).replace(":", "");
            int hours = Integer.parseInt(digits.substring(0, 2));
            int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
            instant = OffsetDateTime.of(local, offset(sign * hours, sign * minutes)).toInstant();
        }
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static ZoneOffset offset(int hours, int minutes) {
        try {
            return ZoneOffset.ofHoursMinutes(hours, minutes);
        } catch (DateTimeException e) {
            throw bad("offset");
        }
    }

    private static LocalTime localTime(String h, String m, String s, int nanos) {
        try {
            return LocalTime.of(Integer.parseInt(h), Integer.parseInt(m), Integer.parseInt(s), nanos);
        } catch (DateTimeException e) {
            throw bad("time");
        }
    }

    private static LocalDateTime localDateTime(int year, int month, int day, LocalTime time) {
        try {
            return LocalDateTime.of(LocalDate.of(year, month, day), time);
        } catch (DateTimeException e) {
            throw bad("date");
        }
    }

    private static int month(String name) {
        int month = MONTHS.indexOf(name) + 1;
        if (month == 0) {
            throw bad("month " + name);
        }
        return month;
    }

    /** The year rule, restated: the latest of the last nine years in which the date is at most a day after now. */
    static Instant withoutYear(io.vigil.logparse.format.TimeContext time, int month, int day, LocalTime localTime) {
        ZonedDateTime now = Instant.ofEpochMilli(time.nowMillis()).atZone(time.zone());
        Instant limit = now.toInstant().plus(Duration.ofDays(1));
        for (int year = now.getYear(); year > now.getYear() - 9; year--) {
            try {
                Instant candidate = ZonedDateTime.of(LocalDate.of(year, month, day), localTime, time.zone()).toInstant();
                if (!candidate.isAfter(limit)) {
                    return candidate.truncatedTo(ChronoUnit.MILLIS);
                }
            } catch (DateTimeException e) {
                // no such day in that year
            }
        }
        throw bad("no year");
    }

    // ---------------------------------------------------------------- access logs

    static Result<Map<String, String>> common(String line) {
        Matcher m = CLF.matcher(line);
        if (!m.matches() || !m.group(8).isEmpty()) {
            throw bad("not CLF");
        }
        return Result.ok(clf(m));
    }

    private static Map<String, String> clf(Matcher m) {
        Map<String, String> fields = new TreeMap<>();
        putUnlessDash(fields, "client", m.group(1));
        putUnlessDash(fields, "ident", m.group(2));
        putUnlessDash(fields, "user", m.group(3));
        fields.put("ts", clfDate(m.group(4)).toString());
        request(fields, m.group(5));
        if (!m.group(6).matches("\\d{3}")) {
            throw bad("status");
        }
        fields.put("status", Integer.toString(Integer.parseInt(m.group(6))));
        if (!m.group(7).equals("-")) {
            fields.put("bytes", Long.toString(longValue(m.group(7))));
        }
        return fields;
    }

    private static Instant clfDate(String text) {
        Matcher m = CLF_DATE.matcher(text);
        if (!m.matches()) {
            throw bad("CLF date");
        }
        LocalDateTime local = localDateTime(Integer.parseInt(m.group(3)), month(m.group(2)), Integer.parseInt(m.group(1)),
                                            localTime(m.group(4), m.group(5), m.group(6), 0));
        int sign = m.group(7).equals("-") ? -1 : 1;
        return OffsetDateTime.of(local, offset(sign * Integer.parseInt(m.group(8)), sign * Integer.parseInt(m.group(9))))
                .toInstant();
    }

    private static void request(Map<String, String> fields, String request) {
        String[] parts = request.split(" ", -1);
        if (!isRequestLine(parts)) {
            if (!request.equals("-")) {
                put(fields, "request", request);
            }
            return;
        }
        fields.put("method", parts[0]);
        int q = parts[1].indexOf('?');
        put(fields, "path", q < 0 ? parts[1] : parts[1].substring(0, q));
        put(fields, "query", q < 0 ? null : parts[1].substring(q + 1));
        if (parts.length == 3) {
            fields.put("protocol", parts[2]);
        }
    }

    private static boolean isRequestLine(String[] parts) {
        boolean size = parts.length == 2 || parts.length == 3;
        return size && parts[0].matches("[A-Z]+") && !parts[1].isEmpty() && (parts.length == 2 || !parts[2].isEmpty());
    }

    static Result<Map<String, String>> combined(String line) {
        Matcher m = CLF.matcher(line);
        if (!m.matches()) {
            throw bad("not CLF");
        }
        Map<String, String> fields = clf(m);
        String rest = m.group(8);
        int quoted = 0;
        int i = 0;
        while (true) {
            while (i < rest.length() && rest.charAt(i) == ' ') {
                i++;
            }
            if (i == rest.length()) {
                return Result.ok(fields);
            }
            if (rest.charAt(i) == '"') {
                i = quotedField(fields, rest, i, quoted++);
            } else {
                i = bareField(fields, rest, i);
            }
        }
    }

    private static int quotedField(Map<String, String> fields, String rest, int i, int index) {
        Matcher q = QUOTED_FIELD.matcher(rest).region(i, rest.length());
        if (!q.lookingAt()) {
            throw bad("unterminated");
        }
        List<String> names = List.of("referer", "userAgent", "forwardedFor");
        if (index < names.size()) {
            putUnlessDash(fields, names.get(index), q.group(1));
        }
        return q.end();
    }

    private static int bareField(Map<String, String> fields, String rest, int i) {
        int end = rest.indexOf(' ', i) < 0 ? rest.length() : rest.indexOf(' ', i);
        String token = rest.substring(i, end);
        if (!fields.containsKey("durationMicros") && token.charAt(0) >= '0' && token.charAt(0) <= '9') {
            Long micros = durationMicros(token);
            if (micros != null) {
                fields.put("durationMicros", Long.toString(micros));
            }
        }
        return end;
    }

    /** An integer (microseconds) or a decimal (seconds); null when neither; throws when too large. */
    private static Long durationMicros(String token) {
        int dot = token.indexOf('.');
        String whole = dot < 0 ? token : token.substring(0, dot);
        if (!whole.matches("\\d+")) {
            return null;
        }
        if (new BigInteger(whole).compareTo(MAX_LONG) > 0) {
            throw bad("too large");
        }
        if (dot < 0) {
            return Long.parseLong(whole);
        }
        String fraction = token.substring(dot + 1);
        if (!fraction.matches("\\d+")) {
            return null;
        }
        BigDecimal micros = new BigDecimal(whole + "." + fraction).movePointRight(6).setScale(0, RoundingMode.DOWN);
        if (micros.compareTo(new BigDecimal(MAX_LONG)) > 0) {
            throw bad("too large");
        }
        return micros.longValue();
    }

    // ---------------------------------------------------------------- syslog

    private static String priority(Map<String, String> fields, String digits) {
        int pri = Integer.parseInt(digits);
        if (pri > 191) {
            throw bad("priority");
        }
        fields.put("facility", FACILITIES.get(pri / 8));
        fields.put("severity", SEVERITIES.get(pri % 8));
        String level = switch (pri % 8) {
            case 0, 1, 2 -> "FATAL";
            case 3 -> "ERROR";
            case 4 -> "WARN";
            case 5, 6 -> "INFO";
            default -> "DEBUG";
        };
        fields.put("level", level);
        return level;
    }

    static Result<Map<String, String>> rfc3164(String line, io.vigil.logparse.format.TimeContext time) {
        Map<String, String> fields = new TreeMap<>();
        String rest = line;
        if (rest.startsWith("<")) {
            Matcher p = PRI.matcher(rest);
            if (!p.lookingAt()) {
                throw bad("PRI");
            }
            priority(fields, p.group(1));
            rest = rest.substring(p.end());
        }
        int tsEnd = bsdOrIso(fields, rest, time);
        String[] hostAndRest = rest.substring(tsEnd).split(" ", 3);
        if (hostAndRest.length < 2 || !hostAndRest[0].isEmpty() || hostAndRest[1].isEmpty()) {
            throw bad("host");
        }
        fields.put("host", hostAndRest[1]);
        if (hostAndRest.length == 3) {
            tag(fields, hostAndRest[2]);
        }
        return Result.ok(fields);
    }

    private static int bsdOrIso(Map<String, String> fields, String rest, io.vigil.logparse.format.TimeContext time) {
        if (!rest.isEmpty() && rest.charAt(0) >= '0' && rest.charAt(0) <= '9') {
            int tsEnd = rest.indexOf(' ') < 0 ? rest.length() : rest.indexOf(' ');
            fields.put("ts", iso(rest.substring(0, tsEnd), time).toString());
            return tsEnd;
        }
        Matcher m = rest.length() < 15 ? null : BSD.matcher(rest.substring(0, 15));
        if (m == null || !m.matches()) {
            throw bad("BSD timestamp");
        }
        LocalTime localTime = localTime(m.group(3), m.group(4), m.group(5), 0);
        fields.put("ts", withoutYear(time, month(m.group(1)), Integer.parseInt(m.group(2).trim()), localTime).toString());
        return 15;
    }

    private static void tag(Map<String, String> fields, String text) {
        int space = text.indexOf(' ');
        String word = space < 0 ? text : text.substring(0, space);
        if (word.length() >= 2 && word.endsWith(":")) {
            int open = word.indexOf('[');
            if (open > 0 && word.endsWith("]:")) {
                put(fields, "app", word.substring(0, open));
                put(fields, "pid", word.substring(open + 1, word.length() - 2));
            } else {
                put(fields, "app", word.substring(0, word.length() - 1));
            }
            put(fields, "msg", space < 0 ? "" : text.substring(space + 1));
        } else {
            put(fields, "msg", text);
        }
    }

    /** RFC 5424 read leniently, as {@code Rfc5424Format}'s javadoc lists, with regular expressions over the text. */
    static Result<Map<String, String>> rfc5424(String line, io.vigil.logparse.format.TimeContext time) {
        Matcher m = RFC5424.matcher(line);
        if (!m.matches()) {
            throw bad("header");
        }
        Map<String, String> fields = new TreeMap<>();
        priority(fields, m.group(1));
        if (!m.group(3).equals("-")) {
            fields.put("ts", iso(m.group(3), time).toString());
        }
        putUnlessDash(fields, "host", m.group(4));
        putUnlessDash(fields, "app", m.group(5));
        putUnlessDash(fields, "pid", m.group(6));
        putUnlessDash(fields, "msgid", m.group(7));
        String rest = m.group(8);
        int i = skipSpaces(rest, 0);
        if (rest.startsWith("-", i) && (i + 1 == rest.length() || rest.charAt(i + 1) == ' ')) {
            i++;
        } else {
            while (i < rest.length() && rest.charAt(i) == '[') {
                int next = sdElement(fields, rest, i);
                if (next < 0) {
                    break;
                }
                i = next;
            }
        }
        String message = rest.substring(skipSpaces(rest, i));
        put(fields, "msg", message.startsWith("\uFEFF") ? message.substring(1) : message);
        return Result.ok(fields);
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /**
     * The SD-ELEMENT at {@code rest[i]}: its parameters when it reads, else nothing up to its first {@code ]};
     * returns the index after it, or -1 when no {@code ]} follows.
     */
    private static int sdElement(Map<String, String> fields, String rest, int i) {
        Matcher idOnly = SD_ID_ONLY.matcher(rest).region(i, rest.length());
        if (idOnly.lookingAt() && !idOnly.group(1).replaceAll(" +$", "").isEmpty()) {
            return idOnly.end();
        }
        Matcher element = SD_WITH_PARAMS.matcher(rest).region(i, rest.length());
        if (element.lookingAt() && !element.group(1).isEmpty()) {
            String id = element.group(1);
            Matcher param = SD_PARAM.matcher(rest);
            int at = skipSpaces(rest, i + 1 + id.length());
            while (param.region(at, element.end()).lookingAt()) {
                String value = param.group(2) != null ? param.group(2).replaceAll("\\\\([\"\\\\\\]])", "$1")
                                                      : param.group(3);
                fields.putIfAbsent(id + "." + param.group(1), value);
                at = skipSpaces(rest, param.end());
            }
            return element.end();
        }
        int close = rest.indexOf(']', i + 1);
        return close < 0 ? -1 : close + 1;
    }

    // ---------------------------------------------------------------- application logs

    static Result<Map<String, String>> klog(String line, io.vigil.logparse.format.TimeContext time) {
        Matcher m = KLOG.matcher(line);
        if (!m.matches()) {
            throw bad("klog");
        }
        Map<String, String> fields = new TreeMap<>();
        fields.put("level", switch (m.group(1)) {
            case "I" -> "INFO";
            case "W" -> "WARN";
            case "E" -> "ERROR";
            default -> "FATAL";
        });
        LocalTime localTime = localTime(m.group(4), m.group(5), m.group(6), Integer.parseInt(m.group(7)) * 1000);
        fields.put("ts", withoutYear(time, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), localTime).toString());
        fields.put("pid", Long.toString(longValue(m.group(8))));
        fields.put("pid", m.group(8));
        longValue(m.group(10));
        fields.put("source", m.group(9) + ":" + m.group(10));
        String rest = m.group(11);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(" ")) {
                throw bad("message");
            }
            put(fields, "msg", rest.substring(1));
        }
        return Result.ok(fields);
    }

    static Result<Map<String, String>> log4j(String line, io.vigil.logparse.format.TimeContext time) {
        Matcher m = LOG4J.matcher(line);
        if (!m.matches()) {
            throw bad("layout");
        }
        Map<String, String> fields = new TreeMap<>();
        String head = m.group(1);
        if (head.length() >= 19 && head.charAt(4) == '-') {
            fields.put("ts", iso(head, time).toString());
        } else if (head.length() >= 8 && head.charAt(2) == ':') {
            fields.put("ts", timeOnly(head, time).toString());
        } else {
            longValue(head);
        }
        String level = level(m.group(2) != null ? m.group(2) : m.group(5));
        if (level == null) {
            throw bad("level");
        }
        fields.put("level", level);
        fields.put("thread", m.group(2) != null ? m.group(3) : m.group(4));
        fields.put("logger", m.group(6));
        put(fields, "msg", m.group(7));
        return Result.ok(fields);
    }

    private static Instant timeOnly(String text, io.vigil.logparse.format.TimeContext time) {
        Matcher m = TIME_ONLY.matcher(text);
        if (!m.matches()) {
            throw bad("time");
        }
        int millis = m.group(4) == null ? 0 : Integer.parseInt((m.group(4) + "00").substring(0, 3));
        LocalTime localTime = localTime(m.group(1), m.group(2), m.group(3), millis * 1_000_000);
        Instant now = Instant.ofEpochMilli(time.nowMillis());
        LocalDate today = now.atZone(time.zone()).toLocalDate();
        Instant candidate = ZonedDateTime.of(today, localTime, time.zone()).toInstant();
        if (candidate.isAfter(now.plus(Duration.ofHours(1)))) {
            candidate = ZonedDateTime.of(today.minusDays(1), localTime, time.zone()).toInstant();
        }
        return candidate;
    }

    private static String pythonLevel(String name) {
        return switch (name) {
            case "DEBUG" -> "DEBUG";
            case "INFO" -> "INFO";
            case "WARNING" -> "WARN";
            case "ERROR" -> "ERROR";
            case "CRITICAL" -> "FATAL";
            default -> null;
        };
    }

    static Result<Map<String, String>> python(String line, io.vigil.logparse.format.TimeContext time) {
        Map<String, String> fields = new TreeMap<>();
        if (!line.isEmpty() && !(line.charAt(0) >= '0' && line.charAt(0) <= '9')) {
            String[] parts = line.split(":", 3);
            if (parts.length < 3 || pythonLevel(parts[0]) == null) {
                throw bad("basic");
            }
            fields.put("level", pythonLevel(parts[0]));
            fields.put("logger", parts[1]);
            put(fields, "msg", parts[2]);
            return Result.ok(fields);
        }
        if (line.length() < 23 || line.charAt(10) != ' ') {
            throw bad("asctime");
        }
        fields.put("ts", iso(line.substring(0, 23), time).toString());
        String rest = line.substring(23);
        if (rest.startsWith(" - ")) {
            dashed(fields, rest.substring(3));
        } else if (rest.startsWith(" ")) {
            spaced(fields, rest.substring(1));
        } else {
            throw bad("separator");
        }
        return Result.ok(fields);
    }

    private static void spaced(Map<String, String> fields, String text) {
        String[] parts = text.split(" ", 3);
        if (parts.length < 2 || pythonLevel(parts[0]) == null || parts[1].isEmpty() || parts[1].startsWith("[")) {
            throw bad("spaced");
        }
        fields.put("level", pythonLevel(parts[0]));
        fields.put("logger", parts[1]);
        put(fields, "msg", parts.length == 3 ? parts[2] : null);
    }

    private static void dashed(Map<String, String> fields, String text) {
        String[] parts = text.split(" - ", 3);
        if (parts.length < 2) {
            throw bad("dashed");
        }
        String first = pythonLevel(parts[0]);
        String second = pythonLevel(parts[1]);
        if (first == null && second == null) {
            throw bad("level");
        }
        fields.put("level", first != null ? first : second);
        fields.put("logger", first != null ? parts[1] : parts[0]);
        put(fields, "msg", parts.length == 3 ? parts[2] : null);
    }

    static Result<Map<String, String>> nginxError(String line, io.vigil.logparse.format.TimeContext time) {
        Matcher m = NGINX.matcher(line);
        if (!m.matches()) {
            throw bad("nginx");
        }
        Map<String, String> fields = new TreeMap<>();
        LocalDateTime local = localDateTime(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                                            Integer.parseInt(m.group(3)), localTime(m.group(4), m.group(5), m.group(6), 0));
        fields.put("ts", ZonedDateTime.of(local, time.zone()).toInstant().toString());
        String level = level(m.group(7));
        if (level == null) {
            throw bad("level");
        }
        fields.put("level", level);
        longValue(m.group(8));
        longValue(m.group(9));
        fields.put("pid", m.group(8));
        fields.put("tid", m.group(9));
        String rest = m.group(10);
        if (rest.startsWith(" *")) {
            int end = rest.indexOf(' ', 2) < 0 ? rest.length() : rest.indexOf(' ', 2);
            longValue(rest.substring(2, end));
            fields.put("cid", rest.substring(2, end));
            rest = rest.substring(end);
        }
        if (!rest.isEmpty()) {
            if (!rest.startsWith(" ")) {
                throw bad("message");
            }
            nginxMessage(fields, rest.substring(1));
        }
        return Result.ok(fields);
    }

    private static void nginxMessage(Map<String, String> fields, String message) {
        int context = message.indexOf(", client: ");
        if (context < 0) {
            put(fields, "msg", message);
            return;
        }
        Matcher pair = NGINX_PAIR.matcher(message).region(context, message.length());
        Map<String, String> values = new java.util.LinkedHashMap<>();
        int i = context;
        while (i < message.length() && pair.lookingAt()) {
            values.putIfAbsent(pair.group(1), pair.group(2) != null ? pair.group(2) : pair.group(3));
            i = pair.end();
            pair.region(i, message.length());
        }
        if (i < message.length()) {
            put(fields, "msg", message);
            return;
        }
        put(fields, "msg", message.substring(0, context));
        values.forEach((key, value) -> {
            switch (key) {
            case "client" -> put(fields, "client", value);
            case "request" -> request(fields, value);
            case "host" -> put(fields, "host", value);
            case "referrer" -> put(fields, "referer", value);
            default -> fields.putIfAbsent(key, value);
            }
        });
    }

    static Result<Map<String, String>> apacheError(String line, io.vigil.logparse.format.TimeContext time) {
        Matcher m = APACHE.matcher(line);
        if (!m.matches()) {
            throw bad("apache");
        }
        Map<String, String> fields = new TreeMap<>();
        fields.put("ts", apacheDate(m.group(1), time).toString());
        String levelText = m.group(2);
        int colon = levelText.indexOf(':');
        String level = level(colon < 0 ? levelText : levelText.substring(colon + 1));
        if (level == null) {
            throw bad("level");
        }
        fields.put("level", level);
        if (colon >= 0) {
            fields.put("module", levelText.substring(0, colon));
        }
        String rest = apachePid(fields, m.group(3));
        if (rest.startsWith(" [client ")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw bad("client");
            }
            apacheClient(fields, rest.substring(9, close), colon >= 0);
            rest = rest.substring(close + 1);
        }
        if (!rest.isEmpty()) {
            apacheMessage(fields, rest);
        }
        return Result.ok(fields);
    }

    private static String apachePid(Map<String, String> fields, String rest) {
        if (!rest.startsWith(" [pid ")) {
            return rest;
        }
        int close = rest.indexOf(']');
        if (close < 0) {
            throw bad("pid");
        }
        String[] pidAndTid = rest.substring(6, close).split(":tid ", 2);
        longValue(pidAndTid[0]);
        fields.put("pid", pidAndTid[0]);
        if (pidAndTid.length == 2) {
            fields.putIfAbsent("tid", pidAndTid[1]);
        }
        return rest.substring(close + 1);
    }

    private static void apacheMessage(Map<String, String> fields, String rest) {
        if (!rest.startsWith(" ")) {
            throw bad("message");
        }
        String message = rest.substring(1);
        int referer = message.lastIndexOf(", referer: ");
        put(fields, "msg", referer < 0 ? message : message.substring(0, referer));
        put(fields, "referer", referer < 0 ? null : message.substring(referer + 11));
    }

    private static void apacheClient(Map<String, String> fields, String client, boolean withPort) {
        int colon = client.lastIndexOf(':');
        if (withPort && colon > 0 && client.substring(colon + 1).matches("\\d+")
            && new BigInteger(client.substring(colon + 1)).compareTo(MAX_LONG) <= 0) {
            put(fields, "client", client.substring(0, colon));
            fields.putIfAbsent("clientPort", client.substring(colon + 1));
        } else {
            put(fields, "client", client);
        }
    }

    private static Instant apacheDate(String text, io.vigil.logparse.format.TimeContext time) {
        Matcher m = APACHE_DATE.matcher(text);
        if (!m.matches()) {
            throw bad("date");
        }
        int millis = m.group(6) == null ? 0 : Integer.parseInt((m.group(6) + "00").substring(0, 3));
        LocalDateTime local = localDateTime(Integer.parseInt(m.group(7)), month(m.group(1)), Integer.parseInt(m.group(2).trim()),
                                            localTime(m.group(3), m.group(4), m.group(5), millis * 1_000_000));
        return ZonedDateTime.of(local, time.zone()).toInstant();
    }

    // ---------------------------------------------------------------- logfmt

    /**
     * logfmt with the mapping of the keys {@code msg}, {@code level} and {@code status}; the property test only
     * generates lines whose other keys are not mapped by the fast parser.
     */
    static Result<Map<String, String>> logfmt(String line, io.vigil.logparse.format.TimeContext time) {
        Map<String, String> fields = new TreeMap<>();
        Map<String, String> extras = new TreeMap<>();
        Matcher pair = LOGFMT_PAIR.matcher(line);
        int i = 0;
        boolean first = true;
        while (true) {
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            if (i == line.length()) {
                break;
            }
            i = logfmtPair(pair.region(i, line.length()), first, fields, extras);
            first = false;
        }
        if (first) {
            throw bad("empty");
        }
        extras.forEach(fields::putIfAbsent);
        return Result.ok(fields);
    }

    private static int logfmtPair(Matcher pair, boolean first, Map<String, String> fields, Map<String, String> extras) {
        if (!pair.lookingAt()) {
            throw bad("pair");
        }
        boolean bareKey = pair.group(2) == null && pair.group(3) == null;
        if (first && bareKey) {
            throw bad("bare key first");
        }
        String value = pair.group(2) != null ? unescapeLogfmt(pair.group(2)) : bareKey ? "" : pair.group(3);
        if (!logfmtField(fields, pair.group(1), value)) {
            extras.putIfAbsent(pair.group(1), value);
        }
        return pair.end();
    }

    static List<String> logfmtKeys(String line) {
        List<String> keys = new java.util.ArrayList<>();
        Matcher pair = LOGFMT_PAIR.matcher(line);
        while (pair.find()) {
            keys.add(pair.group(1));
        }
        return keys;
    }

    private static String unescapeLogfmt(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && "ntr\"\\".indexOf(text.charAt(i + 1)) >= 0) {
                char next = text.charAt(++i);
                c = switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> next;
                };
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean logfmtField(Map<String, String> fields, String key, String value) {
        return switch (key) {
            case "msg" -> {
                String trimmed = value.replaceAll("[\r\n]+\\z", "");
                yield !fields.containsKey("msg") && !trimmed.isEmpty() && fields.put("msg", trimmed) == null;
            }
            case "level" -> !fields.containsKey("level") && logfmtLevel(fields, value);
            case "status" -> !fields.containsKey("status") && value.matches("\\d{1,18}") && Long.parseLong(value) <= 999
                             && fields.put("status", Long.toString(Long.parseLong(value))) == null;
            default -> false;
        };
    }

    private static boolean logfmtLevel(Map<String, String> fields, String value) {
        String level;
        if (value.matches("\\d+") && new BigInteger(value).compareTo(MAX_LONG) <= 0) {
            long n = Long.parseLong(value);
            level = n < 20 ? "TRACE" : n >= 60 ? "FATAL" : List.of("DEBUG", "INFO", "WARN", "ERROR").get((int) (n / 10) - 2);
        } else {
            level = level(value);
        }
        if (level == null) {
            return false;
        }
        fields.put("level", level);
        return true;
    }

    // ---------------------------------------------------------------- custom formats

    /**
     * A custom format, from its parts, on decoded text: each variable ends where {@link CompiledFormat} documents (the
     * last literal ends the line; a quoted variable at the first unescaped quote where the literal after it starts; a
     * CLF time after 26 characters and a status after 3 when the literal follows there; otherwise at the literal's first
     * occurrence), then each value is read with the same helpers as the built-in formats.
     */
    static Result<Map<String, String>> custom(List<FormatPart> parts, String line, io.vigil.logparse.format.TimeContext time) {
        try {
            Map<String, String> fields = new TreeMap<>();
            int i = 0;
            for (int k = 0; k < parts.size(); k++) {
                if (parts.get(k) instanceof FormatPart.Literal literal) {
                    if (!line.startsWith(literal.text(), i)) {
                        throw bad("literal " + literal.text());
                    }
                    i += literal.text().length();
                    continue;
                }
                FormatPart.Variable variable = (FormatPart.Variable) parts.get(k);
                String before = k == 0 ? "" : ((FormatPart.Literal) parts.get(k - 1)).text();
                String after = k + 1 < parts.size() ? ((FormatPart.Literal) parts.get(k + 1)).text() : "";
                int end = valueEnd(line, i, before, after, variable.slot(), k + 2 >= parts.size());
                customValue(fields, variable, line.substring(i, end), time);
                i = end;
            }
            return Result.ok(fields);
        } catch (Malformed e) {
            return Result.err(e.getMessage());
        }
    }

    private static int valueEnd(String line, int s, String before, String after, Slot slot, boolean last) {
        int end;
        if (last) {
            end = line.endsWith(after) ? line.length() - after.length() : -1;
        } else if (before.endsWith("\"") && after.startsWith("\"")) {
            end = quotedEnd(line, s, after);
        } else if (slot == Slot.TIME_CLF && line.startsWith(after, s + 26)) {
            end = s + 26;
        } else if (slot == Slot.STATUS && line.startsWith(after, s + 3)) {
            end = s + 3;
        } else {
            end = line.indexOf(after, s);
        }
        if (end < s) {
            throw bad("no end");
        }
        return end;
    }

    /** The first quote not escaped by a backslash where {@code after} starts, or -1. */
    private static int quotedEnd(String line, int s, String after) {
        for (int i = s; i < line.length(); i++) {
            if (line.charAt(i) == '\\') {
                i++;
            } else if (line.startsWith(after, i)) {
                return i;
            }
        }
        return -1;
    }

    private static void customValue(Map<String, String> fields, FormatPart.Variable variable, String value,
                                    io.vigil.logparse.format.TimeContext time) {
        boolean none = value.isEmpty() || value.equals("-");
        switch (variable.slot()) {
            case CLIENT -> putUnlessDash(fields, "client", value);
            case TIME_CLF -> fields.putIfAbsent("ts", clfDate(value).toString());
            case TIME_ISO -> fields.putIfAbsent("ts", iso(value, time).toString());
            case TIME_EPOCH_SECONDS -> fields.putIfAbsent("ts", Instant.ofEpochMilli(seconds(value) / 1000).toString());
            case TIME_EPOCH_MILLIS -> fields.putIfAbsent("ts", Instant.ofEpochMilli(longValue(value)).toString());
            case TIME_EPOCH_MICROS -> fields.putIfAbsent("ts", Instant.ofEpochMilli(longValue(value) / 1000).toString());
            case REQUEST -> request(fields, value);
            case METHOD -> putUnlessDash(fields, "method", value);
            case TARGET -> {
                if (!none) {
                    int q = value.indexOf('?');
                    put(fields, "path", q < 0 ? value : value.substring(0, q));
                    put(fields, "query", q < 0 ? null : value.substring(q + 1));
                }
            }
            case PATH -> putUnlessDash(fields, "path", value);
            case QUERY -> putUnlessDash(fields, "query", value.startsWith("?") ? value.substring(1) : value);
            case PROTOCOL -> putUnlessDash(fields, "protocol", value);
            case STATUS -> {
                if (!none && !value.matches("\\d{3}")) {
                    throw bad("status");
                }
                put(fields, "status", none ? null : Integer.toString(Integer.parseInt(value)));
            }
            case BYTES -> put(fields, "bytes", none ? null : Long.toString(longValue(value)));
            case REFERER -> putUnlessDash(fields, "referer", value);
            case USER_AGENT -> putUnlessDash(fields, "userAgent", value);
            case HOST -> putUnlessDash(fields, "host", value);
            case PID -> putUnlessDash(fields, "pid", value);
            case DURATION_SECONDS -> put(fields, "durationMicros", none ? null : Long.toString(seconds(value)));
            case DURATION_MILLIS -> put(fields, "durationMicros", none ? null : millisAsMicros(value));
            case DURATION_MICROS -> put(fields, "durationMicros", none ? null : Long.toString(longValue(value)));
            default -> putUnlessDash(fields, variable.extraName(), value);
        }
    }

    private static long seconds(String value) {
        if (!value.matches("\\d+(\\.\\d+)?")) {
            throw bad("seconds: " + value);
        }
        BigDecimal micros = new BigDecimal(value).movePointRight(6).setScale(0, RoundingMode.DOWN);
        if (micros.compareTo(new BigDecimal(MAX_LONG)) > 0) {
            throw bad("too large");
        }
        return micros.longValue();
    }

    private static String millisAsMicros(String value) {
        BigInteger micros = BigInteger.valueOf(longValue(value)).multiply(BigInteger.valueOf(1000));
        if (micros.compareTo(MAX_LONG) > 0) {
            throw bad("too large");
        }
        return micros.toString();
    }
}
