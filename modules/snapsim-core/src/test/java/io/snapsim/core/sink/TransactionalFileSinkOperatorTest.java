package io.snapsim.core.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.TaskEvents;
import io.snapsim.core.operators.OperatorContext;
import io.snapsim.core.operators.OperatorEvents;
import io.snapsim.core.operators.StreamOperator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the file sinks directly, as a task would, and checks what a reader of the output sees
 * ({@link SinkOutput#readLines}) after every step of the two-phase-commit protocol.
 */
class TransactionalFileSinkOperatorTest {

    @TempDir
    Path out;

    /** A sink instance of subtask {@code subtask} in execution attempt {@code attempt}, set up but not opened. */
    private TransactionalFileSinkOperator transactional(int subtask, int attempt) {
        TransactionalFileSinkOperator sink = new TransactionalFileSinkOperator(out);
        sink.setup(context(subtask, attempt));
        return sink;
    }

    private static OperatorContext context(int subtask, int attempt) {
        return new OperatorContext("sink", subtask, 2, 128, attempt, null, record -> { });
    }

    private static void write(StreamOperator sink, String... records) throws Exception {
        for (String r : records) {
            sink.processElement(0, r);
        }
    }

    private List<String> visible() {
        return SinkOutput.readLines(out);
    }

    /** Hidden (uncommitted) transaction files of {@code subtask}: {@code .part-S-*}. */
    private List<String> hiddenFilesOf(int subtask) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(".part-" + subtask + "-"))
                    .sorted().toList();
        }
    }

    private List<Path> committedFiles() throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.getFileName().toString().endsWith(TransactionalFileSinkOperator.COMMITTED_SUFFIX))
                    .sorted().toList();
        }
    }

    @Nested
    class BeforeAndAfterCompletion {

        @Test
        void nothingIsVisibleBeforeTheCheckpointCompletes() throws Exception {
            TransactionalFileSinkOperator sink = transactional(0, 0);
            sink.open();
            write(sink, "a", "b", "c");

            assertThat(visible()).as("open transaction").isEmpty();

            sink.snapshotOperatorState(1);

            assertThat(visible()).as("pre-committed, not completed").isEmpty();
            assertThat(hiddenFilesOf(0)).anyMatch(n -> n.endsWith(".pending"));
            assertThat(sink.committedRecords()).isZero();
        }

        @Test
        void completionMakesExactlyTheRecordsBeforeTheSnapshotVisible() throws Exception {
            TransactionalFileSinkOperator sink = transactional(0, 0);
            sink.open();
            write(sink, "a", "b", "c");
            sink.snapshotOperatorState(1);
            write(sink, "d", "e");

            sink.notifyCheckpointComplete(1);

            assertThat(visible()).containsExactly("a", "b", "c");
            assertThat(sink.committedRecords()).isEqualTo(3);
        }

        @Test
        void recordsAfterTheSnapshotStayInvisibleUntilTheirOwnCheckpointCompletes() throws Exception {
            TransactionalFileSinkOperator sink = transactional(0, 0);
            sink.open();
            write(sink, "a");
            sink.snapshotOperatorState(1);
            write(sink, "b", "c");
            sink.notifyCheckpointComplete(1);
            sink.snapshotOperatorState(2);
            write(sink, "d");

            assertThat(visible()).containsExactly("a");

            sink.notifyCheckpointComplete(2);

            assertThat(visible()).containsExactly("a", "b", "c");
            sink.close();
            assertThat(visible()).as("closing commits nothing").containsExactly("a", "b", "c");
        }

        @Test
        void completionOfALaterCheckpointCommitsEveryPendingTransactionUpToIt() throws Exception {
            TransactionalFileSinkOperator sink = transactional(0, 0);
            sink.open();
            write(sink, "1a", "1b");
            sink.snapshotOperatorState(1);
            write(sink, "2a");
            sink.snapshotOperatorState(2);
            write(sink, "3a");
            sink.snapshotOperatorState(3);
            write(sink, "4a");

            sink.notifyCheckpointComplete(2);

            assertThat(visible()).containsExactly("1a", "1b", "2a");

            sink.notifyCheckpointComplete(3);

            assertThat(visible()).containsExactly("1a", "1b", "2a", "3a");
            assertThat(sink.committedRecords()).isEqualTo(4);
        }

        @Test
        void anAbortedCheckpointsTransactionIsCommittedByTheNextCompletion() throws Exception {
            TransactionalFileSinkOperator sink = transactional(0, 0);
            sink.open();
            write(sink, "a");
            sink.snapshotOperatorState(1);
            sink.notifyCheckpointAborted(1);
            write(sink, "b");
            sink.snapshotOperatorState(2);

            assertThat(visible()).isEmpty();

            sink.notifyCheckpointComplete(2);

            assertThat(visible()).containsExactly("a", "b");
        }

        @Test
        void aRepeatedOrStaleCompletionNoticeChangesNothing() throws Exception {
            TransactionalFileSinkOperator sink = transactional(0, 0);
            sink.open();
            write(sink, "a");
            sink.snapshotOperatorState(1);
            sink.notifyCheckpointComplete(1);
            write(sink, "b");
            sink.snapshotOperatorState(2);

            sink.notifyCheckpointComplete(1);

            assertThat(visible()).containsExactly("a");
            assertThat(sink.committedRecords()).isEqualTo(1);
        }

        @Test
        void aSnapshotWithoutRecordsLeavesNoTransactionBehind() throws Exception {
            TransactionalFileSinkOperator sink = transactional(0, 0);
            sink.open();
            sink.snapshotOperatorState(1);
            sink.notifyCheckpointComplete(1);
            write(sink, "a");
            sink.snapshotOperatorState(2);
            sink.notifyCheckpointComplete(2);
            sink.close();

            assertThat(visible()).containsExactly("a");
            assertThat(committedFiles()).hasSize(1);
            assertThat(hiddenFilesOf(0)).as("closing removed the last, empty, open transaction").isEmpty();
        }
    }

    @Nested
    class Closing {

        private List<String> allFiles() throws IOException {
            try (Stream<Path> files = Files.list(out)) {
                return files.map(f -> f.getFileName().toString()).sorted().toList();
            }
        }

        @Test
        void aSinkClosedAfterItsFinalCheckpointLeavesOnlyCommittedFiles() throws Exception {
            TransactionalFileSinkOperator sink = transactional(0, 0);
            sink.open();
            write(sink, "a", "b");
            sink.endInput(true);
            sink.snapshotOperatorState(1);
            sink.notifyCheckpointComplete(1);
            sink.close();

            assertThat(allFiles()).containsExactly("part-0-0-0.txt");
        }

        @Test
        void closingDiscardsTheOpenTransactionButKeepsWhatARestoreMayCommit() throws Exception {
            TransactionalFileSinkOperator sink = transactional(0, 0);
            sink.open();
            write(sink, "a");
            byte[] state1 = sink.snapshotOperatorState(1); // the checkpoint may complete after this task stopped
            write(sink, "never-in-a-checkpoint");
            sink.close();

            assertThat(allFiles()).as("the pending transaction of checkpoint 1 only")
                    .containsExactly(".part-0-0-0.pending");

            TransactionalFileSinkOperator restored = transactional(0, 1);
            restored.restoreOperatorState(state1);
            restored.open();
            assertThat(visible()).containsExactly("a");
        }

        @Test
        void closingTwiceIsHarmless() throws Exception {
            TransactionalFileSinkOperator sink = transactional(0, 0);
            sink.open();
            sink.close();
            sink.close();

            assertThat(allFiles()).isEmpty();
        }
    }

    @Nested
    class EndOfInput {

        @Test
        void withoutCheckpointingTheTailIsCommittedAtEndOfInput() throws Exception {
            TransactionalFileSinkOperator sink = transactional(0, 0);
            sink.open();
            write(sink, "x", "y");

            assertThat(visible()).isEmpty();

            sink.endInput(false);
            sink.close();

            assertThat(visible()).containsExactly("x", "y");
            assertThat(sink.committedRecords()).isEqualTo(2);
            assertThat(hiddenFilesOf(0)).isEmpty();
        }

        @Test
        void withoutCheckpointingAnEmptyTailLeavesNoFile() throws Exception {
            TransactionalFileSinkOperator sink = transactional(0, 0);
            sink.open();
            sink.endInput(false);
            sink.close();

            assertThat(committedFiles()).isEmpty();
            assertThat(hiddenFilesOf(0)).isEmpty();
        }

        @Test
        void withCheckpointingTheTailWaitsForTheFinalCheckpoint() throws Exception {
            TransactionalFileSinkOperator sink = transactional(0, 0);
            sink.open();
            write(sink, "x", "y");
            sink.endInput(true);

            assertThat(visible()).as("end of input alone commits nothing").isEmpty();

            sink.snapshotOperatorState(1);
            sink.notifyCheckpointComplete(1);
            sink.close();

            assertThat(visible()).containsExactly("x", "y");
        }
    }

    @Nested
    class Recovery {

        /**
         * Attempt 0 wrote a,b (checkpoint 1, completed and notified), c (checkpoint 2, completed
         * but the notice never arrived), d (checkpoint 3, never completed) and e (still open), then
         * crashed. Returns the operator state it took at checkpoint 2.
         */
        private byte[] crashedAttemptAfterCheckpoint2() throws Exception {
            return crashedAttemptAfterCheckpoint2(true);
        }

        /** @param closed false for a process that died without closing its operators */
        private byte[] crashedAttemptAfterCheckpoint2(boolean closed) throws Exception {
            TransactionalFileSinkOperator sink = transactional(0, 0);
            sink.open();
            write(sink, "a", "b");
            sink.snapshotOperatorState(1);
            sink.notifyCheckpointComplete(1);
            write(sink, "c");
            byte[] state2 = sink.snapshotOperatorState(2);
            write(sink, "d");
            sink.snapshotOperatorState(3);
            write(sink, "e");
            if (closed) {
                sink.close(); // the task closes its operators when it stops after the failure
            }
            return state2;
        }

        @Test
        void restoringCommitsTheRestoredCheckpointsTransactionEvenWithoutItsCompletionNotice() throws Exception {
            byte[] state2 = crashedAttemptAfterCheckpoint2();
            assertThat(visible()).containsExactly("a", "b");

            TransactionalFileSinkOperator restored = transactional(0, 1);
            restored.restoreOperatorState(state2);
            restored.open();

            assertThat(visible()).containsExactly("a", "b", "c");
            assertThat(restored.committedRecords()).isEqualTo(1);
        }

        @Test
        void restoringAbortsTheOpenAndTheLaterPendingTransactions() throws Exception {
            byte[] state2 = crashedAttemptAfterCheckpoint2(false);
            assertThat(hiddenFilesOf(0)).as("before the restore: c and d pre-committed, e open")
                    .containsExactly(".part-0-0-1.pending", ".part-0-0-2.pending", ".part-0-0-3.inprogress");

            TransactionalFileSinkOperator restored = transactional(0, 1);
            restored.restoreOperatorState(state2);
            restored.open();

            assertThat(hiddenFilesOf(0)).as("only the new attempt's open transaction")
                    .singleElement().satisfies(n -> assertThat(n).startsWith(".part-0-1-").endsWith(".inprogress"));
            assertThat(visible()).doesNotContain("d", "e");

            // the replay after the restore writes d and e again, and they commit once
            write(restored, "d");
            restored.snapshotOperatorState(3);
            write(restored, "e");
            restored.snapshotOperatorState(4);
            restored.notifyCheckpointComplete(4);
            restored.close();

            assertThat(visible()).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
        }

        @Test
        void restoringTheSameCheckpointTwiceCommitsItOnce() throws Exception {
            byte[] state2 = crashedAttemptAfterCheckpoint2();

            TransactionalFileSinkOperator first = transactional(0, 1);
            first.restoreOperatorState(state2);
            first.open();
            first.close();
            TransactionalFileSinkOperator second = transactional(0, 2);
            second.restoreOperatorState(state2);
            second.open();
            second.close();

            assertThat(visible()).containsExactly("a", "b", "c");
            assertThat(second.committedRecords()).as("already committed by the first restore").isZero();
        }

        @Test
        void restoringAStateWithSeveralUnnotifiedCheckpointsCommitsThemAll() throws Exception {
            TransactionalFileSinkOperator sink = transactional(0, 0);
            sink.open();
            write(sink, "a");
            sink.snapshotOperatorState(1);
            write(sink, "b");
            byte[] state2 = sink.snapshotOperatorState(2);
            write(sink, "c");
            sink.close();

            TransactionalFileSinkOperator restored = transactional(0, 1);
            restored.restoreOperatorState(state2);
            restored.open();

            assertThat(visible()).containsExactly("a", "b");
        }

        @Test
        void anAttemptStartedWithoutStateAbortsEverythingUncommitted() throws Exception {
            crashedAttemptAfterCheckpoint2();

            TransactionalFileSinkOperator fresh = transactional(0, 1);
            fresh.open();

            assertThat(visible()).containsExactly("a", "b");
            assertThat(hiddenFilesOf(0)).singleElement().satisfies(n -> assertThat(n).startsWith(".part-0-1-"));
        }

        @Test
        void restoringOneSubtaskLeavesTheOtherSubtasksTransactionsAlone() throws Exception {
            TransactionalFileSinkOperator other = transactional(1, 0);
            other.open();
            write(other, "other-1");
            other.snapshotOperatorState(1);
            write(other, "other-2");
            List<String> otherHidden = hiddenFilesOf(1);

            byte[] state2 = crashedAttemptAfterCheckpoint2();
            TransactionalFileSinkOperator restored = transactional(0, 1);
            restored.restoreOperatorState(state2);
            restored.open();

            assertThat(hiddenFilesOf(1)).isEqualTo(otherHidden);
            other.notifyCheckpointComplete(1);
            assertThat(visible()).contains("other-1").doesNotContain("other-2");
        }

        @Test
        void aNewJobResumedFromARetainedCheckpointNeverOverwritesCommittedFiles() throws Exception {
            // `run -s` starts a new job whose attempts count from 0 again, writing into the same directory
            TransactionalFileSinkOperator old = transactional(0, 0);
            old.open();
            write(old, "a");
            old.snapshotOperatorState(1);
            old.notifyCheckpointComplete(1);
            write(old, "b");
            byte[] state2 = old.snapshotOperatorState(2);
            old.notifyCheckpointComplete(2);
            old.close();

            TransactionalFileSinkOperator resumed = transactional(0, 0);
            resumed.restoreOperatorState(state2);
            resumed.open();
            write(resumed, "c");
            resumed.snapshotOperatorState(3);
            resumed.notifyCheckpointComplete(3);
            write(resumed, "d");
            resumed.snapshotOperatorState(4);
            resumed.notifyCheckpointComplete(4);
            resumed.close();

            assertThat(visible()).containsExactlyInAnyOrder("a", "b", "c", "d");
        }

        @Test
        void committedFilesOnlyEverHoldDataOfCompletedCheckpoints() throws Exception {
            byte[] state2 = crashedAttemptAfterCheckpoint2();
            TransactionalFileSinkOperator restored = transactional(0, 1);
            restored.restoreOperatorState(state2);
            restored.open();
            write(restored, "d2");
            restored.snapshotOperatorState(3);
            write(restored, "never-committed");
            restored.notifyCheckpointComplete(3);
            restored.close();

            List<List<String>> contents = new ArrayList<>();
            for (Path f : committedFiles()) {
                contents.add(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
            // one file per completed transaction, each holding exactly that checkpoint's records
            assertThat(contents).containsExactlyInAnyOrder(List.of("a", "b"), List.of("c"), List.of("d2"));
        }
    }

    /** What the sink tells the run's history: every transaction that held records, pre-committed, committed or aborted. */
    @Nested
    class History {
        private final List<HistoryEvent> events = new ArrayList<>();

        /** A sink whose events are stamped as the task would, at time 5 by {@code sink#S}. */
        private TransactionalFileSinkOperator recorded(int subtask, int attempt) {
            OperatorEvents recorder = event -> events.add(event.apply(new OperatorEvents.Stamp(5, "sink#" + subtask,
                    attempt)));
            TransactionalFileSinkOperator sink = new TransactionalFileSinkOperator(out);
            sink.setup(new OperatorContext("sink", subtask, 2, 128, attempt, null, record -> { }, recorder));
            return sink;
        }

        @Test
        void aPreCommitAndItsCommitAreRecordedWithTheCheckpointAndTheRecordCount() throws Exception {
            TransactionalFileSinkOperator sink = recorded(0, 0);
            sink.open();
            write(sink, "a", "b", "c");
            sink.snapshotOperatorState(1);
            sink.notifyCheckpointComplete(1);

            assertThat(events).containsExactly(
                    new TaskEvents.SinkPrecommitted(5, "sink#0", 0, 1, "part-0-0-0", 3),
                    new TaskEvents.SinkCommitted(5, "sink#0", 0, 1L, "part-0-0-0"));
        }

        @Test
        void aTransactionWithoutRecordsIsNeverRecorded() throws Exception {
            TransactionalFileSinkOperator sink = recorded(0, 0);
            sink.open();
            sink.snapshotOperatorState(1);
            sink.notifyCheckpointComplete(1);
            sink.close();

            assertThat(events).isEmpty();
        }

        @Test
        void closingWithAnOpenTransactionRecordsItsAbort() throws Exception {
            TransactionalFileSinkOperator sink = recorded(1, 2);
            sink.open();
            write(sink, "a");
            sink.close();

            assertThat(events).containsExactly(new TaskEvents.SinkAborted(5, "sink#1", 2, "part-1-2-0"));
        }

        @Test
        void withoutCheckpointingTheTailIsCommittedForNoCheckpoint() throws Exception {
            TransactionalFileSinkOperator sink = recorded(0, 0);
            sink.open();
            write(sink, "a", "b");
            sink.endInput(false);

            assertThat(events).containsExactly(new TaskEvents.SinkCommitted(5, "sink#0", 0, null, "part-0-0-0"));
        }

        @Test
        void aRestoreRecordsTheCommitOfTheRestoredTransactionThenTheAbortsOfTheLeftoversInNameOrder() throws Exception {
            TransactionalFileSinkOperator crashed = recorded(0, 0);
            crashed.open();
            write(crashed, "a");
            byte[] state1 = crashed.snapshotOperatorState(1);
            write(crashed, "b");
            crashed.snapshotOperatorState(2);
            write(crashed, "c"); // the process dies: no close
            events.clear();

            TransactionalFileSinkOperator restored = recorded(0, 1);
            restored.restoreOperatorState(state1);
            restored.open();

            assertThat(events).containsExactly(
                    new TaskEvents.SinkCommitted(5, "sink#0", 1, 1L, "part-0-0-0"),
                    new TaskEvents.SinkAborted(5, "sink#0", 1, "part-0-0-1"),
                    new TaskEvents.SinkAborted(5, "sink#0", 1, "part-0-0-2"));
        }

        @Test
        void aCommitRepeatedByASecondRestoreIsRecordedAgainAndCommitsNothingTwice() throws Exception {
            TransactionalFileSinkOperator crashed = recorded(0, 0);
            crashed.open();
            write(crashed, "a");
            byte[] state1 = crashed.snapshotOperatorState(1);
            crashed.close();
            TransactionalFileSinkOperator first = recorded(0, 1);
            first.restoreOperatorState(state1);
            first.open();
            first.close();
            events.clear();

            TransactionalFileSinkOperator second = recorded(0, 2);
            second.restoreOperatorState(state1);
            second.open();

            assertThat(events).containsExactly(new TaskEvents.SinkCommitted(5, "sink#0", 2, 1L, "part-0-0-0"));
            assertThat(second.committedRecords()).isZero();
        }
    }

    @Nested
    class PlainSink {

        private PlainFileSinkOperator plain(int subtask, int attempt) throws Exception {
            PlainFileSinkOperator sink = new PlainFileSinkOperator(out);
            sink.setup(context(subtask, attempt));
            sink.open();
            return sink;
        }

        @Test
        void dataIsVisibleWithoutWaitingForAnyCheckpoint() throws Exception {
            PlainFileSinkOperator sink = plain(0, 0);
            write(sink, "a", "b");
            sink.snapshotOperatorState(1); // no completion notice

            assertThat(visible()).containsExactly("a", "b");

            write(sink, "c");
            sink.close();

            assertThat(visible()).containsExactly("a", "b", "c");
        }

        @Test
        void replayAfterARestoreDuplicatesWhatWasWrittenSinceTheCheckpoint() throws Exception {
            PlainFileSinkOperator first = plain(0, 0);
            write(first, "a", "b");
            byte[] state = first.snapshotOperatorState(1);
            first.notifyCheckpointComplete(1);
            write(first, "c", "d");
            first.close(); // crash: the task stops and closes its operators

            PlainFileSinkOperator second = new PlainFileSinkOperator(out);
            second.setup(context(0, 1));
            if (state != null) {
                second.restoreOperatorState(state);
            }
            second.open();
            write(second, "c", "d"); // the source rewinds to checkpoint 1 and replays
            second.endInput(true);
            second.close();

            assertThat(visible()).containsExactly("a", "b", "c", "d", "c", "d");
        }
    }
}
