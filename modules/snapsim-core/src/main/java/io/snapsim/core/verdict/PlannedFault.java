package io.snapsim.core.verdict;

import io.snapsim.core.sim.FaultPlans;
import io.snapsim.core.sim.FaultSpec;
import io.snapsim.core.sim.OptionalFault;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One planned fault as a run folder records it ({@code run.json}): what the verdict and the
 * summary need to know of it, without the parser that read it.
 *
 * @param index    its index in the plan: history events name it
 * @param type     its kind as a simulation file names it ({@code crash}, {@code storage}, ...)
 * @param fields   its fields as the file writes them, in the documented order
 * @param mustFire whether a run that never fires it is NOT_FIRED
 * @param optional why it need not fire ({@code marked-optional}, {@code drawn-at-random}), or null
 */
public record PlannedFault(int index, String type, Map<String, Object> fields, boolean mustFire, String optional) {

    public PlannedFault {
        Objects.requireNonNull(type, "type");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Fault {@code index} of a plan. */
    public static PlannedFault of(int index, FaultSpec fault) {
        String optional = fault instanceof OptionalFault o ? o.reason().name().toLowerCase(Locale.ROOT).replace('_', '-')
                : null;
        return new PlannedFault(index, fault.type(), FaultPlans.fieldsOf(fault), fault.mustFire(), optional);
    }

    /** Every fault of a plan, in order. */
    public static List<PlannedFault> of(List<FaultSpec> plan) {
        List<PlannedFault> faults = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            faults.add(of(i, plan.get(i)));
        }
        return faults;
    }

    /** The fault in its simulation-file form: {@code crash: {operator: sum, subtask: 0, at-record: 9}}. */
    public String description() {
        List<String> pairs = new ArrayList<>();
        fields.forEach((key, value) -> pairs.add(key + ": " + (value instanceof List<?> list
                ? "[" + String.join(", ", list.stream().map(String::valueOf).toList()) + "]" : value)));
        return type + ": {" + String.join(", ", pairs) + "}";
    }
}
