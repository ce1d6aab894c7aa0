package io.snapsim.runtime.task;

import io.snapsim.core.backend.BackendSpec;
import io.snapsim.core.backend.CheckpointableKeyedStateBackend;
import io.snapsim.core.backend.StateBackendFactory;
import io.snapsim.core.backend.StateBackends;
import io.snapsim.core.checkpoint.SubtaskId;
import io.snapsim.core.graph.JobGraph.ResolvedNode;
import io.snapsim.core.operators.OperatorContext;
import io.snapsim.core.operators.OperatorEvents;
import io.snapsim.core.operators.Output;
import io.snapsim.core.operators.SourceOperator;
import io.snapsim.core.operators.StreamOperator;
import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.state.KeyGroups;
import io.snapsim.runtime.fault.TaskFaultInjector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The operators of one task's chain, head first, with their keyed state backends and the outputs
 * that join them: each operator emits into the next one ({@link ChainedOutput}), the last one into
 * the network, and a source's emissions are counted ({@link SourceOutput}). Counts the records each
 * operator processed in this attempt, and shows every count to the fault injector first.
 *
 * <p>Life cycle: {@link #setUp} (operators and backends created), restore (by {@link TaskRestorer}),
 * {@link #open}, records and checkpoints, {@link #endInput}, {@link #close} (idempotent). Backends
 * come from the {@link StateBackendFactory} of the job's {@code state.backend.type}: the chain never
 * knows which backend it runs. Confined to the owning task.
 */
final class OperatorChain {
    private final TaskSpec spec;
    private final List<ResolvedNode> nodes;
    private final TaskFaultInjector faults;
    private final OperatorEvents events;
    private final StreamOperator[] operators;
    private final CheckpointableKeyedStateBackend[] backends;
    private final SubtaskId[] ids;
    private final long[] recordsIn;

    OperatorChain(TaskSpec spec, TaskFaultInjector faults, OperatorEvents events) {
        this.spec = spec;
        this.nodes = spec.vertex().chain();
        this.faults = faults;
        this.events = events;
        int n = nodes.size();
        this.operators = new StreamOperator[n];
        this.backends = new CheckpointableKeyedStateBackend[n];
        this.recordsIn = new long[n];
        this.ids = new SubtaskId[n];
        for (int i = 0; i < n; i++) {
            ids[i] = new SubtaskId(nodes.get(i).uid(), spec.subtask());
        }
    }

    /** Creates the operators, last first so that each one's output exists, with a backend for each keyed one. */
    void setUp(Output network) {
        int n = nodes.size();
        for (int i = n - 1; i >= 0; i--) {
            ResolvedNode node = nodes.get(i);
            StreamOperator op = node.factory().create();
            operators[i] = op;
            Output out = i == n - 1 ? network : new ChainedOutput(i + 1);
            if (i == 0 && node.isSource()) {
                out = new SourceOutput(out);
            }
            backends[i] = op.isKeyed() ? createBackend(node) : null;
            op.setup(new OperatorContext(node.uid(), spec.subtask(), node.parallelism(), node.maxParallelism(),
                    spec.attempt(), backends[i], out, events));
        }
    }

    private CheckpointableKeyedStateBackend createBackend(ResolvedNode node) {
        KeyGroupRange range = KeyGroups.rangeForSubtask(node.maxParallelism(), node.parallelism(), spec.subtask());
        return StateBackends.factory(spec.stateBackend()).create(new BackendSpec(spec.jobId(), node.uid(),
                spec.subtask(), spec.attempt(), range, node.maxParallelism(), spec.incrementalCheckpoints()));
    }

    void open() throws Exception {
        for (StreamOperator op : operators) {
            op.open();
        }
    }

    int size() {
        return nodes.size();
    }

    String uid(int position) {
        return nodes.get(position).uid();
    }

    SubtaskId id(int position) {
        return ids[position];
    }

    StreamOperator operator(int position) {
        return operators[position];
    }

    /** The keyed state backend of the operator at {@code position}, or null for a non-keyed one. */
    CheckpointableKeyedStateBackend backend(int position) {
        return backends[position];
    }

    /** The key groups of the operator at {@code position}: empty for a non-keyed one. */
    KeyGroupRange keyGroups(int position) {
        return backends[position] == null ? KeyGroupRange.EMPTY : backends[position].keyGroupRange();
    }

    boolean startsWithSource() {
        return nodes.get(0).isSource();
    }

    /** The head operator, which reads the task's source splits; only when {@link #startsWithSource()}. */
    SourceOperator source() {
        return (SourceOperator) operators[0];
    }

    /** Processes one record of operator input {@code input} (0 or 1) with the head operator. */
    void processHead(int input, Object record) throws Exception {
        faults.recordProcessed(0, ++recordsIn[0]);
        StreamOperator head = operators[0];
        if (backends[0] != null) {
            backends[0].setCurrentKey(head.keyOf(input, record));
        }
        head.processElement(input, record);
    }

    /** The records each operator processed in this attempt, head first. */
    List<Long> recordsProcessed() {
        return Arrays.stream(recordsIn).boxed().toList();
    }

    /** The records the chain's source read in this attempt (0 without a source). */
    long sourceRecords() {
        return startsWithSource() ? recordsIn[0] : 0;
    }

    /** The records the last operator processed in this attempt: what a sink wrote. */
    long lastOperatorRecords() {
        return recordsIn[nodes.size() - 1];
    }

    /** Checkpoint {@code checkpointId} completed: backends first (what they wrote becomes reusable), then operators. */
    void notifyCheckpointComplete(long checkpointId) throws Exception {
        for (CheckpointableKeyedStateBackend backend : backends) {
            if (backend != null) {
                backend.notifyCheckpointComplete(checkpointId);
            }
        }
        for (StreamOperator op : operators) {
            op.notifyCheckpointComplete(checkpointId);
        }
    }

    void notifyBackendsAborted(long checkpointId) {
        for (CheckpointableKeyedStateBackend backend : backends) {
            if (backend != null) {
                backend.notifyCheckpointAborted(checkpointId);
            }
        }
    }

    void notifyOperatorsAborted(long checkpointId) throws Exception {
        for (StreamOperator op : operators) {
            op.notifyCheckpointAborted(checkpointId);
        }
    }

    /** All inputs ended; {@code checkpointing} false means no final checkpoint will come. */
    void endInput(boolean checkpointing) throws Exception {
        for (StreamOperator op : operators) {
            op.endInput(checkpointing);
        }
    }

    /** Every keyed operator's state, by operator uid, for comparing with the failure-free run. */
    SortedMap<String, SortedMap<String, SortedMap<String, Object>>> finalKeyedState() {
        SortedMap<String, SortedMap<String, SortedMap<String, Object>>> state = new TreeMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (backends[i] != null) {
                state.put(nodes.get(i).uid(), backends[i].contents());
            }
        }
        return state;
    }

    /** Closes backends (their local files are scratch space), then operators; ignores what fails, repeatable. */
    void close() {
        for (CheckpointableKeyedStateBackend backend : backends) {
            if (backend != null) {
                try {
                    backend.close();
                } catch (RuntimeException ignored) {
                    // the instance directory is local scratch space
                }
            }
        }
        for (StreamOperator op : operators) {
            if (op != null) {
                try {
                    op.close();
                } catch (Exception ignored) {
                    // closing after a failure: the operator's files are aborted on restore
                }
            }
        }
    }

    @Override
    public String toString() {
        List<String> uids = new ArrayList<>();
        nodes.forEach(n -> uids.add(n.uid()));
        return "OperatorChain" + uids + " records=" + Arrays.toString(recordsIn);
    }

    /** Feeds operator {@code index} of the chain. */
    private final class ChainedOutput implements Output {
        private final int index;

        ChainedOutput(int index) {
            this.index = index;
        }

        @Override
        public void emit(Object record) {
            faults.recordProcessed(index, ++recordsIn[index]);
            try {
                operators[index].processElement(0, record);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new TaskFailure("operator " + ids[index] + " failed on record " + record + ": " + e.getMessage(), e);
            }
        }
    }

    /** Counts what a source emits (its "records processed") before passing it on. */
    private final class SourceOutput implements Output {
        private final Output next;

        SourceOutput(Output next) {
            this.next = next;
        }

        @Override
        public void emit(Object record) {
            faults.recordProcessed(0, ++recordsIn[0]);
            next.emit(record);
        }
    }
}
