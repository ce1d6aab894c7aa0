package io.snapsim.core.explain;

import io.snapsim.core.config.CheckpointingMode;
import io.snapsim.core.config.CheckpointingOptions;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.sim.SimulationSpec;
import io.snapsim.core.run.RunInputs;
import io.snapsim.core.verdict.PlannedFault;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What explanations need to know of a run besides its events, as {@code run.json} records it: whether
 * barriers are aligned, which sink the job writes through, and the planned faults by index. Immutable.
 *
 * @param aligned whether checkpoints are {@code EXACTLY_ONCE} (aligned barriers) rather than
 *                {@code AT_LEAST_ONCE} (barriers only tracked)
 * @param sink    {@code transactional}, {@code plain} or {@code eager-commit}
 * @param faults  each planned fault's simulation-file form, by its index in the plan
 */
public record RunFacts(boolean aligned, String sink, Map<Integer, String> faults) {

    public RunFacts {
        sink = sink.toLowerCase(Locale.ROOT).replace('_', '-');
        faults = Map.copyOf(faults);
    }

    /** The facts of a simulation about to run with {@code config}, its random faults already drawn. */
    public static RunFacts of(SimulationSpec spec, Configuration config) {
        Map<Integer, String> faults = new TreeMap<>();
        PlannedFault.of(spec.faults()).forEach(f -> faults.put(f.index(), f.description()));
        return new RunFacts(config.get(CheckpointingOptions.MODE) != CheckpointingMode.AT_LEAST_ONCE,
                spec.sink().name(), faults);
    }

    /** The facts of a run folder's inputs. */
    public static RunFacts of(RunInputs inputs) {
        boolean aligned = true;
        for (String key : CheckpointingOptions.MODE.allKeys()) {
            RunInputs.ConfigValue value = inputs.configuration().get(key);
            if (value != null) {
                aligned = !value.value().trim().toUpperCase(Locale.ROOT).replace('-', '_').equals("AT_LEAST_ONCE");
            }
        }
        Map<Integer, String> faults = new TreeMap<>();
        for (PlannedFault fault : inputs.faults()) {
            faults.put(fault.index(), fault.description());
        }
        return new RunFacts(aligned, inputs.sink(), faults);
    }

    /** Whether the sink is the deliberately broken one that commits at pre-commit. */
    boolean eagerCommit() {
        return "eager-commit".equals(sink);
    }

    /** Planned fault {@code index} as the plan writes it, or "fault {index}" when the plan is not known. */
    String fault(Integer index) {
        if (index == null) {
            return "no planned fault";
        }
        String description = faults.get(index);
        return description == null ? "planned fault " + index : "planned fault " + index + " (" + description + ")";
    }
}
