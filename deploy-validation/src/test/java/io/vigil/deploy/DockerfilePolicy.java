package io.vigil.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Policies of a Dockerfile: base images pinned to exact version tags, a non-root numeric user, a health check on
 * readiness, an exec-form entry point with the JVM sized by the container and stopped on OOM, OCI labels.
 */
final class DockerfilePolicy {
    private static final Pattern IMAGE = Pattern.compile("(?<name>[^\\s:@]+(?::\\d+/[^\\s:@]+)?)(?::(?<tag>[^\\s@]+))?"
                                                         + "(?:@(?<digest>\\S+))?");
    private static final Pattern VERSION_TAG = Pattern.compile("v?\\d+(\\.\\d+)+([._-][A-Za-z0-9._-]+)?");
    private static final List<String> LABELS = List.of("org.opencontainers.image.title", "org.opencontainers.image.version",
                                                       "org.opencontainers.image.revision",
                                                       "org.opencontainers.image.description");

    private DockerfilePolicy() {
    }

    /** One instruction, continuation lines joined. */
    record Instruction(String keyword, String arguments) {
    }

    static List<Instruction> parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String stripped = line.strip();
            if (current.isEmpty() && (stripped.isEmpty() || stripped.startsWith("#"))) {
                continue;
            }
            if (stripped.startsWith("#")) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            current.append(stripped);
            String[] parts = current.toString().strip().split("\\s+", 2);
            instructions.add(new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : ""));
            current.setLength(0);
        }
        return instructions;
    }

    /**
     * Every violation of a Dockerfile.
     *
     * @param text the Dockerfile
     * @return one line per violation
     */
    static List<String> check(String text) {
        List<String> violations = new ArrayList<>();
        List<Instruction> instructions = parse(text);
        int finalStage = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                checkBase(instructions.get(i).arguments(), violations);
                finalStage = i;
            }
        }
        List<Instruction> runtime = instructions.subList(finalStage, instructions.size());
        checkUser(runtime, violations);
        checkHealthcheck(runtime, violations);
        checkEntrypoint(runtime, violations);
        String labels = runtime.stream().filter(x -> x.keyword().equals("LABEL")).map(Instruction::arguments)
                .reduce("", (a, b) -> a + " " + b);
        for (String label : LABELS) {
            if (!labels.contains(label + "=")) {
                violations.add("the run-time stage has no LABEL " + label);
            }
        }
        return violations;
    }

    private static void checkBase(String arguments, List<String> violations) {
        String reference = arguments.split("\\s+")[0];
        if (reference.startsWith("$")) {
            violations.add("FROM " + reference + ": the base image must be written out, pinned, not taken from a build arg");
            return;
        }
        Matcher m = IMAGE.matcher(reference);
        if (!m.matches() || m.group("tag") == null || !VERSION_TAG.matcher(m.group("tag")).matches()) {
            violations.add("FROM " + reference
                           + ": not pinned to an exact version tag (e.g. eclipse-temurin:21.0.5_11-jre-noble)");
        }
        if (m.matches() && m.group("digest") != null && !m.group("digest").matches("sha256:[0-9a-f]{64}")) {
            violations.add("FROM " + reference + ": malformed digest");
        }
    }

    private static void checkUser(List<Instruction> runtime, List<String> violations) {
        List<Instruction> users = runtime.stream().filter(x -> x.keyword().equals("USER")).toList();
        if (users.isEmpty()) {
            violations.add("the run-time stage has no USER: it would run as root");
            return;
        }
        String user = users.get(users.size() - 1).arguments().strip();
        if (!user.matches("[1-9]\\d*(:[1-9]\\d*)?")) {
            violations.add("USER " + user + ": not a numeric non-root uid[:gid] (runAsNonRoot needs a number)");
        }
    }

    private static void checkHealthcheck(List<Instruction> runtime, List<String> violations) {
        String check = runtime.stream().filter(x -> x.keyword().equals("HEALTHCHECK")).map(Instruction::arguments)
                .reduce("", (a, b) -> b);
        if (check.isEmpty() || check.startsWith("NONE")) {
            violations.add("the run-time stage has no HEALTHCHECK");
        } else if (!check.contains("CMD [") || !check.contains("/observe/health/ready")) {
            violations.add("HEALTHCHECK does not probe /observe/health/ready in exec form (CMD [...]: no shell at run time)");
        }
    }

    private static void checkEntrypoint(List<Instruction> runtime, List<String> violations) {
        String entrypoint = runtime.stream().filter(x -> x.keyword().equals("ENTRYPOINT")).map(Instruction::arguments)
                .reduce("", (a, b) -> b);
        if (!entrypoint.startsWith("[")) {
            violations.add("ENTRYPOINT is not in exec form (SIGTERM must reach the JVM; no shell at run time)");
        }
        for (String option : List.of("-XX:MaxRAMPercentage=", "-XX:+ExitOnOutOfMemoryError")) {
            if (!entrypoint.contains(option)) {
                violations.add("ENTRYPOINT does not pass " + option);
            }
        }
    }
}
