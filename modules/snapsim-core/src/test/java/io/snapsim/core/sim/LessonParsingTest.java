package io.snapsim.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.InvalidInputException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code lesson:} block of a simulation file: read with the file, every problem one line naming the key. */
class LessonParsingTest {
    private static final Path FILE = Path.of("simulations", "lessons", "x.yaml");

    private final SimulationParser parser = new SimulationParser(new JobCatalog() {
        @Override
        public Set<String> jobNames() {
            return Set.of("running-sum");
        }

        @Override
        public Set<String> parameterNames(String job) {
            return Set.of("records");
        }
    });

    private SimulationSpec parse(String lesson) {
        return parser.parse("job: running-sum\nconfig: {execution.checkpointing.interval: 10 ms}\n" + lesson, FILE);
    }

    @Test
    void readsTheTitleWhatToWatchAndTheQuestions() {
        SimulationSpec spec = parse("""
                lesson:
                  title: Why barriers
                  watch: |
                    Step to the first trigger.
                    Then follow the barriers.
                  questions:
                    - Why not snapshot all at once?
                    - What is a cut?
                """);

        assertThat(spec.lesson()).isEqualTo(new Lesson("Why barriers", "Step to the first trigger.\nThen follow the barriers.",
                java.util.List.of("Why not snapshot all at once?", "What is a cut?")));
        assertThat(spec.withSeed(9).withFaults(java.util.List.of()).lesson()).as("kept by the copies").isEqualTo(spec.lesson());
    }

    @Test
    void aSimulationWithoutALessonHasNone() {
        assertThat(parse("").lesson()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "lesson: {watch: w, questions: [q]}|key 'lesson.title': missing value",
            "lesson: {title: '', watch: w, questions: [q]}|key 'lesson.title': must not be empty",
            "lesson: {title: t, questions: [q]}|key 'lesson.watch': missing value",
            "lesson: {title: t, watch: w}|key 'lesson.questions': missing value: a lesson asks at least one question",
            "lesson: {title: t, watch: w, questions: []}|key 'lesson.questions': must not be empty: a lesson asks at least one question",
            "lesson: {title: t, watch: w, questions: q}|key 'lesson.questions': expected a list of questions, got 'q'",
            "lesson: {title: t, watch: w, questions: [q], question: [r]}|key 'lesson.question': unknown key; did you mean 'questions'? (known keys: title, watch, questions)",
            "lesson: text|key 'lesson': expected a mapping with title, watch and questions, got 'text'",
    })
    void refusesABadLessonWithOneLineNamingTheKey(String lesson, String message) {
        assertThatThrownBy(() -> parse(lesson)).isInstanceOf(InvalidInputException.class)
                .hasMessage(FILE + ": " + message);
    }
}
