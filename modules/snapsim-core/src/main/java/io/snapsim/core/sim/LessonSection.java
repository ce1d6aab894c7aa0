package io.snapsim.core.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a simulation file's {@code lesson:} block: {@code title} (one line), {@code watch} (what to
 * look for) and {@code questions} (a list of at least one), every one of them required, every other
 * key refused. Stateless.
 */
final class LessonSection {
    static final List<String> KEYS = List.of("title", "watch", "questions");

    private LessonSection() {
    }

    /** The lesson, or null when the file has no {@code lesson:} block. */
    static Lesson lesson(SpecNode node) {
        if (node.isAbsent()) {
            return null;
        }
        Map<String, SpecNode> fields = node.fields(KEYS, "a mapping with title, watch and questions");
        String title = SpecNode.field(fields, node, "title").nonBlankText().strip();
        if (title.contains("\n")) {
            throw SpecNode.field(fields, node, "title").error("must be one line");
        }
        String watch = SpecNode.field(fields, node, "watch").nonBlankText().strip();
        SpecNode questionsNode = SpecNode.field(fields, node, "questions");
        if (questionsNode.isAbsent()) {
            throw questionsNode.error("missing value: a lesson asks at least one question");
        }
        List<String> questions = new ArrayList<>();
        for (SpecNode question : questionsNode.elements("a list of questions")) {
            questions.add(question.nonBlankText().strip());
        }
        if (questions.isEmpty()) {
            throw questionsNode.error("must not be empty: a lesson asks at least one question");
        }
        return new Lesson(title, watch, questions);
    }
}
