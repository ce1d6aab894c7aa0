package io.snapsim.report;

import io.snapsim.core.run.RunInputs;
import io.snapsim.core.sim.Lesson;

/**
 * The lesson's text, for a run of a lesson simulation ({@code lesson:} in its file, recorded in
 * {@code run.json}): its title, what to watch for, the questions for students, and the commands
 * that show the same run event by event. Absent from the page of a run that is no lesson.
 */
final class LessonSection implements ReportSection {
    @Override
    public boolean appliesTo(ReportInput input) {
        return input.record().inputs().lesson() != null;
    }

    @Override
    public String id() {
        return "lesson";
    }

    @Override
    public String title() {
        return "Lesson";
    }

    @Override
    public String body(ReportInput input) {
        RunInputs inputs = input.record().inputs();
        Lesson lesson = inputs.lesson();
        StringBuilder html = new StringBuilder();
        html.append("<p class=\"lesson-title\"><strong>").append(Html.text(lesson.title())).append("</strong></p>\n");
        html.append("<h3>What to watch</h3>\n");
        for (String paragraph : lesson.watch().split("\\n\\s*\\n")) {
            html.append("<p>").append(Html.text(paragraph.strip())).append("</p>\n");
        }
        html.append("<h3>Questions</h3>\n<ol class=\"lesson-questions\">");
        lesson.questions().forEach(q -> html.append("<li>").append(Html.text(q)).append("</li>"));
        html.append("</ol>\n<h3>See it event by event</h3>\n<pre>")
                .append(Html.text("scripts/snapsim step " + inputs.file() + "\nscripts/snapsim explain "
                        + input.record().runDir()))
                .append("</pre>");
        return html.toString();
    }
}
