package io.vigil.health.probe;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Sizes written as people write them: {@code 1GB}, {@code 512 MiB}, {@code 1.5TB}, {@code 4096}. Units are
 * powers of 1024 whichever way they are spelled ({@code KB} = {@code KiB} = 1024 bytes).
 */
final class ByteSize {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private ByteSize() {
    }

    /**
     * Parses a size.
     *
     * @param text such as {@code 1GB}
     * @return bytes
     * @throws RuntimeException when the text is no size, a fraction of a byte or too large
     */
    static long parse(String text) {
        String trimmed = text.trim().toUpperCase(Locale.ROOT);
        int unitStart = 0;
        while (unitStart < trimmed.length() && isNumberPart(trimmed.charAt(unitStart))) {
            unitStart++;
        }
        BigDecimal number = new BigDecimal(trimmed.substring(0, unitStart));
        return number.multiply(BigDecimal.valueOf(multiplier(trimmed.substring(unitStart).trim()))).longValueExact();
    }

    /**
     * Formats a size for people, with one decimal in the largest unit that keeps the number at least 1.
     *
     * @param bytes size
     * @return such as {@code 1.5 GiB}
     */
    static String format(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    private static boolean isNumberPart(char c) {
        return c >= '0' && c <= '9' || c == '.';
    }

    private static long multiplier(String unit) {
        return switch (unit.replace("I", "")) {
            case "", "B" -> 1L;
            case "K", "KB" -> 1L << 10;
            case "M", "MB" -> 1L << 20;
            case "G", "GB" -> 1L << 30;
            case "T", "TB" -> 1L << 40;
            default -> throw new IllegalArgumentException("unit: " + unit + " (expected: B, KB, MB, GB or TB)");
        };
    }
}
