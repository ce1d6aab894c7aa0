package io.snapsim.core.checkpoint;

import static io.snapsim.core.checkpoint.CheckpointFixtures.STRANGER;
import static io.snapsim.core.checkpoint.CheckpointFixtures.TASKS;
import static io.snapsim.core.checkpoint.CheckpointFixtures.TASK_LIST;
import static io.snapsim.core.checkpoint.CheckpointFixtures.recovered;
import static io.snapsim.core.checkpoint.CheckpointFixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Random sequences of coordinator events, checked against the invariants of
 * {@link CheckpointCoordinatorCore} and a small model of what must have happened.
 */
class CheckpointCoordinatorCorePropertyTest {

    /** One event the coordinator actor could feed in; picks choose among what exists at that moment. */
    sealed interface Op permits Advance, Trigger, AckNext, Ack, Decline, Expire, CompleteReady, FailIo, AbortAll {}

    record Advance(long ms) implements Op {}

    record Trigger(TriggerKind kind) implements Op {}

    /** The next subtask still awaited by a pending checkpoint acknowledges it: drives checkpoints to completion. */
    record AckNext(int checkpointPick) implements Op {}

    /** Any subtask, the stranger included, acknowledges any id: exercises duplicates, unknowns and discards. */
    record Ack(int checkpointPick, int subtaskPick) implements Op {}

    record Decline(int checkpointPick, int subtaskPick) implements Op {}

    record Expire() implements Op {}

    record CompleteReady(int pick) implements Op {}

    record FailIo(int pick) implements Op {}

    record AbortAll() implements Op {}

    @Provide
    Arbitrary<CheckpointCoordinatorConfig> configs() {
        return Combinators.combine(
                        Arbitraries.longs().between(40, 400),
                        Arbitraries.longs().between(0, 60),
                        Arbitraries.integers().between(1, 3),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(1, 3))
                .as((timeout, minPause, maxConcurrent, tolerable, numRetained) ->
                        new CheckpointCoordinatorConfig(50, timeout, minPause, maxConcurrent, tolerable, numRetained));
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 7);
        Arbitrary<TriggerKind> kinds = Arbitraries.frequency(
                Tuple.of(8, TriggerKind.PERIODIC), Tuple.of(1, TriggerKind.FINAL), Tuple.of(1, TriggerKind.SAVEPOINT));
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.longs().between(0, 80).map(Advance::new)),
                Tuple.of(10, kinds.map(Trigger::new)),
                Tuple.of(30, pick.map(AckNext::new)),
                Tuple.of(8, Combinators.combine(pick, pick).as(Ack::new)),
                Tuple.of(2, Combinators.combine(pick, pick).as(Decline::new)),
                Tuple.of(5, Arbitraries.just(new Expire())),
                Tuple.of(12, pick.map(CompleteReady::new)),
                Tuple.of(2, pick.map(FailIo::new)),
                Tuple.of(1, Arbitraries.just(new AbortAll())));
        // Uniform sizes: jqwik's default favours short lists, which rarely get a checkpoint to completion.
        return op.list().ofMinSize(1).ofMaxSize(150).withSizeDistribution(RandomDistribution.uniform());
    }

    // Edge cases of an event sequence (one op repeated) say little; spend the tries on random runs.
    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void invariantsHoldForAnySequenceOfEvents(
            @ForAll("configs") CheckpointCoordinatorConfig config,
            @ForAll @IntRange(min = 0, max = 3) int recoveredCount,
            @ForAll("operations") List<Op> ops) {
        int recoveredKept = Math.min(recoveredCount, config.numRetained());
        List<CompletedCheckpoint> alreadyCompleted = new ArrayList<>();
        for (long id = 1; id <= recoveredKept; id++) {
            alreadyCompleted.add(recovered(id));
        }
        Model model = new Model(config, alreadyCompleted);
        CheckpointCoordinatorCore core = new CheckpointCoordinatorCore(config, TASKS, 1, alreadyCompleted);

        for (Op op : ops) {
            model.apply(core, op);
            model.check(core);
        }
    }

    /** What the test observed; checked against what the coordinator reports. */
    private static final class Model {
        private final CheckpointCoordinatorConfig config;
        private long now;
        private long lastTriggeredId;
        private final Set<Long> readyIds = new TreeSet<>();
        private final Set<Long> completedIds = new HashSet<>();
        private final Set<Long> failedIds = new HashSet<>();
        private final Set<Long> savepointIds = new HashSet<>();
        /** Every completed or recovered checkpoint (not savepoint) id, in completion order. */
        private final List<Long> checkpointCompletionOrder = new ArrayList<>();
        private long lastSucceededId;
        private int countedFailures;

        Model(CheckpointCoordinatorConfig config, List<CompletedCheckpoint> alreadyCompleted) {
            this.config = config;
            for (CompletedCheckpoint c : alreadyCompleted) {
                checkpointCompletionOrder.add(c.checkpointId());
                lastTriggeredId = c.checkpointId();
                lastSucceededId = c.checkpointId();
            }
        }

        void apply(CheckpointCoordinatorCore core, Op op) {
            if (op instanceof Advance a) {
                now += a.ms();
            } else if (op instanceof Trigger t) {
                trigger(core, t.kind());
            } else if (op instanceof AckNext a) {
                pickPending(core, a.checkpointPick()).ifPresent(p -> p.notYetAcknowledged().stream().findFirst()
                        .ifPresent(from -> ack(core, p.checkpointId(), from)));
            } else if (op instanceof Ack a) {
                ack(core, a);
            } else if (op instanceof Decline d) {
                pickPending(core, d.checkpointPick()).ifPresent(p -> {
                    SubtaskId from = subtask(d.subtaskPick());
                    Optional<AbortedCheckpoint> aborted = core.decline(p.checkpointId(), from, "random decline", now);
                    assertThat(aborted.isPresent()).isEqualTo(TASKS.contains(from));
                    aborted.ifPresent(this::failed);
                });
            } else if (op instanceof Expire) {
                core.expire(now).forEach(aborted -> {
                    assertThat(aborted.reason()).isEqualTo(CheckpointFailureReason.EXPIRED);
                    failed(aborted);
                });
                assertThat(core.pendingCheckpoints())
                        .allSatisfy(p -> assertThat(p.triggerTimestamp() + config.timeoutMs()).isGreaterThan(now));
            } else if (op instanceof CompleteReady c) {
                completeReady(core, c.pick());
            } else if (op instanceof FailIo f) {
                pickPending(core, f.pick()).ifPresent(p -> failed(
                        core.fail(p.checkpointId(), CheckpointFailureReason.IO_FAILURE, "write failed", now).orElseThrow()));
            } else if (op instanceof AbortAll) {
                int before = core.pendingCheckpoints().size();
                List<AbortedCheckpoint> aborted = core.abortAll(CheckpointFailureReason.TASK_FAILURE, "failover", now);
                assertThat(aborted).hasSize(before);
                aborted.forEach(this::failed);
            }
        }

        private void trigger(CheckpointCoordinatorCore core, TriggerKind kind) {
            int pendingBefore = core.pendingCheckpoints().size();
            TriggerDecision decision = core.tryTrigger(now, kind);
            if (decision instanceof TriggerDecision.Triggered triggered) {
                long id = triggered.checkpoint().checkpointId();
                assertThat(id).isGreaterThan(lastTriggeredId);
                lastTriggeredId = id;
                if (kind != TriggerKind.SAVEPOINT) {
                    assertThat(pendingBefore).isLessThan(config.maxConcurrentCheckpoints());
                } else {
                    savepointIds.add(id);
                }
            } else {
                TriggerDecision.Deferred deferred = (TriggerDecision.Deferred) decision;
                assertThat(kind).isNotEqualTo(TriggerKind.SAVEPOINT);
                assertThat(deferred.earliestRetryTime()).isGreaterThanOrEqualTo(now);
                assertThat(core.counts().triggered()).isEqualTo(completedIds.size() + failedIds.size() + pendingBefore);
            }
        }

        private void ack(CheckpointCoordinatorCore core, Ack a) {
            SubtaskId from = subtask(a.subtaskPick());
            Optional<PendingCheckpoint> target = pickPending(core, a.checkpointPick());
            // With nothing pending, or now and then, aim at an id that is finished or never existed.
            long id = target.isPresent() && a.subtaskPick() != 7 ? target.get().checkpointId() : a.checkpointPick() + 1L;
            ack(core, id, from);
        }

        private void ack(CheckpointCoordinatorCore core, long id, SubtaskId from) {
            Optional<PendingCheckpoint> pending = core.pendingCheckpoint(id);
            AckResult expected = pending.isEmpty() ? AckResult.DISCARDED
                    : !TASKS.contains(from) ? AckResult.UNKNOWN
                    : pending.get().notYetAcknowledged().contains(from) ? AckResult.SUCCESS
                    : AckResult.DUPLICATE;

            AckOutcome outcome = core.acknowledge(id, from, state(from, 3), SubtaskCheckpointMetrics.NONE, now);

            assertThat(outcome.result()).isEqualTo(expected);
            boolean nowComplete = pending.isPresent() && pending.get().isFullyAcknowledged();
            assertThat(outcome.readyToComplete()).isEqualTo(expected == AckResult.SUCCESS && nowComplete);
            if (outcome.readyToComplete()) {
                assertThat(readyIds.add(id)).as("ready twice: %s", id).isTrue();
            }
        }

        private void completeReady(CheckpointCoordinatorCore core, int pick) {
            // Mostly a checkpoint that is ready now; now and then one that was ready once (maybe aborted since).
            List<Long> ready = core.pendingCheckpoints().stream().filter(PendingCheckpoint::isFullyAcknowledged)
                    .map(PendingCheckpoint::checkpointId).toList();
            if (ready.isEmpty() || pick == 7) {
                ready = new ArrayList<>(readyIds);
            }
            if (ready.isEmpty()) {
                return;
            }
            long id = ready.get(pick % ready.size());
            assertThat(readyIds).contains(id);
            boolean pending = core.pendingCheckpoint(id).isPresent();
            Optional<CompletionOutcome> outcome = core.complete(id, "/chk/chk-" + id + "/_metadata", now);
            assertThat(outcome.isPresent()).isEqualTo(pending);
            if (outcome.isEmpty()) {
                assertThat(completedIds.contains(id) || failedIds.contains(id)).isTrue();
                return;
            }
            CompletionOutcome o = outcome.get();
            assertThat(completedIds.add(id)).isTrue();
            boolean savepoint = savepointIds.contains(id);
            if (!savepoint) {
                checkpointCompletionOrder.add(id);
            }
            if (id > lastSucceededId) {
                lastSucceededId = id;
                countedFailures = 0;
            }
            for (AbortedCheckpoint subsumed : o.subsumedPending()) {
                assertThat(savepoint).as("a savepoint subsumed %s", subsumed).isFalse();
                assertThat(savepointIds).as("a savepoint was subsumed").doesNotContain(subsumed.checkpointId());
                assertThat(subsumed.checkpointId()).isLessThan(id);
                assertThat(subsumed.reason()).isEqualTo(CheckpointFailureReason.SUBSUMED);
                failed(subsumed);
            }
            List<Long> expectedSubsumed = new ArrayList<>();
            int excess = Math.max(0, checkpointCompletionOrder.size() - config.numRetained());
            int alreadyGone = Math.max(0, checkpointCompletionOrder.size() - (savepoint ? 0 : 1) - config.numRetained());
            if (!savepoint) {
                expectedSubsumed.addAll(checkpointCompletionOrder.subList(alreadyGone, excess));
            }
            assertThat(o.subsumedCompleted()).extracting(CompletedCheckpoint::checkpointId)
                    .containsExactlyElementsOf(expectedSubsumed);
        }

        private void failed(AbortedCheckpoint aborted) {
            long id = aborted.checkpointId();
            assertThat(failedIds.add(id)).as("aborted twice: %s", id).isTrue();
            assertThat(completedIds).doesNotContain(id);
            if (aborted.reason().countsTowardsTolerableFailures() && !savepointIds.contains(id) && id > lastSucceededId) {
                countedFailures++;
            }
        }

        void check(CheckpointCoordinatorCore core) {
            CheckpointCounts counts = core.counts();
            assertThat(counts.triggered()).isEqualTo(counts.completed() + counts.failed() + counts.inProgress());
            assertThat(counts.completed()).isEqualTo(completedIds.size());
            assertThat(counts.failed()).isEqualTo(failedIds.size());
            assertThat(counts.inProgress()).isEqualTo(core.pendingCheckpoints().size());
            assertThat(core.history()).hasSize((int) counts.triggered());
            assertThat(core.history()).allSatisfy(row -> {
                CheckpointStatus expected = completedIds.contains(row.checkpointId()) ? CheckpointStatus.COMPLETED
                        : failedIds.contains(row.checkpointId()) ? CheckpointStatus.FAILED
                        : CheckpointStatus.IN_PROGRESS;
                assertThat(row.status()).isEqualTo(expected);
            });

            assertThat(Collections.disjoint(completedIds, failedIds)).as("an id both completed and failed").isTrue();

            List<Long> retainedIds = core.retainedCheckpoints().stream().map(CompletedCheckpoint::checkpointId).toList();
            assertThat(retainedIds.size()).isLessThanOrEqualTo(config.numRetained());
            assertThat(retainedIds).isSorted().doesNotHaveDuplicates();
            assertThat(Collections.disjoint(retainedIds, savepointIds)).as("a savepoint is retained").isTrue();
            int from = Math.max(0, checkpointCompletionOrder.size() - config.numRetained());
            assertThat(retainedIds).containsExactlyElementsOf(
                    checkpointCompletionOrder.subList(from, checkpointCompletionOrder.size()));
            assertThat(checkpointCompletionOrder).isSorted().doesNotHaveDuplicates();

            // Older pending checkpoints are subsumed, so every pending checkpoint is newer than the latest.
            long latest = core.latestCompleted().map(CompletedCheckpoint::checkpointId).orElse(0L);
            assertThat(core.pendingCheckpoints()).filteredOn(p -> p.kind() != TriggerKind.SAVEPOINT)
                    .allSatisfy(p -> assertThat(p.checkpointId()).isGreaterThan(latest));
            assertThat(core.pendingCheckpoints()).extracting(PendingCheckpoint::checkpointId).isSorted();

            assertThat(core.consecutiveFailures()).isEqualTo(countedFailures);
            assertThat(core.tolerableFailuresExceeded()).isEqualTo(countedFailures > config.tolerableFailedCheckpoints());
            assertThat(core.nextCheckpointId()).isGreaterThan(lastTriggeredId);
        }

        private Optional<PendingCheckpoint> pickPending(CheckpointCoordinatorCore core, int pick) {
            List<PendingCheckpoint> pending = List.copyOf(core.pendingCheckpoints());
            return pending.isEmpty() ? Optional.empty() : Optional.of(pending.get(pick % pending.size()));
        }

        private static SubtaskId subtask(int pick) {
            int index = pick % (TASK_LIST.size() + 1);
            return index < TASK_LIST.size() ? TASK_LIST.get(index) : STRANGER;
        }
    }
}
