package io.snapsim.report;

import io.snapsim.core.run.RunInputs;

/** The run at a glance: simulation, seed and verdict. */
final class HeaderSection implements ReportSection {
    @Override
    public String id() {
        return "run";
    }

    @Override
    public String title() {
        return "Run";
    }

    @Override
    public String body(ReportInput input) {
        RunInputs in = input.record().inputs();
        return "<dl class=\"facts\"><dt>simulation</dt><dd>" + Html.text(in.simulation()) + "</dd>"
                + "<dt>seed</dt><dd>" + in.seed() + "</dd>"
                + "<dt>verdict</dt><dd class=\"verdict " + Html.text(input.verdict().outcome().name().toLowerCase())
                + "\">" + Html.text(input.verdict().outcome()) + ": " + Html.text(input.verdict().reason()) + "</dd></dl>";
    }
}
