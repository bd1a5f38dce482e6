package io.vigil.logparse.format;

/**
 * One part of a compiled custom format: literal text, or a variable that fills a {@link Slot}.
 */
sealed interface FormatPart {
    /**
     * Where the part starts in the format string, counted from 1.
     *
     * @return the position
     */
    int position();

    /**
     * Text that must appear as it is.
     *
     * @param text     the text, escapes already resolved
     * @param position where it starts
     */
    record Literal(String text, int position) implements FormatPart {
    }

    /**
     * A variable.
     *
     * @param slot     what it becomes
     * @param name     its name in the format ({@code $status}, {@code %>s}); for an {@link Slot#EXTRA}, the extra's name
     *                 is {@link #extraName}
     * @param extraName name of the extra it is stored as, or {@code null} for a normalised field
     * @param position where it starts
     */
    record Variable(Slot slot, String name, String extraName, int position) implements FormatPart {
    }
}
