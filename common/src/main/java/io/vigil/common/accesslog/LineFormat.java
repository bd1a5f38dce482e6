package io.vigil.common.accesslog;

/** Turns a record into one line of the access log; used by the writer thread only, so it may keep caches. */
interface LineFormat {
    /**
     * Appends the record's line, without the line break.
     *
     * @param record the request
     * @param line   where to write
     */
    void append(AccessRecord record, StringBuilder line);

    /**
     * A new formatter.
     *
     * @param format json or combined
     * @return the formatter
     */
    static LineFormat of(AccessLogFormat format) {
        return switch (format) {
            case JSON -> new JsonLine();
            case COMBINED -> new CombinedLine();
            case OFF -> throw new IllegalArgumentException("format: off (expected: json or combined)");
        };
    }
}
