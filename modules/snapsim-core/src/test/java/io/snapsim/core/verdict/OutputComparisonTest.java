package io.snapsim.core.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The checker on hand-made outputs: every kind of difference it must find, and the verdicts built on it. */
class OutputComparisonTest {

    private static final List<String> REFERENCE = List.of("a,1", "b,1", "a,2", "c,1", "b,2");

    /** Keyed state as a run reports it: operator → state name → key → value. */
    private static SortedMap<String, SortedMap<String, SortedMap<String, Object>>> state(Object... keysAndValues) {
        SortedMap<String, Object> entries = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        SortedMap<String, SortedMap<String, Object>> byName = new TreeMap<>();
        byName.put("count", entries);
        SortedMap<String, SortedMap<String, SortedMap<String, Object>>> byOperator = new TreeMap<>();
        byOperator.put("counter", byName);
        return byOperator;
    }

    private static OutputComparison compare(List<String> actual) {
        return OutputComparison.compare(REFERENCE, actual, Map.of(), Map.of());
    }

    @Nested
    class WhereItDiverges {

        @Test
        void theFirstDivergenceIsTheRunsEarliestExtraLine() {
            OutputComparison c = compare(List.of("a,1", "b,1", "z,9", "a,1", "a,2", "c,1", "b,2"));

            assertThat(c.firstDivergence()).isEqualTo(new Divergence(Divergence.Kind.UNEXPECTED, "z,9"));
            assertThat(c.firstDivergence().key()).isEqualTo("z");
        }

        @Test
        void withoutExtraLinesTheFirstDivergenceIsTheSmallestLostLine() {
            OutputComparison c = compare(List.of("a,1", "b,1", "b,2"));

            assertThat(c.firstDivergence()).isEqualTo(new Divergence(Divergence.Kind.MISSING, "a,2"));
        }

        @Test
        void equalOutputsHaveNoDivergenceAndNoKeyDifferences() {
            OutputComparison c = compare(REFERENCE);

            assertThat(c.firstDivergence()).isNull();
            assertThat(c.differencesByKey()).isEmpty();
            assertThat(c.stateDifference()).isNull();
        }

        @Test
        void everyKindOfDifferenceIsCountedPerKey() {
            // a: one duplicate and a lost a,2; b: an unexpected b,7; c: lost
            OutputComparison c = compare(List.of("a,1", "a,1", "b,1", "b,2", "b,7"));

            assertThat(c.differencesByKey()).containsExactly(Map.entry("a", new KeyDifference(1, 1, 0)),
                    Map.entry("b", new KeyDifference(0, 0, 1)), Map.entry("c", new KeyDifference(1, 0, 0)));
            assertThat(c.moreKeysDiffer()).isFalse();
            assertThat(c.differencesByKey().values().stream().mapToLong(KeyDifference::total).sum())
                    .isEqualTo(c.missing() + c.duplicates() + c.unexpected());
        }

        @Test
        void keyDifferencesAreBoundedToTheSmallestKeysAndSayWhenMoreDiffer() {
            List<String> reference = new ArrayList<>();
            for (int k = 0; k < OutputComparison.MAX_DUPLICATE_KEYS + 5; k++) {
                reference.add(String.format("k%05d,1", k));
            }
            OutputComparison c = OutputComparison.compare(reference, List.of(), Map.of(), Map.of());

            assertThat(c.differencesByKey()).hasSize(OutputComparison.MAX_DUPLICATE_KEYS);
            assertThat(c.differencesByKey().lastKey()).isEqualTo(String.format("k%05d", OutputComparison.MAX_DUPLICATE_KEYS - 1));
            assertThat(c.moreKeysDiffer()).isTrue();
        }

        @Test
        void aStateDifferenceNamesOperatorStateKeyAndBothValues() {
            OutputComparison c = OutputComparison.compare(REFERENCE, REFERENCE, state("a", 2L, "b", 2L), state("a", 1L, "b", 2L));

            assertThat(c.stateDifference()).isEqualTo(new StateDifference("counter", "count", "a", "2", "1",
                    "counter/count[a]: expected 2, was 1"));
        }

        @Test
        void aKeyTheRunLacksHasNoActualValue() {
            OutputComparison c = OutputComparison.compare(REFERENCE, REFERENCE, state("a", 2L, "b", 2L), state("a", 2L));

            assertThat(c.stateDifference().key()).isEqualTo("b");
            assertThat(c.stateDifference().expected()).isEqualTo("2");
            assertThat(c.stateDifference().actual()).isNull();
        }
    }

    @Nested
    class Differences {

        @Test
        void sameLinesInAnotherOrderAreEqual() {
            OutputComparison c = compare(List.of("b,2", "c,1", "a,2", "b,1", "a,1"));

            assertThat(c.outputEqual()).isTrue();
            assertThat(c.missing()).isZero();
            assertThat(c.duplicates()).isZero();
            assertThat(c.unexpected()).isZero();
            assertThat(c.referenceRecords()).isEqualTo(5);
            assertThat(c.actualRecords()).isEqualTo(5);
            assertThat(c.examples()).isEmpty();
        }

        @Test
        void lostLinesAreCountedAsMissing() {
            OutputComparison c = compare(List.of("a,1", "b,1", "b,2"));

            assertThat(c.outputEqual()).isFalse();
            assertThat(c.missing()).isEqualTo(2);
            assertThat(c.duplicates()).isZero();
            assertThat(c.unexpected()).isZero();
            assertThat(c.examples()).contains("missing: a,2", "missing: c,1");
        }

        @Test
        void aLineTheReferenceHasTwiceButTheRunOnceIsOneMissing() {
            OutputComparison c = OutputComparison.compare(List.of("x", "x", "y"), List.of("x", "y"), Map.of(), Map.of());

            assertThat(c.missing()).isEqualTo(1);
            assertThat(c.examples()).containsExactly("missing: x");
        }

        @Test
        void extraOccurrencesAreDuplicatesCountedPerKey() {
            OutputComparison c = compare(List.of("a,1", "b,1", "a,2", "c,1", "b,2", "a,1", "a,2", "b,1"));

            assertThat(c.missing()).isZero();
            assertThat(c.duplicates()).isEqualTo(3);
            assertThat(c.unexpected()).isZero();
            assertThat(c.duplicatesByKey()).containsExactly(Map.entry("a", 2L), Map.entry("b", 1L));
            assertThat(c.examples()).contains("duplicate: a,1");
        }

        @Test
        void linesTheReferenceNeverProducedAreUnexpected() {
            // a count restarted from zero after a bad recovery: "a,1" again and an "a,3" never seen
            OutputComparison c = compare(List.of("a,1", "b,1", "a,2", "c,1", "b,2", "d,1", "a,3"));

            assertThat(c.unexpected()).isEqualTo(2);
            assertThat(c.duplicates()).isZero();
            assertThat(c.missing()).isZero();
            assertThat(c.duplicatesByKey()).isEmpty();
            assertThat(c.examples()).contains("unexpected: d,1", "unexpected: a,3");
        }

        @Test
        void lossDuplicatesAndUnexpectedLinesAreFoundTogether() {
            OutputComparison c = compare(List.of("a,1", "a,1", "z,9"));

            assertThat(c.missing()).isEqualTo(4);
            assertThat(c.duplicates()).isEqualTo(1);
            assertThat(c.unexpected()).isEqualTo(1);
            assertThat(c.actualRecords()).isEqualTo(3);
        }

        @Test
        void anEmptyRunLosesEverything() {
            OutputComparison c = compare(List.of());

            assertThat(c.missing()).isEqualTo(REFERENCE.size());
            assertThat(c.outputEqual()).isFalse();
        }

        @Test
        void examplesAreCapped() {
            OutputComparison c = compare(List.of("u1", "u2", "u3", "u4", "u5", "u6", "u7"));

            assertThat(c.unexpected()).isEqualTo(7);
            assertThat(c.examples()).hasSize(5);
        }

        @Test
        void equalKeyedStateIsEqual() {
            OutputComparison c = OutputComparison.compare(REFERENCE, REFERENCE, state("a", 2L, "b", 2L), state("a", 2L, "b", 2L));

            assertThat(c.stateEqual()).isTrue();
        }

        @Test
        void aDifferentValueInTheFinalStateIsReportedWithItsKey() {
            OutputComparison c = OutputComparison.compare(REFERENCE, REFERENCE, state("a", 2L, "b", 2L), state("a", 1L, "b", 2L));

            assertThat(c.outputEqual()).isTrue();
            assertThat(c.stateEqual()).isFalse();
            assertThat(c.examples()).singleElement().asString()
                    .contains("final keyed state differs").contains("counter/count[a]").contains("expected 2, was 1");
        }

        @Test
        void aKeyMissingFromOrAddedToTheFinalStateIsADifference() {
            OutputComparison lost = OutputComparison.compare(REFERENCE, REFERENCE, state("a", 2L, "b", 2L), state("a", 2L));
            OutputComparison added = OutputComparison.compare(REFERENCE, REFERENCE, state("a", 2L), state("a", 2L, "b", 2L));

            assertThat(lost.stateEqual()).isFalse();
            assertThat(added.stateEqual()).isFalse();
        }
    }

    @Nested
    class Verdicts {

        private final OutputComparison equal = compare(REFERENCE);
        private final OutputComparison duplicated = compare(List.of("a,1", "b,1", "a,2", "c,1", "b,2", "a,1"));
        private final OutputComparison inflated = compare(List.of("a,1", "b,1", "a,2", "c,1", "b,2", "a,3"));
        private final OutputComparison lost = compare(List.of("a,1", "b,1", "a,2", "c,1"));
        private final OutputComparison stateOnly = OutputComparison.compare(REFERENCE, REFERENCE, state("a", 2L), state("a", 3L));

        @Test
        void equivalentIsValidOnlyForEqualOutputAndState() {
            assertThat(Verdict.judge("equivalent", equal).outcome()).isEqualTo(Outcome.VALID);
            assertThat(Verdict.judge("equivalent", duplicated).outcome()).isEqualTo(Outcome.INVALID);
            assertThat(Verdict.judge("equivalent", inflated).outcome()).isEqualTo(Outcome.INVALID);
            assertThat(Verdict.judge("equivalent", lost).outcome()).isEqualTo(Outcome.INVALID);
            assertThat(Verdict.judge("equivalent", stateOnly).outcome()).isEqualTo(Outcome.INVALID);
        }

        @Test
        void anInvalidVerdictSaysWhatWentWrong() {
            assertThat(Verdict.judge("equivalent", lost).reason()).contains("1 records lost");
            assertThat(Verdict.judge("equivalent", duplicated).reason()).contains("1 duplicates");
            assertThat(Verdict.judge("equivalent", inflated).reason()).contains("1 unexpected records");
            assertThat(Verdict.judge("equivalent", stateOnly).reason()).contains("final keyed state differs");
            assertThat(Verdict.judge("equivalent", lost).comparison()).isSameAs(lost);
            assertThat(Verdict.judge("equivalent", lost).expectation()).isEqualTo("equivalent");
        }

        @Test
        void duplicatesAllowedToleratesDuplicatesAndInflationButNotLoss() {
            assertThat(Verdict.judge("duplicates-allowed", equal).outcome()).isEqualTo(Outcome.VALID);
            assertThat(Verdict.judge("duplicates-allowed", duplicated).outcome()).isEqualTo(Outcome.VALID);
            assertThat(Verdict.judge("duplicates-allowed", inflated).outcome()).isEqualTo(Outcome.VALID);
            assertThat(Verdict.judge("duplicates-allowed", lost).outcome()).isEqualTo(Outcome.INVALID);
            assertThat(Verdict.judge("duplicates-allowed", duplicated).reason()).contains("1 duplicate");
        }

        @Test
        void divergenceIsValidOnlyWhenTheRunDiffers() {
            assertThat(Verdict.judge("divergence", equal).outcome()).isEqualTo(Outcome.INVALID);
            assertThat(Verdict.judge("divergence", duplicated).outcome()).isEqualTo(Outcome.VALID);
            assertThat(Verdict.judge("divergence", lost).outcome()).isEqualTo(Outcome.VALID);
            assertThat(Verdict.judge("divergence", stateOnly).outcome()).isEqualTo(Outcome.VALID);
        }

        @Test
        void anUnfinishedRunIsUnknownWithoutAComparison() {
            Verdict v = Verdict.unknown("equivalent", "the run did not end within 10 s");

            assertThat(v.outcome()).isEqualTo(Outcome.UNKNOWN);
            assertThat(v.comparison()).isNull();
            assertThat(v.reason()).isEqualTo("the run did not end within 10 s");
            assertThat(v.expectation()).isEqualTo("equivalent");
        }

        @Test
        void outcomesMapToTheExitCodes() {
            assertThat(Outcome.VALID.exitCode()).isZero();
            assertThat(Outcome.INVALID.exitCode()).isEqualTo(1);
            assertThat(Outcome.UNKNOWN.exitCode()).isEqualTo(2);
        }

        @Test
        void anUnknownExpectationIsRefused() {
            assertThatThrownBy(() -> Verdict.judge("close-enough", equal)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("close-enough");
        }
    }
}
