package io.snapsim.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.api.FileSinks;
import io.snapsim.core.api.StreamExecutionEnvironment;
import io.snapsim.core.config.Configuration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Which max parallelism each operator gets: its own if its code sets one, else the job's from code,
 * else {@code pipeline.max-parallelism} from the configuration, else derived from its parallelism.
 */
class MaxParallelismResolutionTest {

    /** A sequence source, its offset map, a map "double" and a sink, all at {@code parallelism}. */
    private static JobGraph job(StreamExecutionEnvironment env, int parallelism, Integer mapMaxParallelism) {
        env.setParallelism(parallelism);
        var source = env.fromSequence(0, 9);
        var doubled = source.map(v -> v * 2).name("double").uid("double");
        if (mapMaxParallelism != null) {
            doubled.setMaxParallelism(mapMaxParallelism);
        }
        doubled.sinkTo(FileSinks.discarding());
        return env.getJobGraph("job");
    }

    private static Configuration maxParallelism(int value) {
        return Configuration.fromMap(Map.of("pipeline.max-parallelism", String.valueOf(value)), "test");
    }

    @Nested
    class WithoutAnySetting {
        @Test
        void eachOperatorDerivesItsOwnFromItsParallelism() {
            JobGraph graph = job(StreamExecutionEnvironment.getExecutionEnvironment(), 250, null);

            assertThat(graph.nodeByUid("double").maxParallelism()).isEqualTo(512);
            assertThat(graph.nodeByUid("double").maxParallelismDerived()).isTrue();
            assertThat(graph.nodes().get(0).maxParallelism()).as("at parallelism 250 too").isEqualTo(512);
        }

        @Test
        void aSmallJobGets128() {
            assertThat(job(StreamExecutionEnvironment.getExecutionEnvironment(), 2, null).nodeByUid("double")
                    .maxParallelism()).isEqualTo(128);
        }
    }

    @Nested
    class WithSettings {
        @Test
        void theConfiguredKeyAppliesToEveryOperator() {
            JobGraph graph = job(StreamExecutionEnvironment.getExecutionEnvironment(maxParallelism(1024)), 250, null);

            assertThat(graph.nodes()).allSatisfy(n -> {
                assertThat(n.maxParallelism()).isEqualTo(1024);
                assertThat(n.maxParallelismDerived()).isFalse();
            });
        }

        @Test
        void theJobsCodeWinsOverTheConfigurationAndAnOperatorsOwnWinsOverBoth() {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(maxParallelism(1024));
            env.setMaxParallelism(300);

            JobGraph graph = job(env, 250, 2048);

            assertThat(graph.nodeByUid("double").maxParallelism()).isEqualTo(2048);
            assertThat(graph.nodes().stream().filter(n -> !n.uid().equals("double")))
                    .allSatisfy(n -> assertThat(n.maxParallelism()).isEqualTo(300));
        }

        @Test
        void aParallelismAboveItIsRefusedNamingTheKey() {
            assertThatThrownBy(() -> job(StreamExecutionEnvironment.getExecutionEnvironment(maxParallelism(128)), 250, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("parallelism 250 exceeds max parallelism 128; set pipeline.max-parallelism");
        }
    }

    @Nested
    class OnRestore {
        @Test
        void aDerivedMaxParallelismTakesTheSnapshotsAndASetOneIsKept() {
            JobGraph derived = job(StreamExecutionEnvironment.getExecutionEnvironment(), 100, null);
            JobGraph set = job(StreamExecutionEnvironment.getExecutionEnvironment(maxParallelism(1024)), 100, null);

            assertThat(derived.withRestoredMaxParallelism(Map.of("double", 128)).nodeByUid("double").maxParallelism())
                    .isEqualTo(128);
            assertThat(set.withRestoredMaxParallelism(Map.of("double", 128)).nodeByUid("double").maxParallelism())
                    .as("RestoreCheck refuses the mismatch").isEqualTo(1024);
        }

        @Test
        void aParallelismAboveTheSnapshotsMaxParallelismIsRefusedNamingBoth() {
            JobGraph graph = job(StreamExecutionEnvironment.getExecutionEnvironment(), 250, null);

            assertThatThrownBy(() -> graph.withRestoredMaxParallelism(Map.of("double", 128)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("parallelism 250, above the max parallelism 128");
        }
    }
}
