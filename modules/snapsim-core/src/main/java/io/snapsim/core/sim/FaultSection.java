package io.snapsim.core.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.snapsim.core.config.Spelling;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code faults} key of a simulation file (or the list of a fault plan file): a list of items,
 * each a mapping with one key, the name of a {@link FaultType}, whose type reads the rest. Any item
 * may carry {@code optional: true}. Stateless apart from the types it knows.
 */
final class FaultSection {

    /** The key every fault item may carry: the run may pass without the fault firing. */
    private static final String OPTIONAL_KEY = "optional";

    private final FaultTypes types;

    FaultSection(FaultTypes types) {
        this.types = types;
    }

    /** The faults of the list, checked against {@code shape}; empty when absent. */
    List<FaultSpec> faults(SpecNode node, RunShape shape) {
        List<FaultSpec> faults = new ArrayList<>();
        if (node.isAbsent()) {
            return faults;
        }
        for (SpecNode item : node.elements("a list of faults such as '- crash: {...}'")) {
            faults.add(fault(item, shape));
        }
        return faults;
    }

    private FaultSpec fault(SpecNode item, RunShape shape) {
        String kinds = String.join(", ", types.names().stream().sorted().toList());
        if (item.isAbsent() || !item.json().isObject() || item.json().size() != 1) {
            String got = item.json() != null && item.json().isObject()
                    ? (item.json().isEmpty() ? "an empty mapping" : "several keys: "
                            + String.join(", ", item.json().properties().stream().map(Map.Entry::getKey).toList()))
                    : item.describe();
            throw item.error("expected exactly one fault kind (" + kinds + ") as the single key, got " + got);
        }
        Map.Entry<String, JsonNode> only = item.json().properties().iterator().next();
        FaultType<?> type = types.named(only.getKey());
        SpecNode body = item.child(only.getKey(), only.getValue());
        if (type == null) {
            throw body.error("unknown fault kind '" + only.getKey() + "'"
                    + Spelling.didYouMean(only.getKey(), types.names()) + " (known kinds: " + kinds + ")");
        }
        SpecNode optional = body.child(OPTIONAL_KEY, body.json() != null && body.json().isObject()
                ? body.json().get(OPTIONAL_KEY) : null);
        FaultSpec fault = type.read(new FaultReading(body.without(OPTIONAL_KEY), shape, types));
        if (optional.isAbsent() || !optional.booleanValue()) {
            return fault;
        }
        if (type.whyNeverOptional() != null) {
            throw optional.error("does not apply to '" + type.name() + "': " + type.whyNeverOptional());
        }
        return OptionalFault.marked(fault);
    }
}
