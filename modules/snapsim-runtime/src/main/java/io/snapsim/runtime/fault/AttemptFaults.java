package io.snapsim.runtime.fault;

import io.snapsim.core.graph.JobGraph.ResolvedNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of a run's planned faults each attempt of the job arms. A task or coordinator fault fires
 * at most once per run: once it fired it is armed no more, so that a redeployed attempt does not
 * crash again where the previous one did. Channel faults stay armed in every attempt (a channel
 * fault acts from its time on; it does not end the attempt). Plan times count from the job's
 * start; tasks and channels compare them with the job's clock, so they are shifted by the start
 * time here.
 *
 * <p>Not thread-safe: confined to the job master, which names every fault that fired.
 * (The mapping from a simulation's faults to the {@link FaultPlan} is {@code sim.FaultArming}.)
 */
public final class AttemptFaults {
    private final FaultPlan plan;
    private final long jobStartMillis;
    private final Set<Integer> fired = new HashSet<>();

    /** The faults of {@code plan}, for a job whose clock read {@code jobStartMillis} when it started. */
    public AttemptFaults(FaultPlan plan, long jobStartMillis) {
        this.plan = plan;
        this.jobStartMillis = jobStartMillis;
    }

    /** The fault with index {@code faultIndex} in the plan fired: later attempts do not arm it. */
    public void fired(int faultIndex) {
        fired.add(faultIndex);
    }

    /** The task faults subtask {@code subtask} of the chain {@code chain} arms, on the job's clock. */
    public List<ArmedFault> forTask(List<ResolvedNode> chain, int subtask) {
        List<ArmedFault> armed = new ArrayList<>();
        for (ArmedFault f : plan.tasks()) {
            if (fired.contains(f.faultIndex()) || f.subtask() != subtask) {
                continue;
            }
            if (chain.stream().anyMatch(n -> n.uid().equals(f.operatorUid()))) {
                armed.add(f.atTime() == 0 ? f : new ArmedFault(f.faultIndex(), f.kind(), f.operatorUid(), f.subtask(),
                        f.atRecord(), f.atCheckpoint(), f.phase(), jobStartMillis + f.atTime(), f.delay()));
            }
        }
        return armed;
    }

    /** Every channel fault of the plan, on the job's clock. */
    public List<ChannelFault> channels() {
        return plan.channels().stream()
                .map(f -> new ChannelFault(f.faultIndex(), f.kind(), f.from(), f.to(), jobStartMillis + f.atTime(),
                        f.delay()))
                .toList();
    }

    /** The coordinator faults that have not fired yet, for a coordinator that starts now. */
    public List<CoordinatorFault> coordinator() {
        return plan.coordinator().stream().filter(f -> !fired.contains(f.faultIndex())).toList();
    }
}
