package io.vigil.health.probe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;

/**
 * Free space of the file system that holds a path, for the JVM's user; fails below a minimum.
 */
final class DiskProbe implements Probe {
    private final Path path;
    private final long minFree;

    private DiskProbe(Path path, long minFree) {
        this.path = path;
        this.minFree = minFree;
    }

    /**
     * Reads a disk check: {@code path} (default {@code /}) and {@code min-free} (required, such as {@code 1GB}).
     *
     * @param node    the check's configuration
     * @param timeout unused: reading free space does not block on the network
     * @return the probe
     */
    static DiskProbe create(Config node, Duration timeout) {
        String expected = "a size such as 512MB or 1GB (units are powers of 1024)";
        ConfigValues.required(node.get("min-free"), expected);
        long minFree = ConfigValues.oneOf(node.get("min-free"), 0L, ByteSize::parse, expected);
        Path path = ConfigValues.oneOf(node.get("path"), Path.of("/"), Path::of, "a file system path");
        return new DiskProbe(path, minFree);
    }

    @Override
    public Measurement measurement() {
        return Measurement.FREE_SPACE;
    }

    @Override
    public Reading read() throws Exception {
        long free = Files.getFileStore(path).getUsableSpace();
        if (free < minFree) {
            return Reading.fail(free, "free " + ByteSize.format(free) + " on " + path + " (expected: at least "
                    + ByteSize.format(minFree) + ")");
        }
        return Reading.ok(free);
    }
}
