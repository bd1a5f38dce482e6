package io.vigil.health.probe;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The small value types of check configuration: sizes, status ranges and JSON conditions.
 */
class ValuesTest {
    @Test
    void sizesAreReadInPowersOf1024AndWrittenForPeople() {
        assertThat(ByteSize.parse("1GB"), is(1L << 30));
        assertThat(ByteSize.parse("1 GiB"), is(1L << 30));
        assertThat(ByteSize.parse("1.5g"), is(3L << 29));
        assertThat(ByteSize.parse("512MB"), is(512L << 20));
        assertThat(ByteSize.parse("4096"), is(4096L));
        assertThat(ByteSize.parse("2kb"), is(2048L));
        assertThat(ByteSize.parse("1TB"), is(1L << 40));
        assertThrows(RuntimeException.class, () -> ByteSize.parse("-1GB"));
        assertThrows(RuntimeException.class, () -> ByteSize.parse("0.5B"));
        assertThrows(RuntimeException.class, () -> ByteSize.parse("1PB"));

        assertThat(ByteSize.format(512), is("512 B"));
        assertThat(ByteSize.format(1536), is("1.5 KiB"));
        assertThat(ByteSize.format(3L << 29), is("1.5 GiB"));
    }

    @Test
    void statusRangesAreSingleStatusesOrInclusiveRanges() {
        StatusRange range = StatusRange.parse("200-299");
        assertThat(range.contains(200), is(true));
        assertThat(range.contains(299), is(true));
        assertThat(range.contains(300), is(false));
        assertThat(range.toString(), is("200-299"));
        assertThat(StatusRange.parse(" 204 ").toString(), is("204"));
        assertThat(StatusRange.parse("204").contains(200), is(false));
        assertThrows(IllegalArgumentException.class, () -> StatusRange.parse("600"));
        assertThrows(IllegalArgumentException.class, () -> StatusRange.parse("300-200"));
        assertThrows(IllegalArgumentException.class, () -> StatusRange.parse("2xx"));
    }

    @Test
    void jsonConditionsLookAtAPointer() {
        JsonCondition up = new JsonCondition("/status", Optional.of("UP"));
        assertThat(up.test(json("{\"status\":\"UP\"}")), is(Optional.empty()));
        assertThat(up.test(json("{\"status\":\"DOWN\"}")), is(Optional.of("body has /status = DOWN (expected: UP)")));
        assertThat(up.test(json("{\"state\":\"UP\"}")), is(Optional.of("body has no value at /status")));
        assertThat(up.test(json("<html>")), is(Optional.of("body is not a JSON object or array")));

        JsonCondition literal = new JsonCondition("/checks/0/ok", Optional.of("true"));
        assertThat(literal.test(json("{\"checks\":[{\"ok\":true}]}")), is(Optional.empty()));

        JsonCondition exists = new JsonCondition("/version", Optional.empty());
        assertThat(exists.test(json("{\"version\":3}")), is(Optional.empty()));
        assertThat(exists.test(json("[]")), is(Optional.of("body has no value at /version")));
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
