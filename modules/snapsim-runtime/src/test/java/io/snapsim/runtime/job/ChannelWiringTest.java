package io.snapsim.runtime.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.snapsim.core.graph.Partitioning;
import io.snapsim.runtime.job.ChannelWiring.Input;
import io.snapsim.runtime.job.ChannelWiring.Output;
import io.snapsim.runtime.job.ChannelWiring.TaskWiring;
import io.snapsim.runtime.plan.JobPlan;
import io.snapsim.runtime.protocol.TaskKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The wiring of {@link SmallPlans#mixed}: both ends of every channel, against the plan's channels. */
class ChannelWiringTest {

    private static Map<TaskKey, TaskWiring> wire(JobPlan plan) {
        ChannelWiring wiring = new ChannelWiring(plan);
        Map<TaskKey, TaskWiring> all = new TreeMap<>();
        for (JobPlan.Vertex v : plan.vertices()) {
            for (int s = 0; s < v.parallelism(); s++) {
                all.put(new TaskKey(v.id(), s), wiring.of(new TaskKey(v.id(), s)));
            }
        }
        return all;
    }

    private static List<Output> flat(TaskWiring wiring) {
        List<Output> outputs = new ArrayList<>();
        wiring.outputsByEdge().forEach(outputs::addAll);
        return outputs;
    }

    private static TaskKey task(JobPlan plan, String lastUid, int subtask) {
        return new TaskKey(SmallPlans.vertexEndingWith(plan, lastUid).id(), subtask);
    }

    /** The sending end {@code output} of subtask {@code subtask} of the chain ending with {@code lastUid}. */
    private static Input input(JobPlan plan, String lastUid, int subtask, int output) {
        return new Input(task(plan, lastUid, subtask), output, SmallPlans.vertexEndingWith(plan, lastUid).taskName(subtask));
    }

    @Test
    void thePlanHasAForwardAHashAndARebalanceEdgeOverParallelismOneTwoAndThree() {
        JobPlan plan = SmallPlans.mixed(2);

        assertThat(plan.vertices()).extracting(JobPlan.Vertex::parallelism).containsExactly(2, 2, 3, 1, 2);
        assertThat(plan.outputsOf(SmallPlans.vertexEndingWith(plan, "numbers").id()))
                .extracting(JobPlan.Edge::partitioning).containsExactly(Partitioning.FORWARD, Partitioning.REBALANCE);
        assertThat(plan.inputsOf(SmallPlans.vertexEndingWith(plan, "joined").id()))
                .extracting(JobPlan.Edge::partitioning, JobPlan.Edge::targetInput)
                .containsExactly(tuple(Partitioning.HASH, 0), tuple(Partitioning.HASH, 1));
    }

    @Test
    void aForwardEdgeWiresEachSubtaskToTheSubtaskWithItsIndexOnly() {
        JobPlan plan = SmallPlans.mixed(2);
        Map<TaskKey, TaskWiring> wiring = wire(plan);

        for (int s = 0; s < 2; s++) {
            assertThat(wiring.get(task(plan, "doubled", s)).inputs())
                    .containsExactly(input(plan, "numbers", s, 0));
            assertThat(wiring.get(task(plan, "numbers", s)).outputsByEdge().get(0))
                    .containsExactly(new Output(task(plan, "doubled", s), 0));
        }
    }

    @Test
    void aRebalanceEdgeWiresEverySenderToEveryReceiverAfterTheSendersEarlierEdges() {
        JobPlan plan = SmallPlans.mixed(2);
        Map<TaskKey, TaskWiring> wiring = wire(plan);

        for (int s = 0; s < 2; s++) {
            assertThat(wiring.get(task(plan, "numbers", s)).outputsByEdge().get(1)).containsExactly(
                    new Output(task(plan, "spread", 0), s), new Output(task(plan, "spread", 1), s),
                    new Output(task(plan, "spread", 2), s));
        }
        for (int r = 0; r < 3; r++) {
            // output channel 0 of a numbers subtask is its forward channel; the rebalance channels follow
            assertThat(wiring.get(task(plan, "spread", r)).inputs())
                    .containsExactly(input(plan, "numbers", 0, 1 + r), input(plan, "numbers", 1, 1 + r));
        }
    }

    @Test
    void aTwoInputTaskNumbersTheChannelsOfItsFirstInputBeforeThoseOfItsSecond() {
        JobPlan plan = SmallPlans.mixed(2);
        TaskWiring joined = wire(plan).get(task(plan, "joined", 0));

        assertThat(joined.inputs()).containsExactly(
                input(plan, "doubled", 0, 0), input(plan, "doubled", 1, 0),
                input(plan, "spread", 0, 0), input(plan, "spread", 1, 0),
                input(plan, "spread", 2, 0));
        assertThat(joined.outputsByEdge()).hasSize(1);
        assertThat(joined.outputsByEdge().get(0)).extracting(Output::channelAtTarget).containsExactly(0, 0);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2, 3})
    void everyOutputChannelIsTheInputChannelItsReceiverNamesAndBack(int parallelism) {
        JobPlan plan = SmallPlans.mixed(parallelism);
        Map<TaskKey, TaskWiring> wiring = wire(plan);

        int channels = 0;
        for (Map.Entry<TaskKey, TaskWiring> sender : wiring.entrySet()) {
            List<Output> outputs = flat(sender.getValue());
            for (int o = 0; o < outputs.size(); o++) {
                Output out = outputs.get(o);
                assertThat(wiring.get(out.target()).inputs().get(out.channelAtTarget()))
                        .as("input %d of %s", out.channelAtTarget(), out.target())
                        .isEqualTo(new Input(sender.getKey(), o,
                                plan.vertex(sender.getKey().vertex()).taskName(sender.getKey().subtask())));
                channels++;
            }
        }
        int inputs = 0;
        for (Map.Entry<TaskKey, TaskWiring> receiver : wiring.entrySet()) {
            List<JobPlan.InputChannel> planned = plan.inputChannels(receiver.getKey().vertex(), receiver.getKey().subtask());
            List<Input> wired = receiver.getValue().inputs();
            assertThat(wired).hasSameSizeAs(planned);
            for (int c = 0; c < wired.size(); c++) {
                assertThat(wired.get(c).sender()).isEqualTo(
                        new TaskKey(planned.get(c).edge().from(), planned.get(c).upstreamSubtask()));
                assertThat(flat(wiring.get(wired.get(c).sender())).get(wired.get(c).outputChannelAtSender()))
                        .isEqualTo(new Output(receiver.getKey(), c));
            }
            inputs += wired.size();
        }
        assertThat(inputs).as("every channel has two ends").isEqualTo(channels);
    }
}
