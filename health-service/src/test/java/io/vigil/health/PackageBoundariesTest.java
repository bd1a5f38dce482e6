package io.vigil.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * The packages' layering (package-info.java): {@code report} may use {@code check} and {@code probe}, {@code check}
 * only {@code probe}, {@code probe} none of them, and none of them the service's own package. Read from the sources'
 * imports (and fully qualified names), so that a shortcut back up the layers fails here.
 */
class PackageBoundariesTest {
    private static final Path SOURCES = Path.of("src/main/java/io/vigil/health");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.vigil\\.health(\\.(probe|check|report))?\\.[A-Z]");
    /** What each part may use of health-service's packages; "" is the service's own package. */
    private static final Map<String, List<String>> ALLOWED = Map.of(
            "probe", List.of("probe"),
            "check", List.of("check", "probe"),
            "report", List.of("report", "check", "probe"));

    @Test
    void eachPartUsesOnlyThePartsBelowIt() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, List<String>> part : ALLOWED.entrySet()) {
            List<Path> files = sources(SOURCES.resolve(part.getKey()));
            assertThat(part.getKey() + " has sources", files.isEmpty(), is(false));
            for (Path file : files) {
                Matcher reference = REFERENCE.matcher(Files.readString(file));
                while (reference.find()) {
                    String used = reference.group(2) == null ? "" : reference.group(2);
                    if (!part.getValue().contains(used)) {
                        violations.add(file.getFileName() + " (" + part.getKey() + ") uses "
                                               + (used.isEmpty() ? "the service's package" : used) + ": "
                                               + reference.group());
                    }
                }
            }
        }
        assertThat(violations, is(empty()));
    }

    @Test
    void theRuleSeesAReferenceUpTheLayers() {
        Matcher reference = REFERENCE.matcher("import io.vigil.health.report.HealthReport;\n"
                                                      + "import io.vigil.health.HealthSettings;\n"
                                                      + "import io.vigil.health.check.Check;\n");
        List<String> found = new ArrayList<>();
        while (reference.find()) {
            found.add(reference.group(2) == null ? "" : reference.group(2));
        }
        assertThat(found, hasSize(3));
        assertThat(found, is(List.of("report", "", "check")));
    }

    private static List<Path> sources(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList();
        }
    }
}
