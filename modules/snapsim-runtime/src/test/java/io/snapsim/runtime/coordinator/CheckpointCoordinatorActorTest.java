package io.snapsim.runtime.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.snapsim.core.api.ExternalizedCheckpointCleanup;
import io.snapsim.core.api.ExternalizedCheckpointCleanup.JobEnd;
import io.snapsim.core.checkpoint.CheckpointCoordinatorConfig;
import io.snapsim.core.checkpoint.SubtaskCheckpointMetrics;
import io.snapsim.core.checkpoint.SubtaskId;
import io.snapsim.core.history.CheckpointEvents;
import io.snapsim.core.history.FaultInjected;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.storage.FsCheckpointStorage;
import io.snapsim.core.storage.StateHandle;
import io.snapsim.core.storage.SubtaskStateSnapshot;
import io.snapsim.runtime.coordinator.CheckpointCoordinatorActor.OperatorInfo;
import io.snapsim.runtime.coordinator.CheckpointCoordinatorActor.Settings;
import io.snapsim.runtime.fault.CoordinatorFault;
import io.snapsim.runtime.protocol.CoordinatorCommand;
import io.snapsim.runtime.protocol.MasterCommand;
import io.snapsim.runtime.protocol.MasterCoordination.CheckpointCompletedNotice;
import io.snapsim.runtime.protocol.MasterCoordination.CheckpointStoreFailed;
import io.snapsim.runtime.protocol.MasterCoordination.CoordinatorCrashed;
import io.snapsim.runtime.protocol.MasterCoordination.CoordinatorReady;
import io.snapsim.runtime.protocol.MasterCoordination.Deployed;
import io.snapsim.runtime.protocol.MasterCoordination.DescribeCoordinator;
import io.snapsim.runtime.protocol.MasterCoordination.GetRetained;
import io.snapsim.runtime.protocol.MasterCoordination.JobEnded;
import io.snapsim.runtime.protocol.MasterCoordination.Report;
import io.snapsim.runtime.protocol.MasterCoordination.RetainedCheckpoints;
import io.snapsim.runtime.protocol.MasterCoordination.Suspend;
import io.snapsim.runtime.protocol.TaskCommand;
import io.snapsim.runtime.protocol.TaskCoordination.Acknowledge;
import io.snapsim.runtime.protocol.TaskCoordination.NotifyComplete;
import io.snapsim.runtime.protocol.TaskCoordination.TriggerCheckpoint;
import io.snapsim.runtime.protocol.TaskKey;
import io.snapsim.runtime.services.RuntimeServices;
import io.snapsim.runtime.services.SystemClock;
import io.snapsim.runtime.store.CompletedCheckpointStore;
import io.snapsim.runtime.store.JournalSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator's phases driven message by message, with probes for the master and a source
 * task: loading its store, running, suspended, ended; and what it does when its store stops.
 */
class CheckpointCoordinatorActorTest {
    private static final ActorTestKit KIT = ActorTestKit.create("coordinator-test", JournalSettings.inMemory()
            .withFallback(ConfigFactory.parseString("pekko.loglevel = OFF"))
            .withFallback(ConfigFactory.defaultReference()).resolve());
    private static final long INTERVAL_MS = 100;
    private static final TaskKey SOURCE = new TaskKey(0, 0);
    private static final SubtaskId SOURCE_SUBTASK = new SubtaskId("src", 0);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path temp;

    private final List<HistoryEvent> history = Collections.synchronizedList(new ArrayList<>());
    private final TestProbe<MasterCommand> master = KIT.createTestProbe(MasterCommand.class);
    private final TestProbe<TaskCommand> task = KIT.createTestProbe(TaskCommand.class);
    private final TestProbe<Report> report = KIT.createTestProbe(Report.class);
    private String jobId;

    @AfterAll
    static void shutDown() {
        KIT.shutdownTestKit();
    }

    @BeforeEach
    void newJob() {
        jobId = UUID.randomUUID().toString().replace("-", "");
    }

    private Settings settings(CheckpointCoordinatorConfig config, List<CoordinatorFault> faults) {
        FsCheckpointStorage storage = config == null ? null : new FsCheckpointStorage(temp.resolve("checkpoints"), jobId, 1024);
        if (storage != null) {
            storage.initializeJobDirectories();
        }
        return new Settings(config, ExternalizedCheckpointCleanup.RETAIN_ON_CANCELLATION, jobId, storage,
                Map.of("src", new OperatorInfo("src", "Source", 1, 128)), faults, null, null, 1, 0);
    }

    private static CheckpointCoordinatorConfig checkpointing() {
        return new CheckpointCoordinatorConfig(INTERVAL_MS, 10_000, 0, 1, 0, 1);
    }

    private ActorRef<CoordinatorCommand> start(Settings settings, ActorRef<CompletedCheckpointStore.Command> store) {
        RuntimeServices services = new RuntimeServices(new SystemClock(), Runnable::run, new SplittableRandom(1),
                history::add);
        return KIT.spawn(CheckpointCoordinatorActor.create(settings, services, store, master.ref()));
    }

    private ActorRef<CoordinatorCommand> startRunning(Behavior<CompletedCheckpointStore.Command> store,
                                                      List<CoordinatorFault> faults) {
        ActorRef<CoordinatorCommand> coordinator = start(settings(checkpointing(), faults), KIT.spawn(store));
        assertThat(master.expectMessageClass(CoordinatorReady.class, WAIT).error()).isNull();
        coordinator.tell(new Deployed(0, Map.of(SOURCE, task.ref()), Set.of(SOURCE), -1));
        return coordinator;
    }

    private static Acknowledge acknowledge(long checkpointId) {
        SubtaskStateSnapshot state = new SubtaskStateSnapshot(0, null, null, new StateHandle.Inline(new byte[] {1, 2}), Map.of());
        return new Acknowledge(0, checkpointId, Map.of(SOURCE_SUBTASK, state), SubtaskCheckpointMetrics.NONE);
    }

    private String describe(ActorRef<CoordinatorCommand> coordinator) {
        TestProbe<String> answer = KIT.createTestProbe(String.class);
        coordinator.tell(new DescribeCoordinator(answer.ref()));
        return answer.expectMessageClass(String.class, WAIT);
    }

    /** A store that answers that it holds nothing, and crashes when asked to record a checkpoint. */
    private static Behavior<CompletedCheckpointStore.Command> crashingOnAdd() {
        return Behaviors.receive(CompletedCheckpointStore.Command.class)
                .onMessage(CompletedCheckpointStore.GetAll.class, get -> {
                    get.replyTo().tell(List.of());
                    return Behaviors.same();
                })
                .onMessage(CompletedCheckpointStore.Add.class, add -> {
                    throw new IllegalStateException("a store with a bug");
                })
                .build();
    }

    @Nested
    class WhileRunning {
        @Test
        void completesACheckpointEverySubtaskAcknowledgedAndAnnouncesItOnceStored() {
            ActorRef<CoordinatorCommand> coordinator = startRunning(CompletedCheckpointStore.create(jobId), List.of());
            TriggerCheckpoint trigger = task.expectMessageClass(TriggerCheckpoint.class, WAIT);
            assertThat(trigger.checkpointId()).isEqualTo(1);

            coordinator.tell(acknowledge(1));

            master.expectMessage(WAIT, new CheckpointCompletedNotice(1));
            // the next periodic trigger may come first: checkpoint 1 no longer counts against
            // max-concurrent once complete, while the store still persists it
            task.fishForMessage(WAIT, m -> m.equals(new NotifyComplete(1))
                    ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
            assertThat(history).extracting(e -> e.getClass().getSimpleName())
                    .containsSubsequence("Triggered", "AcknowledgedByAll", "Completed", "Stored");
            assertThat(describe(coordinator)).startsWith("coordinator: running, attempt 0");
        }

        @Test
        void aPlannedCrashAfterTheMetadataStopsItAndTellsTheMaster() {
            ActorRef<CoordinatorCommand> coordinator = startRunning(CompletedCheckpointStore.create(jobId),
                    List.of(new CoordinatorFault(4, CoordinatorFault.Kind.CRASH_AFTER_METADATA, 1)));
            task.expectMessageClass(TriggerCheckpoint.class, WAIT);

            coordinator.tell(acknowledge(1));

            CoordinatorCrashed crashed = master.expectMessageClass(CoordinatorCrashed.class, WAIT);
            assertThat(crashed.faultIndex()).isEqualTo(4);
            master.expectTerminated(coordinator, WAIT);
            assertThat(history).anyMatch(e -> e instanceof FaultInjected f && f.fault() == 4);
            assertThat(history).noneMatch(CheckpointEvents.Completed.class::isInstance);
        }
    }

    @Nested
    class WhileSuspended {
        @Test
        void triggersNothingUntilTheNextAttemptIsDeployed() {
            ActorRef<CoordinatorCommand> coordinator = startRunning(CompletedCheckpointStore.create(jobId), List.of());
            task.expectMessageClass(TriggerCheckpoint.class, WAIT);

            coordinator.tell(new Suspend(0));

            assertThat(describe(coordinator)).startsWith("coordinator: suspended").contains("pending []");
            task.expectNoMessage(Duration.ofMillis(3 * INTERVAL_MS));
            coordinator.tell(new Deployed(1, Map.of(SOURCE, task.ref()), Set.of(SOURCE), -1));
            assertThat(task.expectMessageClass(TriggerCheckpoint.class, WAIT).checkpointId()).isEqualTo(2);
        }

        @Test
        void neverCompletesACheckpointOfTheAttemptThatStopped() {
            ActorRef<CoordinatorCommand> coordinator = startRunning(CompletedCheckpointStore.create(jobId), List.of());
            task.expectMessageClass(TriggerCheckpoint.class, WAIT);
            coordinator.tell(new Suspend(0));

            coordinator.tell(acknowledge(1));

            master.expectNoMessage(Duration.ofMillis(3 * INTERVAL_MS));
            assertThat(describe(coordinator)).contains("counts CheckpointCounts[triggered=1, inProgress=0, completed=0");
            assertThat(history).noneMatch(CheckpointEvents.AcknowledgedByAll.class::isInstance);
        }
    }

    @Nested
    class WhenItsStoreStops {
        @Test
        void whileRunningItTellsTheMasterAndStillReportsTheJobsEnd() {
            ActorRef<CoordinatorCommand> coordinator = startRunning(crashingOnAdd(), List.of());
            task.expectMessageClass(TriggerCheckpoint.class, WAIT);

            coordinator.tell(acknowledge(1));

            CheckpointStoreFailed failed = master.expectMessageClass(CheckpointStoreFailed.class, WAIT);
            assertThat(failed.message()).startsWith("the completed-checkpoint store stopped");
            assertThat(describe(coordinator)).startsWith("coordinator: store lost");
            coordinator.tell(new JobEnded(JobEnd.FAILED, report.ref()));
            Report figures = report.expectMessageClass(Report.class, WAIT);
            assertThat(figures.counts().completed()).isEqualTo(1);
            master.expectNoMessage(Duration.ofMillis(2 * INTERVAL_MS)); // never announced
            assertThat(history).noneMatch(CheckpointEvents.Stored.class::isInstance);
        }

        @Test
        void beforeItAnsweredTheMasterLearnsThatItCannotBeRead() {
            Behavior<CompletedCheckpointStore.Command> unreadable = Behaviors.receive(CompletedCheckpointStore.Command.class)
                    .onMessage(CompletedCheckpointStore.GetAll.class, get -> {
                        throw new IllegalStateException("a journal that cannot be replayed");
                    })
                    .build();
            ActorRef<CoordinatorCommand> coordinator = start(settings(checkpointing(), List.of()), KIT.spawn(unreadable));

            CoordinatorReady ready = master.expectMessageClass(CoordinatorReady.class, WAIT);

            assertThat(ready.error()).startsWith("cannot read the completed-checkpoint store");
            coordinator.tell(new JobEnded(JobEnd.FAILED, report.ref()));
            assertThat(report.expectMessageClass(Report.class, WAIT)).isEqualTo(new Report(null, List.of(), null));
        }
    }

    @Nested
    class WhileLoading {
        @Test
        void answersTheJobsEndOnceItsStoreAnswered() {
            TestProbe<CompletedCheckpointStore.Command> store = KIT.createTestProbe(CompletedCheckpointStore.Command.class);
            ActorRef<CoordinatorCommand> coordinator = start(settings(checkpointing(), List.of()), store.ref());
            CompletedCheckpointStore.GetAll getAll = store.expectMessageClass(CompletedCheckpointStore.GetAll.class, WAIT);

            coordinator.tell(new JobEnded(JobEnd.CANCELED, report.ref()));

            assertThat(describe(coordinator)).isEqualTo("coordinator: loading its completed-checkpoint store");
            report.expectNoMessage(Duration.ofMillis(200));
            getAll.replyTo().tell(List.of());
            assertThat(master.expectMessageClass(CoordinatorReady.class, WAIT).error()).isNull();
            assertThat(report.expectMessageClass(Report.class, WAIT).counts()).isNotNull();
        }
    }

    @Nested
    class WithCheckpointingOff {
        @Test
        void answersTheMasterWithNothingRetainedAndNoFigures() {
            ActorRef<CoordinatorCommand> coordinator = start(settings(null, List.of()), KIT.spawn(
                    CompletedCheckpointStore.create(jobId)));
            assertThat(master.expectMessageClass(CoordinatorReady.class, WAIT).retainedNewestFirst()).isEmpty();
            coordinator.tell(new Deployed(0, Map.of(SOURCE, task.ref()), Set.of(SOURCE), -1));
            TestProbe<RetainedCheckpoints> retained = KIT.createTestProbe(RetainedCheckpoints.class);

            coordinator.tell(new GetRetained(retained.ref()));
            coordinator.tell(new JobEnded(JobEnd.FINISHED, report.ref()));

            assertThat(retained.expectMessageClass(RetainedCheckpoints.class, WAIT).newestFirst()).isEmpty();
            assertThat(report.expectMessageClass(Report.class, WAIT)).isEqualTo(new Report(null, List.of(), null));
            task.expectNoMessage(Duration.ofMillis(2 * INTERVAL_MS));
        }
    }
}
