// Seeded generator of realistic access logs in the Combined Log Format, for the benchmarks.
// Run as a single-file program (no build): java perf/LogGenerator.java --lines 1000000 [--seed 42] > access.log
// Paths and clients follow Zipf-like popularity, statuses and methods a typical mix, response sizes a
// long tail; referrers and user agents come from realistic pools. Same seed, same bytes.

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

public final class LogGenerator {
    private static final String[] AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "curl/8.5.0", "Wget/1.21.4", "python-requests/2.31.0", "Go-http-client/1.1", "okhttp/4.12.0",
        "Prometheus/2.51.0", "kube-probe/1.29", "Apache-HttpClient/4.5.14 (Java/17.0.10)",
    };
    private static final String[] SECTIONS = {"", "/blog", "/docs", "/api/v1", "/api/v2", "/shop", "/static/js",
        "/static/css", "/images", "/account", "/search", "/help"};
    private static final String[] EXTENSIONS = {"", ".html", ".js", ".css", ".png", ".jpg", ".json", ".svg", ".woff2"};
    private static final DateTimeFormatter CLF_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    private final Random random;
    private final String[] paths = new String[5000];
    private final String[] clients = new String[200_000];
    private final String[] referrers = new String[500];
    private final double[] pathWeights;
    private final double[] clientWeights;

    private LogGenerator(long seed) {
        random = new Random(seed);
        for (int i = 0; i < paths.length; i++) {
            String section = SECTIONS[random.nextInt(SECTIONS.length)];
            String name = i == 0 ? "/" : section + "/" + word() + (random.nextInt(4) == 0 ? "/" + word() : "");
            paths[i] = name + (i == 0 ? "" : EXTENSIONS[random.nextInt(EXTENSIONS.length)]);
        }
        for (int i = 0; i < clients.length; i++) {
            clients[i] = random.nextInt(5) == 0
                    ? String.format(Locale.ROOT, "2001:db8:%x:%x::%x", random.nextInt(65536), random.nextInt(65536),
                                    random.nextInt(65536))
                    : (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                            + (1 + random.nextInt(254));
        }
        for (int i = 0; i < referrers.length; i++) {
            referrers[i] = "https://" + word() + "." + (random.nextBoolean() ? "com" : "org") + "/" + word();
        }
        pathWeights = zipf(paths.length, 1.1);
        clientWeights = zipf(clients.length, 0.9);
    }

    public static void main(String[] args) throws IOException {
        long lines = 1_000_000;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--lines" -> lines = Long.parseLong(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("usage: LogGenerator --lines N [--seed S]");
            }
        }
        try (OutputStream out = new BufferedOutputStream(System.out, 1 << 20)) {
            new LogGenerator(seed).write(lines, out);
        }
    }

    private void write(long lines, OutputStream out) throws IOException {
        ZonedDateTime start = ZonedDateTime.of(2026, 3, 14, 0, 0, 0, 0, ZoneOffset.UTC);
        long spanSeconds = 86_400L;
        long lastSecond = -1;
        String time = "";
        StringBuilder line = new StringBuilder(256);
        for (long i = 0; i < lines; i++) {
            long second = i * spanSeconds / Math.max(lines, 1);
            if (second != lastSecond) {
                time = CLF_TIME.format(start.plusSeconds(second));
                lastSecond = second;
            }
            line.setLength(0);
            line.append(clients[pick(clientWeights)]).append(" - ")
                    .append(random.nextInt(50) == 0 ? "alice" : "-")
                    .append(" [").append(time).append("] \"").append(method()).append(' ')
                    .append(paths[pick(pathWeights)]).append(random.nextInt(10) == 0 ? "?q=" + word() : "")
                    .append(" HTTP/1.1\" ").append(status()).append(' ').append(size()).append(" \"")
                    .append(random.nextBoolean() ? "-" : referrers[random.nextInt(referrers.length)]).append("\" \"")
                    .append(AGENTS[pick(AGENTS.length)]).append("\"\n");
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private String method() {
        int r = random.nextInt(100);
        return r < 88 ? "GET" : r < 96 ? "POST" : r < 98 ? "HEAD" : r < 99 ? "PUT" : "DELETE";
    }

    private int status() {
        int r = random.nextInt(1000);
        return r < 820 ? 200 : r < 870 ? 304 : r < 900 ? 301 : r < 910 ? 302 : r < 960 ? 404 : r < 975 ? 403
                : r < 980 ? 401 : r < 990 ? 500 : r < 996 ? 502 : 503;
    }

    private long size() {
        return (long) Math.exp(6 + 2.5 * Math.abs(random.nextGaussian()));
    }

    private String word() {
        String letters = "abcdefghijklmnopqrstuvwxyz";
        StringBuilder word = new StringBuilder();
        for (int i = 3 + random.nextInt(8); i > 0; i--) {
            word.append(letters.charAt(random.nextInt(letters.length())));
        }
        return word.toString();
    }

    private int pick(int n) {
        return Math.min(n - 1, (int) (n * Math.pow(random.nextDouble(), 2)));
    }

    private int pick(double[] cumulative) {
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] < x) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static double[] zipf(int n, double exponent) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1 / Math.pow(k + 1, exponent);
            cumulative[k] = sum;
        }
        return cumulative;
    }
}
