package io.vigil.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Policies of a Dockerfile: base images pinned to exact version tags (written out, or as the default of a build
 * argument declared before the first FROM), nothing only BuildKit can build, a non-root numeric user, a health check
 * on readiness, an exec-form entry point with the JVM sized by the container and stopped on OOM, OCI labels.
 */
final class DockerfilePolicy {
    private static final Pattern IMAGE = Pattern.compile("(?<name>[^\\s:@]+(?::\\d+/[^\\s:@]+)?)(?::(?<tag>[^\\s@]+))?"
                                                         + "(?:@(?<digest>\\S+))?");
    private static final Pattern ARGUMENT = Pattern.compile("\\$\\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)}?");
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
        int finalStage = checkBuild(instructions, violations);
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

    /** Checks every base image and RUN; returns the index of the last FROM (the run-time stage), 0 when none. */
    private static int checkBuild(List<Instruction> instructions, List<String> violations) {
        Map<String, String> globalArguments = new HashMap<>();
        int finalStage = -1;
        for (int i = 0; i < instructions.size(); i++) {
            Instruction instruction = instructions.get(i);
            String arguments = instruction.arguments();
            switch (instruction.keyword()) {
                case "ARG" -> {
                    if (finalStage < 0) {
                        String[] declaration = arguments.strip().split("=", 2);
                        globalArguments.put(declaration[0], declaration.length > 1 ? unquote(declaration[1]) : null);
                    }
                }
                case "FROM" -> {
                    checkBase(arguments, globalArguments, violations);
                    finalStage = i;
                }
                case "RUN" -> {
                    if (arguments.startsWith("--mount")) {
                        violations.add("RUN --mount needs BuildKit: the classic builder (Docker 20.10 on Debian 12)"
                                       + " cannot build it");
                    }
                }
                default -> {
                }
            }
        }
        return Math.max(finalStage, 0);
    }

    /**
     * A base image is pinned where it is written: in the FROM, or as the default of the build argument it names (a
     * build may pass another base, such as a local one offline; the file as written must build the pinned one).
     */
    private static void checkBase(String arguments, Map<String, String> globalArguments, List<String> violations) {
        String reference = arguments.split("\\s+")[0];
        String shown = "FROM " + reference;
        Matcher argument = ARGUMENT.matcher(reference);
        if (argument.matches()) {
            String name = argument.group("name");
            reference = globalArguments.get(name);
            if (reference == null) {
                violations.add(shown + ": the build argument " + name + " has no default before the first FROM, so the"
                               + " file as written names no base image");
                return;
            }
            shown += " = " + reference;
        }
        Matcher m = IMAGE.matcher(reference);
        if (!m.matches() || m.group("tag") == null || !VERSION_TAG.matcher(m.group("tag")).matches()) {
            violations.add(shown + ": not pinned to an exact version tag (e.g. eclipse-temurin:21.0.5_11-jre-noble)");
        }
        if (m.matches() && m.group("digest") != null && !m.group("digest").matches("sha256:[0-9a-f]{64}")) {
            violations.add(shown + ": malformed digest");
        }
    }

    private static String unquote(String value) {
        String stripped = value.strip();
        return stripped.length() > 1 && stripped.startsWith("\"") && stripped.endsWith("\"")
               ? stripped.substring(1, stripped.length() - 1) : stripped;
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
