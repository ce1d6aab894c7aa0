package io.snapsim.report;

import io.snapsim.core.run.RunFolder;
import io.snapsim.core.run.RunRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The smallest fault plan that still fails the way this run did, when {@code snapsim run --shrink}
 * shrank this run's plan and left it in the folder ({@code shrunk-plan.yaml}), with the command
 * that replays it. Stateless.
 */
final class ShrunkPlan {
    private ShrunkPlan() {
    }

    static String render(RunRecord record) {
        Path file = record.runDir().resolve(RunFolder.SHRUNK_PLAN);
        if (!Files.isRegularFile(file)) {
            return "";
        }
        String plan;
        try {
            plan = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return "<h3>Shrunk fault plan</h3><p><code>run --shrink</code> reduced this run's plan of "
                + Format.plural(record.inputs().faults().size(), "fault") + " to the smallest one that still fails the"
                + " same way (without any one of its faults the run passes), kept in <code>" + RunFolder.SHRUNK_PLAN
                + "</code>:</p><pre class=\"shrunk-plan\">" + Html.text(plan) + "</pre>"
                + ReplayCommand.ofShrunk(record.inputs(), file).map(command -> "<p>replay it: <code class=\"command\">"
                + Html.text(command) + "</code></p>").orElse("");
    }
}
