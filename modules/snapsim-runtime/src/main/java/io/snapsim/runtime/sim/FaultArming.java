package io.snapsim.runtime.sim;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.graph.JobGraph;
import io.snapsim.core.sim.FaultSpec;
import io.snapsim.core.sim.FaultTargets;
import io.snapsim.core.sim.Faults;
import io.snapsim.core.sim.Faults.CheckpointPhase;
import io.snapsim.core.sim.Faults.CoordinatorPhase;
import io.snapsim.core.sim.Faults.StorageKind;
import io.snapsim.core.sim.SimulationSpec;
import io.snapsim.runtime.fault.ArmedFault;
import io.snapsim.runtime.fault.ChannelFault;
import io.snapsim.runtime.fault.CoordinatorFault;
import io.snapsim.runtime.fault.FaultPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a simulation's faults into what tasks, channels and the coordinator must do
 * ({@link FaultPlan}): the runtime's side of {@link FaultTargets}. Each fault arms itself through
 * its type, which checks the operators and subtasks it names against the job's graph and asks for
 * the injections; every injection keeps the fault's index in the plan. Confined to the thread
 * that arms the plan, and used once.
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
            FaultSpec fault = spec.faults().get(i);
            fault.arm(arming.new Targets(i, spec.file() + ": faults[" + i + "]." + fault.type()));
        }
        return new FaultPlan(arming.tasks, arming.channels, arming.coordinator, arming.cancel, arming.savepoint,
                arming.cancelIndex, arming.savepointIndex);
    }

    /** The targets of the fault at {@code index} of the plan, which messages name as {@code where}. */
    private final class Targets implements FaultTargets {
        private final int index;
        private final String where;

        Targets(int index, String where) {
            this.index = index;
            this.where = where;
        }

        @Override
        public List<Operator> operators() {
            return graph.nodes().stream().map(node -> new Operator(node.uid(), node.parallelism())).toList();
        }

        @Override
        public int parallelismOf(String operator, String key) {
            return node(key == null ? where : where + "." + key, operator).parallelism();
        }

        @Override
        public void requireSubtask(String operator, int subtask) {
            JobGraph.ResolvedNode node = node(where + ".operator", operator);
            if (subtask >= node.parallelism()) {
                throw new InvalidInputException(where + ".subtask: operator '" + operator + "' has "
                        + node.parallelism() + " subtask(s) (0.." + (node.parallelism() - 1) + "), not " + subtask);
            }
        }

        /** A crash at time 0 is armed at 1 ms: 0 means "not at a time" to the task. */
        @Override
        public void crashTask(String operator, int subtask, CrashPoint at) {
            tasks.add(new ArmedFault(index, ArmedFault.Kind.CRASH, operator, subtask, orZero(at.atRecord()),
                    orZero(at.atCheckpoint()), at.phase(), at.atTime() == null ? 0 : Math.max(1, at.atTime()), 0));
        }

        @Override
        public void failWrite(String operator, int subtask, long atCheckpoint) {
            tasks.add(atCheckpoint(ArmedFault.Kind.FAIL_WRITE, operator, subtask, atCheckpoint, 0));
        }

        @Override
        public void slowWrite(String operator, int subtask, long atCheckpoint, long delay) {
            tasks.add(atCheckpoint(ArmedFault.Kind.SLOW_WRITE, operator, subtask, atCheckpoint, delay));
        }

        @Override
        public void failCommit(String operator, int subtask, long atCheckpoint) {
            tasks.add(atCheckpoint(ArmedFault.Kind.SINK_COMMIT_FAIL, operator, subtask, atCheckpoint, 0));
        }

        @Override
        public void disturbChannels(Faults.NetworkFault fault) {
            channels.add(new ChannelFault(index, fault.kind(), fault.from(), fault.to(), fault.atTime(),
                    orZero(fault.delay())));
        }

        @Override
        public void crashCoordinator(CoordinatorPhase phase, long atCheckpoint) {
            coordinator.add(new CoordinatorFault(index, phase == CoordinatorPhase.AFTER_METADATA
                    ? CoordinatorFault.Kind.CRASH_AFTER_METADATA : CoordinatorFault.Kind.CRASH_BEFORE_NOTIFY,
                    atCheckpoint));
        }

        @Override
        public void damageCheckpoint(StorageKind kind, long atCheckpoint, String operator, Integer subtask) {
            coordinator.add(new CoordinatorFault(index, CoordinatorFault.Kind.valueOf(kind.name()), atCheckpoint,
                    operator, subtask));
        }

        @Override
        public void cancel(Faults.Cancel planned) {
            cancel = planned;
            cancelIndex = index;
        }

        @Override
        public void savepoint(Faults.Savepoint planned) {
            savepoint = planned;
            savepointIndex = index;
        }

        private ArmedFault atCheckpoint(ArmedFault.Kind kind, String operator, int subtask, long checkpoint, long delay) {
            return new ArmedFault(index, kind, operator, subtask, 0, checkpoint, CheckpointPhase.BEFORE_SNAPSHOT, 0, delay);
        }
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
}
