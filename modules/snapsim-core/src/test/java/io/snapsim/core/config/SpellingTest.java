package io.snapsim.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpellingTest {

    private static final List<String> KEYS = List.of("parallelism", "seed", "sink", "faults");

    @Test
    void countsInsertionsDeletionsAndSubstitutions() {
        assertThat(Spelling.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Spelling.distance("", "abc")).isEqualTo(3);
        assertThat(Spelling.distance("same", "same")).isZero();
    }

    @Test
    void suggestsTheClosestCandidate() {
        assertThat(Spelling.closest("parralelism", KEYS)).contains("parallelism");
        assertThat(Spelling.closest("sed", KEYS)).contains("seed");
        assertThat(Spelling.didYouMean("fualts", KEYS)).isEqualTo("; did you mean 'faults'?");
    }

    @Test
    void suggestsTheFullNameOfAnAbbreviation() {
        assertThat(Spelling.closest("para", KEYS)).contains("parallelism");
        assertThat(Spelling.closest("pa", List.of("parallelism"))).isEmpty();
    }

    @Test
    void suggestsTheFullKeyWhenItsPrefixIsLeftOut() {
        assertThat(Spelling.closest("checkpointing.interval", List.of("execution.checkpointing.interval", "interval")))
                .contains("execution.checkpointing.interval");
    }

    @Test
    void suggestsNothingWhenEveryCandidateIsFarOff() {
        assertThat(Spelling.closest("checkpoint-storage", KEYS)).isEmpty();
        assertThat(Spelling.didYouMean("checkpoint-storage", KEYS)).isEmpty();
    }

    @Test
    void breaksTiesAlphabeticallySoHintsAreStable() {
        assertThat(Spelling.closest("sxxd", List.of("sxxe", "sxxa"))).contains("sxxa");
    }
}
