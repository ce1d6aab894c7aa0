package io.snapsim.core.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapsim.core.InvalidInputException;
import io.snapsim.core.config.Spelling;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A node of a parsed simulation file together with its key path ({@code faults[1].crash.at-record}),
 * so that every typed read can fail with a message naming the file, the path and the problem.
 * Confined to the parsing thread.
 */
final class SpecNode {

    private final Path file;
    private final String path;
    private final JsonNode node;

    SpecNode(Path file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    String path() {
        return path;
    }

    JsonNode json() {
        return node;
    }

    /** True for a key that is absent or has no value ({@code key:} or {@code key: null}). */
    boolean isAbsent() {
        return node == null || node.isMissingNode() || node.isNull();
    }

    /** A user error at this node: {@code file: key 'path': problem}. */
    InvalidInputException error(String problem) {
        return new InvalidInputException(file + ": key '" + path + "': " + problem);
    }

    /**
     * The fields of this mapping in file order, refusing keys not in {@code known} with the
     * closest known key and the full list.
     */
    Map<String, SpecNode> fields(Collection<String> known, String what) {
        if (!node.isObject()) {
            throw error("expected " + what + ", got " + describe());
        }
        Map<String, SpecNode> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            SpecNode child = child(entry.getKey(), entry.getValue());
            if (!known.contains(entry.getKey())) {
                throw child.error("unknown key" + Spelling.didYouMean(entry.getKey(), known)
                        + " (known keys: " + String.join(", ", known) + ")");
            }
            fields.put(entry.getKey(), child);
        }
        return fields;
    }

    /** A field of a mapping; an absent field yields an absent node with the right path. */
    static SpecNode field(Map<String, SpecNode> fields, SpecNode parent, String name) {
        SpecNode child = fields.get(name);
        return child != null ? child : parent.child(name, null);
    }

    SpecNode child(String name, JsonNode value) {
        return new SpecNode(file, path.isEmpty() ? name : path + "." + name, value);
    }

    List<SpecNode> elements(String what) {
        if (!node.isArray()) {
            throw error("expected " + what + ", got " + describe());
        }
        List<SpecNode> elements = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            elements.add(new SpecNode(file, path + "[" + i + "]", node.get(i)));
        }
        return elements;
    }

    /** The value as text; numbers and booleans are taken as written. */
    String text() {
        if (isAbsent()) {
            throw error("missing value");
        }
        if (!node.isValueNode()) {
            throw error("expected a text value, got " + describe());
        }
        return node.asText();
    }

    /** Non-empty text. */
    String nonBlankText() {
        String text = text();
        if (text.isBlank()) {
            throw error("must not be empty");
        }
        return text;
    }

    /** A whole number, from a YAML number or from text such as {@code "42"}. */
    long longValue() {
        if (isAbsent()) {
            throw error("missing value");
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual()) {
            try {
                return Long.parseLong(node.textValue().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw error("expected an integer, got " + describe());
    }

    int intValue() {
        long value = longValue();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw error("expected an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE
                    + ", got " + describe());
        }
        return (int) value;
    }

    /** {@code true} or {@code false} (a YAML boolean, or the same words as text, in any case). */
    boolean booleanValue() {
        if (isAbsent()) {
            throw error("missing value");
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String value = node.isValueNode() ? node.asText().trim().toLowerCase(Locale.ROOT) : "";
        if (value.equals("true") || value.equals("false")) {
            return value.equals("true");
        }
        throw error("expected true or false, got " + describe());
    }

    /** This mapping without the key {@code name} (same path), for a key that every kind of item shares. */
    SpecNode without(String name) {
        if (node == null || !node.isObject() || !node.has(name)) {
            return this;
        }
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        copy.remove(name);
        return new SpecNode(file, path, copy);
    }

    /** One of an enum's constants, written lower-case with hyphens; case and {@code _} are forgiven. */
    <E extends Enum<E>> E choice(Class<E> type) {
        String wanted = normalize(text());
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String name = normalize(constant.name());
            if (name.equals(wanted)) {
                return constant;
            }
            names.add(name);
        }
        throw error("expected one of " + String.join(", ", names) + ", got " + describe());
    }

    /** What the node holds, for "expected X, got Y" messages. */
    String describe() {
        if (isAbsent()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return "'" + node.asText() + "'";
    }

    static String sortedList(Collection<String> names) {
        return String.join(", ", new TreeSet<>(names));
    }

    static Optional<String> firstLine(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(text.strip().lines().findFirst().orElse("").strip());
    }

    private static String normalize(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
