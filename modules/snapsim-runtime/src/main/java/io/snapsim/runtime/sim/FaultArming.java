package io.snapsim.runtime.sim;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.graph.JobGraph;
import io.snapsim.core.sim.CrashFault;
import io.snapsim.core.sim.FaultSpec;
import io.snapsim.core.sim.Faults;
import io.snapsim.core.sim.SimulationSpec;
import io.snapsim.runtime.fault.ArmedFault;
import io.snapsim.runtime.fault.ChannelFault;
import io.snapsim.runtime.fault.CoordinatorFault;
import io.snapsim.runtime.fault.FaultPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a simulation's faults into what tasks, channels and the coordinator must do
 * ({@link FaultPlan}), checking every operator and subtask they name against the job's graph. Each
 * armed fault keeps its index in the plan. Stateless.
 */
final class FaultArming {
    private final SimulationSpec spec;
    private final JobGraph graph;
    private final List<ArmedFault> tasks = new ArrayList<>();
    private final List<ChannelFault> channels = new ArrayList<>();
    private final List<CoordinatorFault> coordinator = new ArrayList<>();
    private Faults.Cancel cancel;
    private Faults.Savepoint savepoint;
    private int cancelIndex = -1;
    private int savepointIndex = -1;

    private FaultArming(SimulationSpec spec, JobGraph graph) {
        this.spec = spec;
        this.graph = graph;
    }

    /** The runtime plan of {@code spec}'s faults in {@code graph}. */
    static FaultPlan arm(SimulationSpec spec, JobGraph graph) {
        FaultArming arming = new FaultArming(spec, graph);
        for (int i = 0; i < spec.faults().size(); i++) {
            arming.arm(i, spec.faults().get(i).planned());
        }
        return new FaultPlan(arming.tasks, arming.channels, arming.coordinator, arming.cancel, arming.savepoint,
                arming.cancelIndex, arming.savepointIndex);
    }

    private void arm(int i, FaultSpec f) {
        String where = spec.file() + ": faults[" + i + "]." + f.type();
        if (f instanceof CrashFault crash) {
            checkSubtask(where, crash.operator(), crash.subtask());
            tasks.add(new ArmedFault(i, crash.operator(), crash.subtask(), orZero(crash.atRecord()), orZero(crash.atCheckpoint())));
        } else if (f instanceof Faults.CrashAt at) {
            checkSubtask(where, at.operator(), at.subtask());
            tasks.add(crash(i, at.operator(), at.subtask(), 0, orZero(at.atCheckpoint()),
                    at.phase() == null ? Faults.CheckpointPhase.BEFORE_SNAPSHOT : at.phase(), at.atTime()));
        } else if (f instanceof Faults.CrashOperator op) {
            JobGraph.ResolvedNode node = node(where, op.operator());
            for (int s = 0; s < node.parallelism(); s++) {
                tasks.add(crash(i, op.operator(), s, orZero(op.atRecord()), orZero(op.atCheckpoint()),
                        Faults.CheckpointPhase.BEFORE_SNAPSHOT, op.atTime()));
            }
        } else if (f instanceof Faults.CrashTaskManager tm) {
            armTaskManager(i, tm);
        } else if (f instanceof Faults.CrashCoordinator cc) {
            coordinator.add(new CoordinatorFault(i, cc.phase() == Faults.CoordinatorPhase.AFTER_METADATA
                    ? CoordinatorFault.Kind.CRASH_AFTER_METADATA : CoordinatorFault.Kind.CRASH_BEFORE_NOTIFY,
                    cc.atCheckpoint()));
        } else if (f instanceof Faults.StorageFault st) {
            armStorage(i, where, st);
        } else if (f instanceof Faults.NetworkFault net) {
            node(where + ".from", net.from());
            node(where + ".to", net.to());
            channels.add(new ChannelFault(i, net.kind(), net.from(), net.to(), net.atTime(), orZero(net.delay())));
        } else if (f instanceof Faults.SinkCommitFails sc) {
            checkSubtask(where, sc.operator(), sc.subtask());
            tasks.add(new ArmedFault(i, ArmedFault.Kind.SINK_COMMIT_FAIL, sc.operator(), sc.subtask(), 0,
                    sc.atCheckpoint(), Faults.CheckpointPhase.BEFORE_SNAPSHOT, 0, 0));
        } else if (f instanceof Faults.Cancel c) {
            cancel = c;
            cancelIndex = i;
        } else if (f instanceof Faults.Savepoint sp) {
            savepoint = sp;
            savepointIndex = i;
        }
        // a random item not yet expanded arms nothing: the caller draws its faults first
    }

    /** Subtasks are placed round-robin over the task managers, operator by operator; one group is lost. */
    private void armTaskManager(int i, Faults.CrashTaskManager tm) {
        int slot = 0;
        for (JobGraph.ResolvedNode node : graph.nodes()) {
            for (int s = 0; s < node.parallelism(); s++, slot++) {
                if (slot % tm.taskManagers() == tm.taskManager()) {
                    tasks.add(crash(i, node.uid(), s, 0, orZero(tm.atCheckpoint()), Faults.CheckpointPhase.BEFORE_SNAPSHOT,
                            tm.atTime()));
                }
            }
        }
    }

    /**
     * A write fault hits the named subtask, every subtask of the named operator, or every subtask
     * of the job; a damage fault tells the coordinator whose state file to damage.
     */
    private void armStorage(int i, String where, Faults.StorageFault st) {
        if (st.operator() != null) {
            if (st.subtask() != null) {
                checkSubtask(where, st.operator(), st.subtask());
            } else {
                node(where + ".operator", st.operator());
            }
        }
        if (st.damagesCheckpoint()) {
            coordinator.add(new CoordinatorFault(i, CoordinatorFault.Kind.valueOf(st.kind().name()), st.atCheckpoint(),
                    st.operator(), st.subtask()));
            return;
        }
        ArmedFault.Kind kind = st.kind() == Faults.StorageKind.FAIL_WRITE ? ArmedFault.Kind.FAIL_WRITE
                : ArmedFault.Kind.SLOW_WRITE;
        for (JobGraph.ResolvedNode node : graph.nodes()) {
            if (st.operator() != null && !st.operator().equals(node.uid())) {
                continue;
            }
            for (int s = 0; s < node.parallelism(); s++) {
                if (st.subtask() == null || st.subtask() == s) {
                    tasks.add(new ArmedFault(i, kind, node.uid(), s, 0, st.atCheckpoint(),
                            Faults.CheckpointPhase.BEFORE_SNAPSHOT, 0, orZero(st.delay())));
                }
            }
        }
    }

    private static ArmedFault crash(int i, String operator, int subtask, long atRecord, long atCheckpoint,
                                    Faults.CheckpointPhase phase, Long atTime) {
        return new ArmedFault(i, ArmedFault.Kind.CRASH, operator, subtask, atRecord, atCheckpoint, phase,
                atTime == null ? 0 : Math.max(1, atTime), 0);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private JobGraph.ResolvedNode node(String where, String operator) {
        JobGraph.ResolvedNode node = graph.nodeByUid(operator);
        if (node == null) {
            throw new InvalidInputException(where + ": job '" + spec.job() + "' has no operator '" + operator
                    + "'; it has " + graph.nodes().stream().map(JobGraph.ResolvedNode::uid).toList());
        }
        return node;
    }

    private void checkSubtask(String where, String operator, int subtask) {
        JobGraph.ResolvedNode node = node(where + ".operator", operator);
        if (subtask >= node.parallelism()) {
            throw new InvalidInputException(where + ".subtask: operator '" + operator + "' has "
                    + node.parallelism() + " subtask(s) (0.." + (node.parallelism() - 1) + "), not " + subtask);
        }
    }
}
