package io.vigil.perf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded generator of realistic logs in each format logparse knows, for the benchmarks: the same seed gives the same
 * bytes. Values follow skewed popularity (a few clients, paths and messages are frequent, a long tail is not), levels
 * and statuses a typical mix, timestamps advance through one day; the application formats carry an occasional stack
 * trace or traceback.
 */
public final class SampleLogs {
    /** Every format, in the order of {@code GET /v1/formats}. */
    public static final List<String> FORMATS = List.of("common", "combined", "nginx-error", "apache-error",
            "syslog-rfc3164", "syslog-rfc5424", "logfmt", "json", "log4j", "python", "klog", "text");

    private static final String[] AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "curl/8.5.0", "python-requests/2.31.0", "Go-http-client/1.1", "kube-probe/1.29",
    };
    private static final String[] METHODS = {"GET", "GET", "GET", "GET", "GET", "GET", "POST", "POST", "PUT", "HEAD"};
    private static final int[] STATUSES = {200, 200, 200, 200, 200, 200, 200, 200, 304, 301, 404, 404, 403, 500, 502};
    private static final String[] LEVELS = {"INFO", "INFO", "INFO", "INFO", "INFO", "DEBUG", "DEBUG", "WARN", "ERROR"};
    private static final String[] WORDS = ("request handled connection pool timeout retry cache miss hit user order "
            + "payment session token refresh upstream downstream queue worker job started finished failed slow query "
            + "index shard replica leader election heartbeat lease renewed expired config reload signal").split(" ");
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
    private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter APACHE = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss.SSSSSS yyyy", Locale.ROOT);
    private static final DateTimeFormatter BSD = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX", Locale.ROOT);
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS", Locale.ROOT);
    private static final DateTimeFormatter KLOG = DateTimeFormatter.ofPattern("MMdd HH:mm:ss.SSSSSS", Locale.ROOT);

    private final SplittableRandom random;
    private final String[] clients = new String[50_000];
    private final String[] paths = new String[2_000];
    private final String[] hosts = new String[40];
    private final String[] loggers = new String[60];
    private final double[] clientWeights;
    private final double[] pathWeights;
    private long millis = Instant.parse("2024-03-14T00:00:00Z").toEpochMilli();

    private SampleLogs(long seed) {
        random = new SplittableRandom(seed);
        for (int i = 0; i < clients.length; i++) {
            clients[i] = i % 5 == 4
                    ? String.format(Locale.ROOT, "2001:db8:%x::%x", random.nextInt(65536), random.nextInt(65536))
                    : (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                      + (1 + random.nextInt(254));
        }
        for (int i = 0; i < paths.length; i++) {
            paths[i] = "/" + word() + "/" + word() + (i % 3 == 0 ? "/" + random.nextInt(10_000) : ".html");
        }
        for (int i = 0; i < hosts.length; i++) {
            hosts[i] = "web-" + i + ".example.internal";
        }
        for (int i = 0; i < loggers.length; i++) {
            loggers[i] = "com.example." + word() + "." + Character.toUpperCase(word().charAt(0)) + word();
        }
        clientWeights = zipf(clients.length, 0.9);
        pathWeights = zipf(paths.length, 1.1);
    }

    /**
     * Generates about {@code bytes} bytes of whole lines in a format.
     *
     * @param format a name of {@link #FORMATS}
     * @param bytes  approximate size
     * @param seed   random seed
     * @return the log
     */
    public static byte[] generate(String format, int bytes, long seed) {
        SampleLogs logs = new SampleLogs(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes + 4096);
        StringBuilder line = new StringBuilder(512);
        while (out.size() < bytes) {
            line.setLength(0);
            logs.millis += logs.random.nextInt(40);
            logs.line(format, line);
            out.writeBytes(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private void line(String format, StringBuilder line) {
        switch (format) {
            case "common" -> access(line, false);
            case "combined" -> access(line, true);
            case "nginx-error" -> nginxError(line);
            case "apache-error" -> apacheError(line);
            case "syslog-rfc3164" -> line.append(time(BSD)).append(' ').append(host()).append(' ').append(pick("sshd", "cron",
                    "systemd", "kernel")).append('[').append(100 + random.nextInt(30_000)).append("]: ").append(message());
            case "syslog-rfc5424" -> line.append('<').append(8 + random.nextInt(180)).append(">1 ").append(time(ISO_MILLIS))
                    .append(' ').append(host()).append(' ').append(pick("api", "billing", "auth")).append(' ')
                    .append(random.nextInt(30_000)).append(" ID").append(random.nextInt(100))
                    .append(random.nextInt(4) == 0 ? " [meta@32473 iut=\"3\" eventSource=\"app\"] " : " - ")
                    .append(message());
            case "logfmt" -> logfmt(line);
            case "json" -> json(line);
            case "log4j" -> log4j(line);
            case "python" -> python(line);
            case "klog" -> line.append(pick("I", "I", "I", "W", "E")).append(time(KLOG)).append("       1 ")
                    .append(word()).append(".go:").append(random.nextInt(900)).append("] ").append(message());
            case "text" -> text(line);
            default -> throw new IllegalArgumentException("format: " + format);
        }
    }

    private void access(StringBuilder line, boolean combined) {
        String path = paths[weighted(pathWeights)];
        line.append(clients[weighted(clientWeights)]).append(" - ").append(random.nextInt(20) == 0 ? "alice" : "-")
                .append(" [").append(time(CLF)).append("] \"").append(pick(METHODS)).append(' ').append(path)
                .append(random.nextInt(8) == 0 ? "?page=" + random.nextInt(50) : "").append(" HTTP/1.1\" ")
                .append(STATUSES[random.nextInt(STATUSES.length)]).append(' ').append(random.nextInt(60_000));
        if (combined) {
            line.append(random.nextInt(3) == 0 ? " \"-\" \"" : " \"https://" + word() + ".com/" + word() + "\" \"")
                    .append(pick(AGENTS)).append('"');
        }
    }

    private void nginxError(StringBuilder line) {
        line.append(time(SLASHED)).append(" [").append(pick("error", "error", "warn", "notice", "crit")).append("] ")
                .append(random.nextInt(100)).append('#').append(random.nextInt(100)).append(": *")
                .append(random.nextInt(1_000_000)).append(' ');
        if (random.nextInt(4) == 0) {
            line.append(message());
            return;
        }
        line.append(pick("open() \"/srv/www" + paths[weighted(pathWeights)] + "\" failed (2: No such file or directory)",
                         "upstream timed out (110: Connection timed out) while reading response header from upstream"))
                .append(", client: ").append(clients[weighted(clientWeights)]).append(", server: ").append(host())
                .append(", request: \"").append(pick(METHODS)).append(' ').append(paths[weighted(pathWeights)])
                .append(" HTTP/1.1\", host: \"").append(host()).append('"');
    }

    private void apacheError(StringBuilder line) {
        line.append('[').append(time(APACHE)).append("] [").append(pick("core", "proxy_fcgi", "ssl", "mpm_event"))
                .append(':').append(pick("error", "error", "warn", "notice")).append("] [pid ").append(random.nextInt(40_000))
                .append(":tid ").append(random.nextInt(1_000_000)).append("] ");
        if (random.nextInt(3) != 0) {
            line.append("[client ").append(clients[weighted(clientWeights)]).append(':').append(1024 + random.nextInt(60_000))
                    .append("] ");
        }
        line.append("AH0").append(1000 + random.nextInt(8000)).append(": ").append(message());
    }

    private void logfmt(StringBuilder line) {
        line.append("time=").append(time(ISO_MILLIS)).append(" level=").append(pick(LEVELS).toLowerCase(Locale.ROOT))
                .append(" msg=\"").append(message()).append("\" method=").append(pick(METHODS)).append(" path=")
                .append(paths[weighted(pathWeights)]).append(" status=").append(STATUSES[random.nextInt(STATUSES.length)])
                .append(" duration=").append(random.nextInt(900)).append("ms request_id=")
                .append(Long.toHexString(random.nextLong()));
    }

    private void json(StringBuilder line) {
        line.append("{\"@timestamp\":\"").append(time(ISO_MILLIS)).append("\",\"log.level\":\"")
                .append(pick(LEVELS).toLowerCase(Locale.ROOT)).append("\",\"message\":\"").append(message())
                .append("\",\"service.name\":\"").append(pick("checkout", "search", "auth")).append("\",\"host\":{\"name\":\"")
                .append(host()).append("\"},\"http\":{\"request\":{\"method\":\"").append(pick(METHODS))
                .append("\"},\"response\":{\"status_code\":").append(STATUSES[random.nextInt(STATUSES.length)])
                .append("}},\"url.path\":\"").append(paths[weighted(pathWeights)]).append("\",\"event.duration\":")
                .append(random.nextInt(900_000_000)).append(",\"trace.id\":\"").append(Long.toHexString(random.nextLong()))
                .append("\"}");
    }

    private void log4j(StringBuilder line) {
        String level = pick(LEVELS);
        line.append(time(ASCTIME)).append(' ').append(level).append(level.length() == 4 ? "  [" : " [")
                .append(pick("main", "http-nio-8080-exec-" + random.nextInt(20), "pool-1-thread-" + random.nextInt(8)))
                .append("] ").append(pick(loggers)).append(" - ").append(message());
        if (level.equals("ERROR") && random.nextInt(4) == 0) {
            line.append("\njava.lang.IllegalStateException: ").append(message());
            for (int i = 0; i < 6; i++) {
                line.append("\n\tat ").append(pick(loggers)).append('.').append(word()).append("(App.java:")
                        .append(random.nextInt(400)).append(')');
            }
        }
    }

    private void python(StringBuilder line) {
        String level = pick("INFO", "INFO", "INFO", "DEBUG", "WARNING", "ERROR");
        line.append(time(ASCTIME)).append(" - app.").append(word()).append(" - ").append(level).append(" - ").append(message());
        if (level.equals("ERROR") && random.nextInt(4) == 0) {
            line.append("\nTraceback (most recent call last):");
            for (int i = 0; i < 3; i++) {
                line.append("\n  File \"/srv/app/").append(word()).append(".py\", line ").append(random.nextInt(400))
                        .append(", in ").append(word()).append("\n    ").append(word()).append("()");
            }
            line.append("\nValueError: ").append(message());
        }
    }

    private void text(StringBuilder line) {
        if (random.nextBoolean()) {
            line.append(time(ISO_MILLIS)).append(' ').append(host()).append(' ').append(pick(LEVELS)).append(' ');
        }
        line.append(message()).append(' ').append(message());
    }

    private String message() {
        StringBuilder text = new StringBuilder(80);
        int words = 4 + random.nextInt(10);
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : " ").append(random.nextInt(6) == 0 ? String.valueOf(random.nextInt(100_000)) : word());
        }
        return text.toString();
    }

    private String word() {
        return WORDS[random.nextInt(WORDS.length)];
    }

    private String host() {
        return hosts[random.nextInt(hosts.length)];
    }

    private String time(DateTimeFormatter formatter) {
        return formatter.format(ZonedDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
    }

    private String pick(String... values) {
        return values[random.nextInt(values.length)];
    }

    private int weighted(double[] cumulative) {
        int i = Arrays.binarySearch(cumulative, random.nextDouble() * cumulative[cumulative.length - 1]);
        return i >= 0 ? i : Math.min(-i - 1, cumulative.length - 1);
    }

    private static double[] zipf(int n, double exponent) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / Math.pow(i + 1, exponent);
            cumulative[i] = sum;
        }
        return cumulative;
    }
}
