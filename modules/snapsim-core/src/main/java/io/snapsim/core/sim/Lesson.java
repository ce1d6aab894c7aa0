package io.snapsim.core.sim;

import java.util.List;
import java.util.Objects;

/**
 * The teaching text of a lesson simulation ({@code lesson:} in its file): what it is about, what
 * to watch for while it runs, and questions for students. Shown by {@code snapsim step} before the
 * first event, recorded in {@code run.json}, and shown in the run report. Immutable.
 *
 * @param title     the lesson's title, one line
 * @param watch     what to look for, in {@code step}, {@code explain} and the report
 * @param questions questions for students, in order; at least one
 */
public record Lesson(String title, String watch, List<String> questions) {

    public Lesson {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(watch, "watch");
        questions = List.copyOf(questions);
    }
}
