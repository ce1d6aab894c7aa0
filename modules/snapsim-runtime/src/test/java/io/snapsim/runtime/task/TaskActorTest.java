package io.snapsim.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.api.CheckpointingMode;
import io.snapsim.core.api.FileSinks;
import io.snapsim.core.api.StreamExecutionEnvironment;
import io.snapsim.core.config.StateBackendType;
import io.snapsim.core.history.History;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.TaskEvents;
import io.snapsim.core.history.TaskPhase;
import io.snapsim.core.jobs.BuiltInJobs;
import io.snapsim.runtime.plan.JobPlan;
import io.snapsim.runtime.protocol.CoordinatorCommand;
import io.snapsim.runtime.protocol.DataPlane;
import io.snapsim.runtime.protocol.MasterCommand;
import io.snapsim.runtime.protocol.TaskCommand;
import io.snapsim.runtime.protocol.TaskCoordination.Decline;
import io.snapsim.runtime.protocol.TaskCoordination.TriggerCheckpoint;
import io.snapsim.runtime.protocol.TaskLifecycle.InputSender;
import io.snapsim.runtime.protocol.TaskLifecycle.OutputTarget;
import io.snapsim.runtime.protocol.TaskLifecycle.Start;
import io.snapsim.runtime.protocol.TaskLifecycle.TaskFailed;
import io.snapsim.runtime.protocol.TaskLifecycle.TaskFinished;
import io.snapsim.runtime.protocol.TaskLifecycle.Wire;
import io.snapsim.runtime.services.RuntimeServices;
import io.snapsim.runtime.services.SystemClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One task actor alone, its master, coordinator and neighbours played by probes: the phases it
 * goes through and records, and failures that must reach the master in every phase. The job is the
 * running sum at parallelism 1: vertex 0 is the source, vertex 1 the chain {@code sum->sink} with
 * one input channel.
 */
class TaskActorTest {
    private static final ActorTestKit KIT = ActorTestKit.create("TaskActorTest");

    @TempDir
    Path output;

    private final History.InMemory history = new History.InMemory();
    private TestProbe<MasterCommand> master;
    private TestProbe<CoordinatorCommand> coordinator;
    private TestProbe<TaskCommand> neighbour;
    private JobPlan plan;

    @AfterAll
    static void stopKit() {
        KIT.shutdownTestKit();
    }

    @BeforeEach
    void setUp() {
        master = KIT.createTestProbe();
        coordinator = KIT.createTestProbe();
        neighbour = KIT.createTestProbe();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        plan = JobPlan.of(BuiltInJobs.build("running-sum", Map.of("records", 10, "keys", 2), env, 1,
                FileSinks.transactional(output)));
    }

    private ActorRef<TaskCommand> spawn(int vertex) {
        int[] inputOf = new int[plan.inputChannels(vertex, 0).size()];
        RuntimeServices services = new RuntimeServices(new SystemClock(), Runnable::run, new Random(1), history);
        TaskSpec spec = new TaskSpec(plan, 0, plan.vertex(vertex), 0, inputOf, false, CheckpointingMode.EXACTLY_ONCE,
                8, 2, null, null, List.of(), List.of(), StateBackendType.HASHMAP, false, "task-actor-test", services,
                coordinator.ref(), master.ref());
        return KIT.spawn(TaskActor.create(spec));
    }

    private List<TaskPhase> phasesOf(String actor) {
        List<TaskPhase> phases = new ArrayList<>();
        for (HistoryEvent e : history.events()) {
            if (e instanceof TaskEvents.Lifecycle lifecycle && lifecycle.actor().equals(actor)) {
                phases.add(lifecycle.phase());
            }
        }
        return phases;
    }

    @Test
    void aWiringThatDoesNotFitThePlanFailsTheTaskAndReachesTheMaster() {
        ActorRef<TaskCommand> sum = spawn(1);

        sum.tell(new Wire(List.of(), List.of())); // the chain has one input channel: no sender for it

        TaskFailed failed = master.expectMessageClass(TaskFailed.class);
        assertThat(failed.message()).contains("wired to 0 senders");
        assertThat(failed.faultIndex()).isEqualTo(-1);
        assertThat(phasesOf("sum->sink#0")).containsExactly(TaskPhase.DEPLOYING, TaskPhase.FAILED);
    }

    @Test
    void anOutputWiringWithAnEdgeTheSourceDoesNotHaveFailsTheTask() {
        ActorRef<TaskCommand> source = spawn(0);
        OutputTarget target = new OutputTarget(neighbour.ref(), 0);

        source.tell(new Wire(List.of(List.of(target), List.of(target)), List.of()));

        assertThat(master.expectMessageClass(TaskFailed.class).message())
                .contains("source has 1 output edges, but was wired to 2");
    }

    @Test
    void aCheckpointTriggeredBeforeTheStartIsDeclined() {
        ActorRef<TaskCommand> source = spawn(0);
        source.tell(new Wire(List.of(List.of(new OutputTarget(neighbour.ref(), 0))), List.of()));

        source.tell(new TriggerCheckpoint(1, 0, null));

        Decline decline = coordinator.expectMessageClass(Decline.class);
        assertThat(decline.checkpointId()).isEqualTo(1);
        assertThat(decline.reason()).isEqualTo("task not running");
    }

    @Test
    void aSourceWithoutCheckpointingRunsDrainsAndFinishesRecordingEveryPhase() {
        ActorRef<TaskCommand> source = spawn(0);
        source.tell(new Wire(List.of(List.of(new OutputTarget(neighbour.ref(), 0))), List.of()));

        source.tell(new Start());

        long records = 0;
        while (records < 10) {
            records += neighbour.expectMessageClass(DataPlane.DataBatch.class).count();
        }
        TaskFinished finished = master.expectMessageClass(TaskFinished.class);
        assertThat(finished.sourceRecords()).isEqualTo(10);
        assertThat(finished.recordsSent()).isEqualTo(10);
        assertThat(phasesOf("source#0")).containsExactly(TaskPhase.DEPLOYING, TaskPhase.RUNNING, TaskPhase.DRAINING,
                TaskPhase.FINISHED);
    }

    @Test
    void aTaskStoppedBeforeItStartedRecordsThatItWasCancelled() {
        ActorRef<TaskCommand> sum = spawn(1);
        sum.tell(new Wire(List.of(), List.of(new InputSender(neighbour.ref(), 0, "neighbour#0"))));

        KIT.stop(sum);

        assertThat(phasesOf("sum->sink#0")).containsExactly(TaskPhase.DEPLOYING, TaskPhase.CANCELLED);
        master.expectNoMessage();
    }
}
