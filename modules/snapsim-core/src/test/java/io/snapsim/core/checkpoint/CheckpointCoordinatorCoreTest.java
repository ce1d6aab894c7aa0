package io.snapsim.core.checkpoint;

import static io.snapsim.core.checkpoint.CheckpointFixtures.MAP_0;
import static io.snapsim.core.checkpoint.CheckpointFixtures.MAP_1;
import static io.snapsim.core.checkpoint.CheckpointFixtures.SOURCE_0;
import static io.snapsim.core.checkpoint.CheckpointFixtures.STRANGER;
import static io.snapsim.core.checkpoint.CheckpointFixtures.TASKS;
import static io.snapsim.core.checkpoint.CheckpointFixtures.ackAll;
import static io.snapsim.core.checkpoint.CheckpointFixtures.complete;
import static io.snapsim.core.checkpoint.CheckpointFixtures.config;
import static io.snapsim.core.checkpoint.CheckpointFixtures.coordinator;
import static io.snapsim.core.checkpoint.CheckpointFixtures.metrics;
import static io.snapsim.core.checkpoint.CheckpointFixtures.recovered;
import static io.snapsim.core.checkpoint.CheckpointFixtures.runToCompletion;
import static io.snapsim.core.checkpoint.CheckpointFixtures.state;
import static io.snapsim.core.checkpoint.CheckpointFixtures.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CheckpointCoordinatorCoreTest {

    private static final SubtaskCheckpointMetrics NONE = SubtaskCheckpointMetrics.NONE;

    private static List<Long> ids(List<CompletedCheckpoint> checkpoints) {
        return checkpoints.stream().map(CompletedCheckpoint::checkpointId).toList();
    }

    private static List<Long> abortedIds(List<AbortedCheckpoint> aborted) {
        return aborted.stream().map(AbortedCheckpoint::checkpointId).toList();
    }

    @Nested
    class Triggering {

        @Test
        void triggersAPendingCheckpointThatWaitsForEveryTask() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 0, 1));

            PendingCheckpoint checkpoint = trigger(core, 500);

            assertThat(checkpoint.checkpointId()).isEqualTo(1);
            assertThat(checkpoint.triggerTimestamp()).isEqualTo(500);
            assertThat(checkpoint.kind()).isEqualTo(TriggerKind.PERIODIC);
            assertThat(checkpoint.notYetAcknowledged()).containsExactlyInAnyOrderElementsOf(TASKS);
            assertThat(core.pendingCheckpoints()).containsExactly(checkpoint);
        }

        @Test
        void idsStrictlyIncreaseAcrossKindsCompletionsAndAborts() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 5, 9, 1));

            long first = runToCompletion(core, 0).completed().checkpointId();
            long second = trigger(core, 10).checkpointId();
            core.decline(second, MAP_0, "boom", 11);
            long third = trigger(core, 20, TriggerKind.SAVEPOINT).checkpointId();
            long fourth = trigger(core, 30, TriggerKind.FINAL).checkpointId();

            assertThat(List.of(first, second, third, fourth)).containsExactly(1L, 2L, 3L, 4L);
            assertThat(core.nextCheckpointId()).isEqualTo(5);
        }

        @Test
        void defersAPeriodicTriggerWhenMaxConcurrentCheckpointsArePending() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 2, 0, 1));
            trigger(core, 100);
            trigger(core, 300);

            TriggerDecision decision = core.tryTrigger(400, TriggerKind.PERIODIC);

            assertThat(decision).isInstanceOf(TriggerDecision.Deferred.class);
            TriggerDecision.Deferred deferred = (TriggerDecision.Deferred) decision;
            assertThat(deferred.reason()).contains("execution.checkpointing.max-concurrent-checkpoints");
            // The oldest pending checkpoint frees its slot when it expires at the latest.
            assertThat(deferred.earliestRetryTime()).isEqualTo(1_100);
            assertThat(core.pendingCheckpoints()).hasSize(2);
        }

        @Test
        void triggersAgainOnceAnAbortFreesAConcurrencySlot() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 5, 1));
            long first = trigger(core, 0).checkpointId();
            assertThat(core.tryTrigger(10, TriggerKind.PERIODIC)).isInstanceOf(TriggerDecision.Deferred.class);

            core.decline(first, SOURCE_0, "no", 20);

            assertThat(trigger(core, 30).checkpointId()).isEqualTo(2);
        }

        @Test
        void defersAPeriodicTriggerUntilTheMinPauseSinceTheLastCompletionIsOver() {
            CheckpointCoordinatorCore core = coordinator(config(10_000, 500, 1, 0, 1));
            PendingCheckpoint checkpoint = trigger(core, 0);
            ackAll(core, checkpoint.checkpointId(), 900);
            complete(core, checkpoint.checkpointId(), 1_000);

            TriggerDecision decision = core.tryTrigger(1_200, TriggerKind.PERIODIC);

            assertThat(decision).isInstanceOf(TriggerDecision.Deferred.class);
            TriggerDecision.Deferred deferred = (TriggerDecision.Deferred) decision;
            assertThat(deferred.earliestRetryTime()).isEqualTo(1_500);
            assertThat(deferred.reason()).contains("execution.checkpointing.min-pause");
            assertThat(core.nextTriggerTime(1_200)).isEqualTo(1_500);
            assertThat(core.tryTrigger(1_499, TriggerKind.PERIODIC)).isInstanceOf(TriggerDecision.Deferred.class);
            assertThat(trigger(core, 1_500).checkpointId()).isEqualTo(2);
        }

        @Test
        void waitsForTheLaterOfMinPauseAndAFreeSlotWhenBothBlock() {
            CheckpointCoordinatorCore core = coordinator(config(10_000, 500, 1, 0, 1));
            runToCompletion(core, 1_000);
            trigger(core, 1_000, TriggerKind.FINAL);

            TriggerDecision.Deferred deferred = (TriggerDecision.Deferred) core.tryTrigger(1_100, TriggerKind.PERIODIC);

            assertThat(deferred.earliestRetryTime()).isEqualTo(11_000);
            assertThat(deferred.reason()).contains("max-concurrent-checkpoints").contains("min-pause");
        }

        @Test
        void nextTriggerTimeIsNowWhenATriggerIsAllowed() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 500, 1, 0, 1));
            assertThat(core.nextTriggerTime(42)).isEqualTo(42);
            runToCompletion(core, 100);
            assertThat(core.nextTriggerTime(700)).isEqualTo(700);
        }

        @Test
        void aFinalCheckpointIgnoresMinPauseButNotMaxConcurrent() {
            CheckpointCoordinatorCore core = coordinator(config(10_000, 5_000, 1, 0, 1));
            runToCompletion(core, 1_000);

            PendingCheckpoint last = trigger(core, 1_001, TriggerKind.FINAL);

            assertThat(last.kind()).isEqualTo(TriggerKind.FINAL);
            assertThat(core.tryTrigger(1_002, TriggerKind.FINAL)).isInstanceOf(TriggerDecision.Deferred.class);
        }

        @Test
        void aSavepointIgnoresMinPauseAndMaxConcurrent() {
            CheckpointCoordinatorCore core = coordinator(config(10_000, 5_000, 1, 0, 1));
            runToCompletion(core, 1_000);
            trigger(core, 1_000, TriggerKind.FINAL);

            PendingCheckpoint savepoint = trigger(core, 1_001, TriggerKind.SAVEPOINT);

            assertThat(savepoint.checkpointId()).isEqualTo(3);
            assertThat(core.pendingCheckpoints()).hasSize(2);
        }

        @Test
        void aPendingSavepointTakesAConcurrencySlotFromPeriodicCheckpoints() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 0, 1));
            trigger(core, 0, TriggerKind.SAVEPOINT);

            assertThat(core.tryTrigger(10, TriggerKind.PERIODIC)).isInstanceOf(TriggerDecision.Deferred.class);
        }

        @Test
        void defersEveryKindWhileThereIsNoTaskToAcknowledge() {
            CheckpointCoordinatorCore core = new CheckpointCoordinatorCore(config(1_000, 0, 1, 0, 1), Set.of(), 1, List.of());

            for (TriggerKind kind : TriggerKind.values()) {
                TriggerDecision decision = core.tryTrigger(50, kind);
                assertThat(decision).isEqualTo(new TriggerDecision.Deferred("no tasks to acknowledge a checkpoint", 150));
            }
            assertThat(core.counts().triggered()).isZero();
        }

        @Test
        void newCheckpointsWaitForTheTasksOfTheLatestDeployment() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 2, 0, 1));
            PendingCheckpoint before = trigger(core, 0);

            core.setTasksToAcknowledge(Set.of(MAP_0, STRANGER));
            PendingCheckpoint after = trigger(core, 10);

            assertThat(after.notYetAcknowledged()).containsExactly(MAP_0, STRANGER);
            assertThat(before.notYetAcknowledged()).containsExactlyInAnyOrderElementsOf(TASKS);
            assertThat(core.tasksToAcknowledge()).containsExactly(MAP_0, STRANGER);
        }
    }

    @Nested
    class Acknowledging {

        private final CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 3, 0, 1));

        @Test
        void acceptsTheFirstAckOfAWaitedForSubtask() {
            long id = trigger(core, 0).checkpointId();

            AckOutcome outcome = core.acknowledge(id, MAP_0, state(MAP_0, 10), NONE, 5);

            assertThat(outcome).isEqualTo(new AckOutcome(AckResult.SUCCESS, false));
        }

        @Test
        void answersDuplicateToASecondAckFromTheSameSubtask() {
            long id = trigger(core, 0).checkpointId();
            core.acknowledge(id, MAP_0, state(MAP_0, 10), NONE, 5);

            assertThat(core.acknowledge(id, MAP_0, state(MAP_0, 10), NONE, 6))
                    .isEqualTo(new AckOutcome(AckResult.DUPLICATE, false));
        }

        @Test
        void answersUnknownToASubtaskTheCheckpointDoesNotWaitFor() {
            long id = trigger(core, 0).checkpointId();

            assertThat(core.acknowledge(id, STRANGER, state(STRANGER, 10), NONE, 5))
                    .isEqualTo(new AckOutcome(AckResult.UNKNOWN, false));
        }

        @Test
        void discardsAnAckForAnIdThatWasNeverTriggered() {
            trigger(core, 0);

            assertThat(core.acknowledge(99, MAP_0, state(MAP_0, 10), NONE, 5))
                    .isEqualTo(new AckOutcome(AckResult.DISCARDED, false));
        }

        @Test
        void discardsAnAckForAnAbortedCheckpoint() {
            long id = trigger(core, 0).checkpointId();
            core.decline(id, MAP_1, "snapshot failed", 3);

            assertThat(core.acknowledge(id, MAP_0, state(MAP_0, 10), NONE, 5))
                    .isEqualTo(new AckOutcome(AckResult.DISCARDED, false));
        }

        @Test
        void discardsAnAckForACompletedCheckpoint() {
            long id = runToCompletion(core, 0).completed().checkpointId();

            assertThat(core.acknowledge(id, MAP_0, state(MAP_0, 10), NONE, 5))
                    .isEqualTo(new AckOutcome(AckResult.DISCARDED, false));
        }

        @Test
        void isReadyToCompleteExactlyOnceOnTheLastAck() {
            long id = trigger(core, 0).checkpointId();

            AckOutcome first = core.acknowledge(id, MAP_0, state(MAP_0, 1), NONE, 1);
            AckOutcome second = core.acknowledge(id, MAP_1, state(MAP_1, 1), NONE, 2);
            AckOutcome last = core.acknowledge(id, SOURCE_0, state(SOURCE_0, 1), NONE, 3);
            AckOutcome repeat = core.acknowledge(id, SOURCE_0, state(SOURCE_0, 1), NONE, 4);
            AckOutcome stranger = core.acknowledge(id, STRANGER, state(STRANGER, 1), NONE, 5);

            assertThat(List.of(first, second, last, repeat, stranger)).extracting(AckOutcome::readyToComplete)
                    .containsExactly(false, false, true, false, false);
            assertThat(last.result()).isEqualTo(AckResult.SUCCESS);
        }

        @Test
        void acksOfOneCheckpointDoNotCountForAnother() {
            long first = trigger(core, 0).checkpointId();
            long second = trigger(core, 1).checkpointId();

            ackAll(core, second, 10);

            assertThat(core.pendingCheckpoint(first).orElseThrow().numberOfAcknowledged()).isZero();
            assertThat(core.pendingCheckpoint(second).orElseThrow().isFullyAcknowledged()).isTrue();
        }
    }

    @Nested
    class Completing {

        @Test
        void completesWithItsMetadataPathTimesAndFullStateSize() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 0, 1));
            long id = trigger(core, 100).checkpointId();
            core.acknowledge(id, SOURCE_0, state(SOURCE_0, 5), metrics(0, 1, 1, 1, 5), 120);
            core.acknowledge(id, MAP_0, state(MAP_0, 100), metrics(3, 4, 2, 8, 20), 140);
            core.acknowledge(id, MAP_1, state(MAP_1, 200), metrics(3, 4, 2, 8, 30), 150);

            CompletionOutcome outcome = core.complete(id, "/chk/job/chk-1/_metadata", 170).orElseThrow();

            assertThat(outcome.completed()).isEqualTo(
                    new CompletedCheckpoint(1, 100, 170, "/chk/job/chk-1/_metadata", 305, TriggerKind.PERIODIC));
            assertThat(outcome.subsumedPending()).isEmpty();
            assertThat(outcome.subsumedCompleted()).isEmpty();
            assertThat(core.latestCompleted()).contains(outcome.completed());
            assertThat(core.pendingCheckpoints()).isEmpty();
        }

        @Test
        void subsumesOlderPendingCheckpointsButNotNewerOnes() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 3, 0, 1));
            long one = trigger(core, 0).checkpointId();
            long two = trigger(core, 10).checkpointId();
            long three = trigger(core, 20).checkpointId();
            ackAll(core, two, 30);

            CompletionOutcome outcome = complete(core, two, 40);

            assertThat(outcome.subsumedPending()).containsExactly(new AbortedCheckpoint(one,
                    CheckpointFailureReason.SUBSUMED, "subsumed by completed checkpoint 2"));
            assertThat(core.pendingCheckpoints()).extracting(PendingCheckpoint::checkpointId).containsExactly(three);
            assertThat(core.acknowledge(one, MAP_0, state(MAP_0, 1), NONE, 50).result()).isEqualTo(AckResult.DISCARDED);
        }

        @Test
        void subsumedPendingCheckpointsDoNotCountAsFailures() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 2, 0, 1));
            trigger(core, 0);
            long two = trigger(core, 10).checkpointId();
            ackAll(core, two, 20);

            complete(core, two, 30);

            assertThat(core.consecutiveFailures()).isZero();
            assertThat(core.tolerableFailuresExceeded()).isFalse();
            assertThat(core.counts().failed()).isEqualTo(1);
        }

        @Test
        void keepsOnlyTheNewestCheckpointWhenOneIsRetained() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 0, 1));
            CompletedCheckpoint first = runToCompletion(core, 0).completed();

            CompletionOutcome second = runToCompletion(core, 100);

            assertThat(second.subsumedCompleted()).containsExactly(first);
            assertThat(core.retainedCheckpoints()).containsExactly(second.completed());
        }

        @Test
        void keepsTheThreeNewestAndHandsOutTheOldestFirstWhenThreeAreRetained() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 0, 3));
            for (int i = 0; i < 3; i++) {
                assertThat(runToCompletion(core, i * 100L).subsumedCompleted()).isEmpty();
            }

            CompletionOutcome fourth = runToCompletion(core, 300);
            CompletionOutcome fifth = runToCompletion(core, 400);

            assertThat(ids(fourth.subsumedCompleted())).containsExactly(1L);
            assertThat(ids(fifth.subsumedCompleted())).containsExactly(2L);
            assertThat(ids(core.retainedCheckpoints())).containsExactly(3L, 4L, 5L);
            assertThat(core.latestCompleted().orElseThrow().checkpointId()).isEqualTo(5);
        }

        @Test
        void returnsNothingWhenTheCheckpointWasAbortedWhileItsMetadataWasWritten() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 0, 1));
            long id = trigger(core, 0).checkpointId();
            assertThat(ackAll(core, id, 500).readyToComplete()).isTrue();
            core.expire(1_000);

            assertThat(core.complete(id, "/chk/chk-1/_metadata", 1_001)).isEmpty();
            assertThat(core.latestCompleted()).isEmpty();
            assertThat(core.counts().completed()).isZero();
        }

        @Test
        void returnsNothingWhenCompletingTwiceOrAnUnknownId() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 0, 1));
            long id = runToCompletion(core, 0).completed().checkpointId();

            assertThat(core.complete(id, "/chk/again", 10)).isEmpty();
            assertThat(core.complete(77, "/chk/unknown", 10)).isEmpty();
            assertThat(core.retainedCheckpoints()).hasSize(1);
        }

        @Test
        void refusesToCompleteACheckpointThatIsNotFullyAcknowledged() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 0, 1));
            long id = trigger(core, 0).checkpointId();
            core.acknowledge(id, MAP_0, state(MAP_0, 1), NONE, 1);

            assertThatIllegalStateException().isThrownBy(() -> core.complete(id, "/chk/chk-1/_metadata", 2))
                    .withMessageContaining("map#1").withMessageContaining("source#0");
            assertThat(core.pendingCheckpoint(id)).isPresent();
        }
    }

    @Nested
    class Savepoints {

        @Test
        void aSavepointDoesNotSubsumePendingCheckpoints() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 0, 1));
            long checkpoint = trigger(core, 0).checkpointId();
            long savepoint = trigger(core, 10, TriggerKind.SAVEPOINT).checkpointId();
            ackAll(core, savepoint, 20);

            CompletionOutcome outcome = complete(core, savepoint, 30);

            assertThat(outcome.subsumedPending()).isEmpty();
            assertThat(core.pendingCheckpoint(checkpoint)).isPresent();
        }

        @Test
        void aSavepointIsNotRetainedAndPushesNoCheckpointOut() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 0, 1));
            CompletedCheckpoint checkpoint = runToCompletion(core, 0).completed();

            CompletionOutcome savepoint = runToCompletion(core, 10, TriggerKind.SAVEPOINT);

            assertThat(savepoint.subsumedCompleted()).isEmpty();
            assertThat(core.retainedCheckpoints()).containsExactly(checkpoint);
            assertThat(core.latestCompleted()).contains(checkpoint);
            assertThat(core.latestSavepoint()).contains(savepoint.completed());
        }

        @Test
        void aCompletedCheckpointDoesNotSubsumeAPendingSavepoint() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 2, 0, 1));
            long savepoint = trigger(core, 0, TriggerKind.SAVEPOINT).checkpointId();

            CompletionOutcome outcome = runToCompletion(core, 10, TriggerKind.FINAL);

            assertThat(outcome.subsumedPending()).isEmpty();
            assertThat(core.pendingCheckpoint(savepoint)).isPresent();
            ackAll(core, savepoint, 20);
            assertThat(complete(core, savepoint, 30).completed().kind()).isEqualTo(TriggerKind.SAVEPOINT);
            assertThat(ids(core.retainedCheckpoints())).containsExactly(2L);
        }

        @Test
        void aFailedSavepointDoesNotCountTowardsTolerableFailures() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 0, 1));
            long savepoint = trigger(core, 0, TriggerKind.SAVEPOINT).checkpointId();

            core.decline(savepoint, MAP_0, "no space", 10);

            assertThat(core.consecutiveFailures()).isZero();
            assertThat(core.tolerableFailuresExceeded()).isFalse();
            assertThat(core.counts().failed()).isEqualTo(1);
        }
    }

    @Nested
    class Failures {

        @Test
        void aDeclineAbortsTheCheckpointAndCountsAsAFailure() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 3, 1));
            long id = trigger(core, 0).checkpointId();

            AbortedCheckpoint aborted = core.decline(id, MAP_1, "state backend unavailable", 40).orElseThrow();

            assertThat(aborted.checkpointId()).isEqualTo(id);
            assertThat(aborted.reason()).isEqualTo(CheckpointFailureReason.DECLINED);
            assertThat(aborted.message()).contains("map#1").contains("state backend unavailable");
            assertThat(core.consecutiveFailures()).isEqualTo(1);
            assertThat(core.pendingCheckpoints()).isEmpty();
        }

        @Test
        void ignoresADeclineFromASubtaskTheCheckpointDoesNotWaitFor() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 3, 1));
            long id = trigger(core, 0).checkpointId();

            assertThat(core.decline(id, STRANGER, "old attempt", 40)).isEmpty();
            assertThat(core.pendingCheckpoint(id)).isPresent();
            assertThat(core.consecutiveFailures()).isZero();
        }

        @Test
        void ignoresADeclineOrFailureOfACheckpointThatIsNotPending() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 3, 1));
            long id = runToCompletion(core, 0).completed().checkpointId();

            assertThat(core.decline(id, MAP_0, "late", 10)).isEmpty();
            assertThat(core.decline(42, MAP_0, "unknown", 10)).isEmpty();
            assertThat(core.fail(42, CheckpointFailureReason.IO_FAILURE, "unknown", 10)).isEmpty();
            assertThat(core.consecutiveFailures()).isZero();
        }

        @Test
        void expiresExactlyAtTriggerPlusTimeoutAndNotBefore() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 2, 3, 1));
            long first = trigger(core, 100).checkpointId();
            long second = trigger(core, 200).checkpointId();

            assertThat(core.expire(1_099)).isEmpty();
            List<AbortedCheckpoint> atTimeout = core.expire(1_100);

            assertThat(abortedIds(atTimeout)).containsExactly(first);
            assertThat(atTimeout.get(0).reason()).isEqualTo(CheckpointFailureReason.EXPIRED);
            assertThat(core.pendingCheckpoints()).extracting(PendingCheckpoint::checkpointId).containsExactly(second);
            assertThat(core.consecutiveFailures()).isEqualTo(1);
        }

        @Test
        void expiresEveryOverdueCheckpointOldestFirst() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 3, 5, 1));
            trigger(core, 0);
            trigger(core, 10);
            trigger(core, 5_000);

            assertThat(abortedIds(core.expire(2_000))).containsExactly(1L, 2L);
            assertThat(core.consecutiveFailures()).isEqualTo(2);
        }

        @Test
        void anExpiryMessageNamesTheTimeoutKeyAndTheSubtasksStillWaitedFor() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 0, 1));
            long id = trigger(core, 0).checkpointId();
            core.acknowledge(id, SOURCE_0, state(SOURCE_0, 1), NONE, 10);

            String message = core.expire(1_000).get(0).message();

            assertThat(message).contains("execution.checkpointing.timeout").contains("1000 ms")
                    .contains("1/3").contains("[map#0, map#1]");
        }

        @Test
        void anIoFailureAbortsAndCounts() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 0, 1));
            long id = trigger(core, 0).checkpointId();
            ackAll(core, id, 10);

            AbortedCheckpoint aborted = core.fail(id, CheckpointFailureReason.IO_FAILURE, "disk full", 20).orElseThrow();

            assertThat(aborted).isEqualTo(new AbortedCheckpoint(id, CheckpointFailureReason.IO_FAILURE, "disk full"));
            assertThat(core.complete(id, "/chk/chk-1/_metadata", 30)).isEmpty();
            assertThat(core.tolerableFailuresExceeded()).isTrue();
        }

        @Test
        void withNoTolerableFailuresTheFirstFailureExceedsTheLimit() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 0, 1));
            assertThat(core.tolerableFailuresExceeded()).isFalse();

            core.expire(trigger(core, 0).triggerTimestamp() + 1_000);

            assertThat(core.consecutiveFailures()).isEqualTo(1);
            assertThat(core.tolerableFailuresExceeded()).isTrue();
        }

        @Test
        void withTwoTolerableFailuresTheThirdConsecutiveFailureExceedsTheLimit() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 2, 1));

            core.decline(trigger(core, 0).checkpointId(), MAP_0, "one", 1);
            core.expire(trigger(core, 10).triggerTimestamp() + 1_000);
            assertThat(core.tolerableFailuresExceeded()).isFalse();
            core.fail(trigger(core, 2_000).checkpointId(), CheckpointFailureReason.IO_FAILURE, "three", 2_001);

            assertThat(core.consecutiveFailures()).isEqualTo(3);
            assertThat(core.tolerableFailuresExceeded()).isTrue();
        }

        @Test
        void aCompletionResetsTheConsecutiveFailures() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 2, 1));
            core.decline(trigger(core, 0).checkpointId(), MAP_0, "one", 1);
            core.decline(trigger(core, 10).checkpointId(), MAP_0, "two", 11);

            runToCompletion(core, 20);
            core.decline(trigger(core, 30).checkpointId(), MAP_0, "three", 31);
            core.decline(trigger(core, 40).checkpointId(), MAP_0, "four", 41);

            assertThat(core.consecutiveFailures()).isEqualTo(2);
            assertThat(core.tolerableFailuresExceeded()).isFalse();
        }

        @Test
        void taskFailuresAndSubsumptionsDoNotCount() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 2, 0, 1));
            core.fail(trigger(core, 0).checkpointId(), CheckpointFailureReason.TASK_FAILURE, "failover", 5);
            trigger(core, 10);
            long newer = trigger(core, 20).checkpointId();
            ackAll(core, newer, 30);
            complete(core, newer, 40);

            assertThat(core.consecutiveFailures()).isZero();
            assertThat(core.tolerableFailuresExceeded()).isFalse();
            assertThat(core.counts().failed()).isEqualTo(2);
        }

        @ParameterizedTest
        @EnumSource(CheckpointFailureReason.class)
        void countsAFailureExactlyForExpiredDeclinedAndIoFailure(CheckpointFailureReason reason) {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 5, 1));

            core.fail(trigger(core, 0).checkpointId(), reason, "why", 1);

            boolean counted = Set.of(CheckpointFailureReason.EXPIRED, CheckpointFailureReason.DECLINED,
                    CheckpointFailureReason.IO_FAILURE).contains(reason);
            assertThat(reason.countsTowardsTolerableFailures()).isEqualTo(counted);
            assertThat(core.consecutiveFailures()).isEqualTo(counted ? 1 : 0);
        }

        @Test
        void abortAllAbortsEveryPendingCheckpointOldestFirstWithoutCounting() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 2, 0, 1));
            trigger(core, 0);
            trigger(core, 10);
            trigger(core, 20, TriggerKind.SAVEPOINT);

            List<AbortedCheckpoint> aborted = core.abortAll(CheckpointFailureReason.TASK_FAILURE, "map#1 failed");

            assertThat(abortedIds(aborted)).containsExactly(1L, 2L, 3L);
            assertThat(aborted).allSatisfy(a -> {
                assertThat(a.reason()).isEqualTo(CheckpointFailureReason.TASK_FAILURE);
                assertThat(a.message()).isEqualTo("map#1 failed");
            });
            assertThat(core.pendingCheckpoints()).isEmpty();
            assertThat(core.consecutiveFailures()).isZero();
            assertThat(core.abortAll(CheckpointFailureReason.JOB_CANCELLED, "cancel")).isEmpty();
        }
    }

    @Nested
    class Recovery {

        @Test
        void idsContinueAfterTheRecoveredCheckpoints() {
            CheckpointCoordinatorCore core = new CheckpointCoordinatorCore(config(1_000, 0, 1, 0, 3), TASKS, 1,
                    List.of(recovered(4), recovered(5)));

            assertThat(trigger(core, 0).checkpointId()).isEqualTo(6);
            assertThat(core.latestCompleted().orElseThrow().checkpointId()).isEqualTo(5);
            assertThat(ids(core.retainedCheckpoints())).containsExactly(4L, 5L);
        }

        @Test
        void keepsAGivenNextIdThatIsAlreadyBeyondTheRecoveredCheckpoints() {
            CheckpointCoordinatorCore core = new CheckpointCoordinatorCore(config(1_000, 0, 1, 0, 3), TASKS, 10,
                    List.of(recovered(4)));

            assertThat(trigger(core, 0).checkpointId()).isEqualTo(10);
        }

        @Test
        void theNextCompletionHandsOutRecoveredCheckpointsBeyondNumRetained() {
            CheckpointCoordinatorCore core = new CheckpointCoordinatorCore(config(1_000, 0, 1, 0, 1), TASKS, 1,
                    List.of(recovered(1), recovered(2)));

            CompletionOutcome outcome = runToCompletion(core, 1_000);

            assertThat(ids(outcome.subsumedCompleted())).containsExactly(1L, 2L);
            assertThat(ids(core.retainedCheckpoints())).containsExactly(3L);
        }

        @Test
        void recoveredCheckpointsAreNotCountedAsTriggeredOrCompletedByThisRun() {
            CheckpointCoordinatorCore core = new CheckpointCoordinatorCore(config(1_000, 0, 1, 0, 1), TASKS, 1,
                    List.of(recovered(3)));

            assertThat(core.counts()).isEqualTo(new CheckpointCounts(0, 0, 0, 0, 0));
            assertThat(core.history()).isEmpty();
        }

        @Test
        void rejectsARecoveredSavepoint() {
            CompletedCheckpoint savepoint = new CompletedCheckpoint(3, 0, 1, "/sp/_metadata", 0, TriggerKind.SAVEPOINT);

            assertThatIllegalArgumentException().isThrownBy(() -> new CheckpointCoordinatorCore(
                    config(1_000, 0, 1, 0, 1), TASKS, 1, List.of(savepoint))).withMessageContaining("savepoint 3");
        }

        @Test
        void rejectsRecoveredCheckpointsThatAreNotOldestFirst() {
            assertThatIllegalArgumentException().isThrownBy(() -> new CheckpointCoordinatorCore(
                    config(1_000, 0, 1, 0, 3), TASKS, 1, List.of(recovered(5), recovered(4))));
        }

        @Test
        void rejectsANextIdBelowOne() {
            assertThatIllegalArgumentException().isThrownBy(() -> new CheckpointCoordinatorCore(
                    config(1_000, 0, 1, 0, 3), TASKS, 0, List.of()));
        }

        @Test
        void countsEveryRestoreAndRemembersTheLatest() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 0, 1));

            core.markRestored(4);
            core.markRestored(7);

            assertThat(core.counts().restored()).isEqualTo(2);
            assertThat(core.latestRestoredCheckpointId()).hasValue(7);
        }
    }

    @Nested
    class HistoryAndCounts {

        @Test
        void hasOneRowPerTriggeredCheckpointWithItsStatus() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 3, 5, 1));
            runToCompletion(core, 0);
            core.decline(trigger(core, 10).checkpointId(), MAP_0, "no", 20);
            trigger(core, 30, TriggerKind.SAVEPOINT);

            assertThat(core.history()).extracting(CheckpointStats::checkpointId, CheckpointStats::kind, CheckpointStats::status)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(1L, TriggerKind.PERIODIC, CheckpointStatus.COMPLETED),
                            org.assertj.core.groups.Tuple.tuple(2L, TriggerKind.PERIODIC, CheckpointStatus.FAILED),
                            org.assertj.core.groups.Tuple.tuple(3L, TriggerKind.SAVEPOINT, CheckpointStatus.IN_PROGRESS));
            assertThat(core.counts()).isEqualTo(new CheckpointCounts(3, 1, 1, 1, 0));
        }

        @Test
        void aCompletedRowHasTimesSizesAndPerSubtaskMetrics() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 0, 1));
            long id = trigger(core, 100).checkpointId();
            core.acknowledge(id, SOURCE_0, state(SOURCE_0, 5), metrics(0, 2, 1, 1, 5), 110);
            core.acknowledge(id, MAP_0, state(MAP_0, 100), metrics(7, 9, 2, 8, 20), 140);
            core.acknowledge(id, MAP_1, state(MAP_1, 200), metrics(3, 4, 2, 8, 30), 130);
            complete(core, id, 180);

            CheckpointStats row = core.history().get(0);

            assertThat(row.status()).isEqualTo(CheckpointStatus.COMPLETED);
            assertThat(row.triggerTimestamp()).isEqualTo(100);
            assertThat(row.latestAckTimestamp()).isEqualTo(140);
            assertThat(row.endToEndDurationMs()).isEqualTo(80);
            assertThat(row.stateSize()).isEqualTo(305);
            assertThat(row.checkpointedSize()).isEqualTo(55);
            assertThat(row.numAcknowledged()).isEqualTo(3);
            assertThat(row.numTasks()).isEqualTo(3);
            assertThat(row.failureReason()).isNull();
            assertThat(row.failureMessage()).isNull();
            assertThat(row.subtaskMetrics()).containsEntry(MAP_0, metrics(7, 9, 2, 8, 20)).hasSize(3);
        }

        @Test
        void aFailedRowHasItsReasonMessageAndDurationUntilTheAbort() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 0, 1));
            long id = trigger(core, 100).checkpointId();
            core.acknowledge(id, MAP_0, state(MAP_0, 10), metrics(1, 1, 1, 1, 10), 150);
            core.expire(1_100);

            CheckpointStats row = core.history().get(0);

            assertThat(row.status()).isEqualTo(CheckpointStatus.FAILED);
            assertThat(row.failureReason()).isEqualTo(CheckpointFailureReason.EXPIRED);
            assertThat(row.failureMessage()).contains("expired");
            assertThat(row.endToEndDurationMs()).isEqualTo(1_000);
            assertThat(row.numAcknowledged()).isEqualTo(1);
            assertThat(row.stateSize()).isEqualTo(10);
        }

        @Test
        void anInProgressRowShowsTheAcknowledgementsSoFar() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 0, 1));
            long id = trigger(core, 100).checkpointId();
            assertThat(core.history().get(0).endToEndDurationMs()).isZero();

            core.acknowledge(id, MAP_0, state(MAP_0, 10), NONE, 160);
            CheckpointStats row = core.history().get(0);

            assertThat(row.status()).isEqualTo(CheckpointStatus.IN_PROGRESS);
            assertThat(row.numAcknowledged()).isEqualTo(1);
            assertThat(row.endToEndDurationMs()).isEqualTo(60);
        }

        @Test
        void anAbortAllWithoutATimeMeasuresTheRowUpToTheLatestAck() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 2, 0, 1));
            long acked = trigger(core, 100).checkpointId();
            trigger(core, 200);
            core.acknowledge(acked, MAP_0, state(MAP_0, 10), NONE, 130);

            core.abortAll(CheckpointFailureReason.JOB_CANCELLED, "cancelled");

            assertThat(core.history()).extracting(CheckpointStats::endToEndDurationMs).containsExactly(30L, 0L);
            assertThat(core.history()).extracting(CheckpointStats::failureReason)
                    .containsOnly(CheckpointFailureReason.JOB_CANCELLED);
        }

        @Test
        void anAbortAllWithATimeMeasuresTheRowUpToThatTime() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 1, 0, 1));
            trigger(core, 100);

            core.abortAll(CheckpointFailureReason.TASK_FAILURE, "failover", 400);

            assertThat(core.history().get(0).endToEndDurationMs()).isEqualTo(300);
        }

        @Test
        void countsSavepointsAndSubsumedCheckpoints() {
            CheckpointCoordinatorCore core = coordinator(config(1_000, 0, 2, 5, 1));
            trigger(core, 0);
            runToCompletion(core, 10);
            runToCompletion(core, 20, TriggerKind.SAVEPOINT);
            trigger(core, 30);
            core.markRestored(2);

            CheckpointCounts counts = core.counts();

            assertThat(counts).isEqualTo(new CheckpointCounts(4, 1, 2, 1, 1));
            assertThat(core.history()).hasSize(4);
        }
    }
}
