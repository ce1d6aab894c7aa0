package io.snapsim.core.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private static final List<String> REFERENCE = List.of("a,1", "b,1", "a,2", "b,2");

    private static OutputComparison compare(List<String> committed) {
        return OutputComparison.compare(REFERENCE, committed, Map.of(), Map.of());
    }

    @Nested
    class WhenAPlannedFaultNeverFired {

        @Test
        void aRunThatMetItsExpectationIsNotFired() {
            Verdict valid = Verdict.judge("equivalent", compare(REFERENCE));
            Verdict v = valid.unlessUnfired(List.of("0 (crash: {operator: sum, subtask: 1, at-record: 9})"));

            assertThat(v.outcome()).isEqualTo(Outcome.NOT_FIRED);
            assertThat(v.outcome().exitCode()).isEqualTo(3);
            assertThat(v.reason()).startsWith("planned fault 0 (crash: {operator: sum, subtask: 1, at-record: 9})"
                    + " never fired: the run tested nothing about it");
        }

        @Test
        void anInvalidRunStaysInvalid() {
            Verdict invalid = Verdict.judge("equivalent", compare(List.of("a,1")));
            assertThat(invalid.unlessUnfired(List.of("0 (x)")).outcome()).isEqualTo(Outcome.INVALID);
        }

        @Test
        void nothingChangesWhenEveryRequiredFaultFired() {
            Verdict valid = Verdict.judge("equivalent", compare(REFERENCE));
            assertThat(valid.unlessUnfired(List.of())).isSameAs(valid);
        }
    }

    @Nested
    class WhenEveryRetainedCheckpointWasDamaged {

        @Test
        void aConsistentPrefixIsUnrecoverableAndExpected() {
            Verdict v = Verdict.judgeUnrecoverable("equivalent", compare(List.of("a,1", "b,1")), "no intact checkpoint");

            assertThat(v.outcome()).isEqualTo(Outcome.UNRECOVERABLE);
            assertThat(v.outcome().exitCode()).isZero();
            assertThat(v.reason()).contains("2 of 4 records committed, all of them consistent");
        }

        @Test
        void duplicatesBeforeTheFailureAreInvalid() {
            Verdict v = Verdict.judgeUnrecoverable("equivalent", compare(List.of("a,1", "a,1")), "no intact checkpoint");
            assertThat(v.outcome()).isEqualTo(Outcome.INVALID);
        }
    }

    @Test
    void anAtLeastOnceRunNamesItsExtraLinesUnexpectedAsTheOutputLineDoes() {
        Verdict v = Verdict.judge("duplicates-allowed", compare(List.of("a,1", "b,1", "a,2", "b,2", "a,1", "a,3")));
        assertThat(v.reason()).isEqualTo("nothing lost; 1 duplicates and 1 unexpected records (at-least-once)");
    }
}
