package io.snapsim.report;

import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.JobEvents;
import io.snapsim.core.job.JobStatus;
import io.snapsim.core.run.RunRecord;
import io.snapsim.core.verdict.FaultReport;
import io.snapsim.core.verdict.OutputComparison;
import io.snapsim.core.verdict.Verdict;
import java.util.Locale;

/**
 * How the run ended against what it expected: the outcome explained, the comparison with the
 * failure-free run (what matches for a VALID run; for a divergence the first divergent record and
 * key with both sides' values, and lost and duplicate counts per key), and the shrunk fault plan
 * when {@code run --shrink} left one in the folder.
 */
final class OutcomeSection implements ReportSection {
    @Override
    public String id() {
        return "outcome";
    }

    @Override
    public String title() {
        return "Outcome";
    }

    @Override
    public String body(ReportInput input) {
        Verdict verdict = input.verdict();
        StringBuilder html = new StringBuilder("<p class=\"verdict-line\"><span class=\"verdict ")
                .append(verdict.outcome().name().toLowerCase(Locale.ROOT)).append("\">").append(verdict.outcome())
                .append("</span> (expected ").append(Html.text(verdict.expectation())).append("): ")
                .append(Html.text(verdict.reason())).append("</p><p class=\"explanation\">")
                .append(explanation(input)).append("</p>");
        OutputComparison c = verdict.comparison();
        if (c != null) {
            boolean partial = input.record().run() != null && input.record().run().status() != JobStatus.FINISHED;
            html.append(counts(c, partial));
            if (!c.outputEqual() || !c.stateEqual()) {
                html.append(DivergenceHtml.render(input.record(), c, partial));
            }
        }
        return html.append(ShrunkPlan.render(input.record())).toString();
    }

    /** What the outcome means for this run, in words. */
    private static String explanation(ReportInput input) {
        Verdict verdict = input.verdict();
        RunRecord record = input.record();
        return switch (verdict.outcome()) {
            case VALID -> "The run met its expectation (<code>" + Html.text(verdict.expectation()) + "</code>)"
                    + (verdict.comparison() != null && verdict.comparison().outputEqual() && verdict.comparison().stateEqual()
                    ? ": everything it committed, and its final keyed state, equal the failure-free reference run's."
                    : ": the differences below are the ones the simulation expects.");
            case INVALID -> "The run did not meet its expectation (<code>" + Html.text(verdict.expectation())
                    + "</code>): the checker found a divergence from the failure-free reference run it was not told to"
                    + " expect. Exit code 1 means this and nothing else.";
            case NOT_FIRED -> "A planned fault that had to fire never did, so the run tested nothing about it, whatever"
                    + " its output. " + unfired(record.faults()) + " Place the fault where the run gets to (an earlier"
                    + " record or checkpoint), or mark it <code>optional: true</code> if the run may pass without it.";
            case UNRECOVERABLE -> "Storage damage, asked for by the plan, hit every retained checkpoint: the job had"
                    + " nothing intact to restore from and failed cleanly, as Flink's does" + damaged(input)
                    + ". What it committed before is consistent with the failure-free run: an expected outcome, counted"
                    + " apart from UNKNOWN.";
            case UNKNOWN -> "The run could not be judged: " + Html.text(verdict.reason()) + ". Nothing can be said about"
                    + " its output (a timeout, a failure the plan did not ask for, a reference that did not finish); the"
                    + " history above shows how far it got.";
        };
    }

    private static String unfired(FaultReport faults) {
        StringBuilder text = new StringBuilder();
        for (FaultReport.Entry entry : faults.entries()) {
            if (!entry.fired() && entry.fault().mustFire()) {
                text.append(text.isEmpty() ? "Never fired: " : ", ").append("<code>[").append(entry.index()).append("] ")
                        .append(Html.text(entry.description())).append("</code>");
            }
        }
        return text.isEmpty() ? "" : text + ".";
    }

    private static String damaged(ReportInput input) {
        StringBuilder text = new StringBuilder();
        for (HistoryEvent event : input.history()) {
            if (event instanceof JobEvents.CheckpointDamaged d) {
                text.append(text.isEmpty() ? " (damaged: " : "; ").append("checkpoint ").append(d.checkpoint()).append(": ")
                        .append(Html.text(d.reason()));
            }
        }
        return text.isEmpty() ? "" : text + ")";
    }

    /** The comparison's counts; {@code partial}: the job did not finish, so lines it never reached are not lost. */
    private static String counts(OutputComparison c, boolean partial) {
        return "<table class=\"comparison\"><tbody>"
                + row("records committed by the run", Format.count(c.actualRecords()), "")
                + row("records committed by the reference", Format.count(c.referenceRecords()), "")
                + row(partial ? "not reached before the job ended" : "lost", Format.count(c.missing()),
                        c.missing() > 0 && !partial ? "bad" : "")
                + row("duplicate", Format.count(c.duplicates()), c.duplicates() > 0 ? "bad" : "")
                + row("unexpected", Format.count(c.unexpected()), c.unexpected() > 0 ? "bad" : "")
                + "<tr><th>final keyed state</th><td>" + (partial ? "not compared (the job did not finish)"
                : c.stateEqual() ? "<span class=\"good\">equal</span>" : "<span class=\"bad\">different</span>")
                + "</td></tr></tbody></table>";
    }

    private static String row(String name, String value, String cssClass) {
        return "<tr><th>" + Html.text(name) + "</th><td class=\"num " + cssClass + "\">" + value + "</td></tr>";
    }
}
