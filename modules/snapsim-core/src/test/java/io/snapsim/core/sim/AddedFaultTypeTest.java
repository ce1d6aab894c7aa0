package io.snapsim.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.sim.FaultPlans.Channel;
import io.snapsim.core.sim.FaultPlans.PlanContext;
import io.snapsim.core.sim.Faults.CheckpointPhase;
import io.snapsim.core.sim.Shrinker.Position;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Adding a fault kind is one file: this test defines {@code hiccup} (its record and its type) here
 * and nowhere else, registers it in a catalogue of its own, and the parser, random plans, the
 * shrinker, the YAML writer and arming all handle it without a change to any other class.
 */
class AddedFaultTypeTest {

    /** A subtask stumbles once at its n-th record: armed as a crash, which is all a test kind needs. */
    record Hiccup(String operator, int subtask, long atRecord) implements FaultSpec {
        static final String TYPE = "hiccup";

        Hiccup {
            Objects.requireNonNull(operator, "operator");
        }

        @Override
        public FaultType<Hiccup> faultType() {
            return HiccupType.INSTANCE;
        }
    }

    static final class HiccupType extends FaultType<Hiccup> {
        static final HiccupType INSTANCE = new HiccupType();

        private HiccupType() {
            super(Hiccup.TYPE, Hiccup.class);
        }

        @Override
        Hiccup read(FaultReading body) {
            FaultReading.Fields fields = body.fields(List.of("operator", "subtask", "at-record"),
                    "a mapping such as {operator: counter, subtask: 0, at-record: 10}");
            return new Hiccup(fields.required("operator").nonBlankText(), body.subtask(fields.required("subtask")),
                    FaultReading.recordNumber(fields.required("at-record")));
        }

        @Override
        List<DrawnKind> drawnKinds() {
            return List.of(kind(Group.DEFAULT));
        }

        @Override
        boolean canPlace(PlanContext ctx) {
            return !ctx.recordTargets().isEmpty();
        }

        @Override
        Hiccup draw(String kind, FaultDraw draw) {
            String operator = draw.pick(draw.context().recordTargets());
            return new Hiccup(operator, draw.subtask(operator), draw.record(operator));
        }

        @Override
        void describe(Hiccup hiccup, FaultFields fields) {
            fields.put("operator", hiccup.operator()).put("subtask", hiccup.subtask()).put("at-record", hiccup.atRecord());
        }

        @Override
        List<Position> positions(Hiccup h) {
            return List.of(Position.record(h.atRecord(), v -> new Hiccup(h.operator(), h.subtask(), v)));
        }

        @Override
        void arm(Hiccup hiccup, FaultTargets targets) {
            targets.requireSubtask(hiccup.operator(), hiccup.subtask());
            targets.crashTask(hiccup.operator(), hiccup.subtask(),
                    new FaultTargets.CrashPoint(hiccup.atRecord(), null, CheckpointPhase.BEFORE_SNAPSHOT, null));
        }
    }

    private static final FaultTypes WITH_HICCUPS = FaultTypes.CATALOGUE.with(HiccupType.INSTANCE);

    private static final JobCatalog WORDCOUNT_ONLY = new JobCatalog() {
        @Override
        public Set<String> jobNames() {
            return Set.of("wordcount");
        }

        @Override
        public Set<String> parameterNames(String job) {
            return Set.of();
        }
    };

    private static final String HEADER = "job: wordcount\nparallelism: 2\nfaults:\n";
    private static final Path FILE = Path.of("x.yaml");

    private static final PlanContext WORDCOUNT = new PlanContext(
            Map.of("source", 2, "tokenizer", 2, "counter", 2, "sink", 2),
            Map.of("tokenizer", 500L, "counter", 2500L, "sink", 2500L), true, 5, 40,
            List.of(new Channel("source", "tokenizer"), new Channel("tokenizer", "counter"), new Channel("counter", "sink")));

    private final SimulationParser parser = new SimulationParser(WORDCOUNT_ONLY, WITH_HICCUPS);

    @Test
    void isReadByTheParserWithTheMessagesEveryKindShares() {
        assertThat(parser.parse(HEADER + "  - hiccup: {operator: counter, subtask: 1, at-record: 40}\n", FILE).faults())
                .containsExactly(new Hiccup("counter", 1, 40));
        assertThat(parser.parse(HEADER + "  - hiccup: {operator: counter, subtask: 1, at-record: 40, optional: true}\n",
                FILE).faults()).containsExactly(OptionalFault.marked(new Hiccup("counter", 1, 40)));
        assertThatThrownBy(() -> parser.parse(HEADER + "  - hiccup: {operator: counter, subtask: 2, at-record: 40}\n", FILE))
                .isInstanceOf(InvalidInputException.class).hasMessage("x.yaml: key 'faults[0].hiccup.subtask': subtask 2"
                        + " does not exist at parallelism 2 (subtasks are 0..1)");
    }

    @Test
    void isUnknownToTheCatalogueItWasNotAddedTo() {
        assertThatThrownBy(() -> new SimulationParser(WORDCOUNT_ONLY)
                .parse(HEADER + "  - hiccup: {operator: counter, subtask: 1, at-record: 40}\n", FILE))
                .hasMessageContaining("unknown fault kind 'hiccup'");
    }

    @Test
    void isDrawnFromASeedWhereItCanHappen() {
        List<FaultSpec> plan = FaultPlans.random(7, 20, WORDCOUNT, Set.of("hiccup"), WITH_HICCUPS);

        assertThat(plan).hasSize(20).allSatisfy(fault -> {
            Hiccup hiccup = (Hiccup) fault;
            assertThat(hiccup.operator()).isIn("tokenizer", "counter", "sink");
            assertThat(hiccup.atRecord()).isBetween(1L, WORDCOUNT.recordsPerSubtaskEstimate().get(hiccup.operator()));
        });
        assertThat(FaultPlans.random(7, 20, WORDCOUNT, Set.of("hiccup"), WITH_HICCUPS)).isEqualTo(plan);
    }

    @Test
    void isWrittenAsYamlThatReadsBackAsTheSamePlan() {
        List<FaultSpec> plan = List.of(new Hiccup("counter", 1, 40), CrashFault.atRecord("sink", 0, 3));

        assertThat(FaultPlans.describe(plan.get(0))).isEqualTo("hiccup: {operator: counter, subtask: 1, at-record: 40}");
        assertThat(parser.parse(HEADER.replace("faults:\n", "") + FaultPlans.toYaml(plan), FILE).faults()).isEqualTo(plan);
    }

    @Test
    void isShrunkToItsSmallestFailingRecord() {
        List<FaultSpec> failing = List.of(CrashFault.atRecord("sink", 0, 3), new Hiccup("counter", 1, 1800));

        List<FaultSpec> smallest = Shrinker.shrink(failing, plan -> plan.stream()
                .anyMatch(f -> f instanceof Hiccup hiccup && hiccup.atRecord() >= 100));

        assertThat(smallest).containsExactly(new Hiccup("counter", 1, 100));
    }

    @Test
    void isArmedThroughTheTargetsTheRuntimeImplements() {
        RecordingTargets targets = RecordingTargets.wordCount();

        OptionalFault.drawn(new Hiccup("counter", 1, 40)).arm(targets);

        assertThat(targets.actions).containsExactly("crash counter#1 "
                + new FaultTargets.CrashPoint(40L, null, CheckpointPhase.BEFORE_SNAPSHOT, null));
    }
}
