package io.snapsim.core.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Fault plans written back as simulation-file YAML: {@code faults:} and one flow mapping per fault,
 * with the fields each fault's {@link FaultType} puts, in its documented order. Reading the text
 * back gives the same plan. Reached through {@link FaultPlans#toYaml}, {@link FaultPlans#describe}
 * and {@link FaultPlans#fieldsOf}. Stateless.
 */
final class FaultYaml {

    private static final Pattern PLAIN_SCALAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
    private static final Set<String> YAML_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n");

    private FaultYaml() {
    }

    static String toYaml(List<FaultSpec> plan) {
        if (plan.isEmpty()) {
            return "faults: []\n";
        }
        StringBuilder yaml = new StringBuilder("faults:\n");
        for (FaultSpec fault : plan) {
            yaml.append("  - ").append(describe(fault)).append('\n');
        }
        return yaml.toString();
    }

    static String describe(FaultSpec fault) {
        List<String> pairs = new ArrayList<>();
        fieldsOf(fault).forEach((key, value) -> pairs.add(key + ": " + yamlValue(value)));
        return fault.type() + ": {" + String.join(", ", pairs) + "}";
    }

    /** The planned fault's fields, and {@code optional: true} when the simulation file marks it so. */
    static Map<String, Object> fieldsOf(FaultSpec fault) {
        FaultFields fields = new FaultFields();
        fault.faultType().describeFault(fault.planned(), fields);
        if (fault instanceof OptionalFault optional && optional.reason() == OptionalFault.Reason.MARKED_OPTIONAL) {
            fields.put("optional", true);
        }
        return fields.values();
    }

    private static String yamlValue(Object value) {
        if (value instanceof String text) {
            return scalar(text);
        }
        if (value instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(v -> scalar(String.valueOf(v))).toList()) + "]";
        }
        return String.valueOf(value);
    }

    /** A name as a YAML scalar: plain when it reads back as the same text, double-quoted otherwise. */
    private static String scalar(String text) {
        if (PLAIN_SCALAR.matcher(text).matches() && !YAML_WORDS.contains(text.toLowerCase(Locale.ROOT))) {
            return text;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
