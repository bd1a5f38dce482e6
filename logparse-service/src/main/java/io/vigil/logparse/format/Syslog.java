package io.vigil.logparse.format;

/**
 * The {@code <PRI>} part shared by both syslog formats: facility and severity names (RFC 5424 section 6.2.1)
 * as extras and the severity as the level.
 */
final class Syslog {
    static final byte[] FACILITY = Bytes.ascii("facility");
    static final byte[] SEVERITY = Bytes.ascii("severity");

    private static final byte[][] FACILITIES = names("kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
            "uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "solaris-cron",
            "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7");
    private static final byte[][] SEVERITIES = names("emerg", "alert", "crit", "err", "warning", "notice", "info",
            "debug");

    private Syslog() {
    }

    private static byte[][] names(String... names) {
        byte[][] bytes = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            bytes[i] = Bytes.ascii(names[i]);
        }
        return bytes;
    }

    /**
     * Parses {@code "<" 1*3DIGIT ">"} at {@code s} (value 0..191) and records facility, severity and level.
     *
     * @return index after {@code >}, or -1 with the reason set
     */
    static int priority(byte[] b, int s, int e, ParsedLine out) {
        int close = -1;
        for (int i = s + 1; i < e && i <= s + 4 && close < 0; i++) {
            if (b[i] == '>') {
                close = i;
            }
        }
        long pri = close < 0 ? -1 : Bytes.parseLong(b, s + 1, close);
        if (pri < 0 || pri > 191) {
            out.fail(Reasons.BAD_PRIORITY);
            return -1;
        }
        int severity = (int) (pri & 7);
        byte[] facility = FACILITIES[(int) (pri >> 3)];
        out.addExtra(FACILITY, facility, 0, facility.length);
        out.addExtra(SEVERITY, SEVERITIES[severity], 0, SEVERITIES[severity].length);
        out.level(Levels.ofSeverity(severity));
        return close + 1;
    }
}
