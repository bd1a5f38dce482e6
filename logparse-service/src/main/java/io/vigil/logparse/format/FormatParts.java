package io.vigil.logparse.format;

import java.util.ArrayList;
import java.util.List;

import io.vigil.logparse.format.FormatPart.Literal;
import io.vigil.logparse.format.FormatPart.Variable;

/**
 * Collects the parts of a custom format as a compiler reads it, merging adjacent literal text, and checks the result:
 * at least one variable, and text between any two variables (otherwise where one ends is unknowable).
 */
final class FormatParts {
    private final String syntax;
    private final List<FormatPart> parts = new ArrayList<>();
    private final StringBuilder literal = new StringBuilder();
    private int literalPosition;

    /**
     * @param syntax what is compiled, for messages: {@code nginx log_format} or {@code apache LogFormat}
     */
    FormatParts(String syntax) {
        this.syntax = syntax;
    }

    /** Appends literal text that starts at {@code position}. */
    void literal(CharSequence text, int position) {
        if (literal.isEmpty()) {
            literalPosition = position;
        }
        literal.append(text);
    }

    /**
     * Appends one literal character at {@code position}; a control character other than a tab cannot be part of a
     * log line (a line break ends it) nor of the format's name in a response header, so it is a fault.
     */
    void literal(char c, int position) {
        if (c < ' ' && c != '\t' || c == 0x7f) {
            throw error(position, String.format("control character U+%04X (a line holds no line break)", (int) c));
        }
        literal(String.valueOf(c), position);
    }

    /**
     * Appends a variable; fails when the part before it is a variable too, except for the idioms that write a path and
     * its query string together: Apache's {@code %U%q} and nginx's {@code $uri$is_args$args} read as one path and query.
     */
    void variable(Slot slot, String name, String extraName, int position) {
        flush();
        FormatPart before = parts.isEmpty() ? null : parts.getLast();
        if (before instanceof Variable path && joinsPath(path, slot, name)) {
            parts.set(parts.size() - 1, new Variable(slot == Slot.QUERY ? Slot.TARGET : Slot.PATH, path.name() + name, null,
                                                     path.position()));
            return;
        }
        if (before instanceof Variable variable) {
            throw error(position, variable.name() + " and " + name + " have no text between them, so where "
                                  + variable.name() + " ends cannot be known");
        }
        parts.add(new Variable(slot, name, extraName, position));
    }

    /** Whether a variable right after a path continues it: {@code %U%q}, {@code $uri$is_args}, then {@code $args}. */
    private static boolean joinsPath(Variable path, Slot slot, String name) {
        if (path.slot() != Slot.PATH) {
            return false;
        }
        boolean afterIsArgs = path.name().endsWith("$is_args");
        return name.equals("$is_args") && !afterIsArgs
               || slot == Slot.QUERY && (path.name().equals("%U") || afterIsArgs);
    }

    /** The parts, checked. */
    List<FormatPart> build() {
        flush();
        if (parts.stream().noneMatch(Variable.class::isInstance)) {
            throw error(1, "no variable in the format");
        }
        return List.copyOf(parts);
    }

    FormatSyntaxException error(int position, String message) {
        return new FormatSyntaxException(syntax, position, message);
    }

    private void flush() {
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString(), literalPosition));
            literal.setLength(0);
        }
    }
}
