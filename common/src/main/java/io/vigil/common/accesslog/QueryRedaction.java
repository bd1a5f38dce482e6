package io.vigil.common.accesslog;

import java.util.Locale;

/**
 * Takes secrets out of query strings before they are logged: the value of a parameter whose name suggests a
 * credential ({@code key}, {@code token}, {@code secret}, {@code password}, {@code auth}, {@code signature},
 * {@code session}, {@code credential}, e.g. {@code api_key} or {@code X-Amz-Signature}) becomes {@value #REDACTED}.
 */
final class QueryRedaction {
    /** What a secret's value is replaced with. */
    static final String REDACTED = "REDACTED";

    private static final String[] SECRET_WORDS = {"key", "token", "secret", "passw", "pwd", "auth", "sig", "session",
        "credential"};

    private QueryRedaction() {
    }

    /**
     * The query with the values of secret-looking parameters replaced.
     *
     * @param query raw query string, without {@code ?}
     * @return the query to log
     */
    static String redact(String query) {
        if (query.isEmpty()) {
            return query;
        }
        StringBuilder out = new StringBuilder(query.length());
        int start = 0;
        while (start <= query.length()) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = query.length();
            }
            String pair = query.substring(start, end);
            int equals = pair.indexOf('=');
            if (start > 0) {
                out.append('&');
            }
            if (equals >= 0 && secret(pair.substring(0, equals))) {
                out.append(pair, 0, equals + 1).append(REDACTED);
            } else {
                out.append(pair);
            }
            start = end + 1;
        }
        return out.toString();
    }

    private static boolean secret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
