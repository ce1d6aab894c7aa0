package io.snapsim.report;

import io.snapsim.core.run.RunInputs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cut: a space-time diagram of one checkpoint, chosen among the completed and failed ones. A
 * lane per task, the cut line through each task where it took its snapshot, the barriers, the
 * channels blocked during alignment and the records they held for the next epoch, and any record
 * that crossed the cut, with a paragraph saying in plain words why the snapshot is (or is not)
 * consistent. Drawn by the page's script from {@link CutData}.
 */
final class CutSection implements ReportSection {
    /** The model of the page being written: body and data are asked for one after the other. */
    private ReportInput modelled;
    private Model model;

    @Override
    public String id() {
        return "cut";
    }

    @Override
    public String title() {
        return "The cut";
    }

    @Override
    public String body(ReportInput input) {
        Model model = model(input);
        if (model.cuts().isEmpty()) {
            return "<p class=\"muted\">No checkpoint was triggered in this run, so there is no cut to draw.</p>";
        }
        StringBuilder html = new StringBuilder("<div class=\"tl-controls\"><label>checkpoint <select class=\"cut-select\">");
        for (int i = 0; i < model.cuts().size(); i++) {
            CheckpointCut cut = model.cuts().get(i);
            html.append("<option value=\"").append(i).append('"').append(i == model.first() ? " selected" : "")
                    .append('>').append(Html.text(optionLabel(cut))).append("</option>");
        }
        html.append("</select></label><span class=\"muted tl-hint\">The cut runs through each task where it took"
                + " its snapshot: what lies left of it is in the checkpoint. Hover a barrier or a blocked channel"
                + " for its counts.</span></div>");
        String explanation = CutExplanation.of(model.cuts().get(model.first()), model.tasks(), model.aligned());
        html.append("<p class=\"cut-explanation\">").append(Html.text(explanation)).append("</p>")
                .append(CutLegend.html())
                .append("<div class=\"tl-frame cut-frame\"><svg class=\"cut-svg\" xmlns=\"http://www.w3.org/2000/svg\""
                        + " role=\"img\" aria-label=\"space-time diagram of the chosen checkpoint\"></svg></div>")
                .append("<div class=\"cut-table\"></div>");
        return html.toString();
    }

    private static String optionLabel(CheckpointCut cut) {
        return "chk " + cut.id + " · " + cut.status + " · " + cut.kind + " · attempt " + cut.attempt;
    }

    @Override
    public Map<String, Object> data(ReportInput input) {
        Model model = model(input);
        if (model.cuts().isEmpty()) {
            return Map.of();
        }
        List<String> lanes = new ArrayList<>(List.of(Lanes.COORDINATOR));
        lanes.addAll(model.tasks());
        Map<String, Integer> laneIndex = new HashMap<>();
        for (int i = 0; i < lanes.size(); i++) {
            laneIndex.put(lanes.get(i), i);
        }
        List<Object> checkpoints = new ArrayList<>();
        for (CheckpointCut cut : model.cuts()) {
            checkpoints.add(cut.toMap(laneIndex, CutExplanation.of(cut, model.tasks(), model.aligned())));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("lanes", lanes);
        data.put("aligned", model.aligned());
        data.put("first", model.first());
        data.put("checkpoints", checkpoints);
        return data;
    }

    @Override
    public List<String> scripts() {
        return List.of("svg-kit.js", "lane-view.js", "cut-layout.js", "cut-draw.js", "cut-table.js", "cut.js");
    }

    /** The cuts of the run, its tasks in lane order, whether it aligns, and the cut shown first. */
    private record Model(List<CheckpointCut> cuts, List<String> tasks, boolean aligned, int first) {
    }

    private Model model(ReportInput input) {
        if (input != modelled) {
            model = modelOf(input);
            modelled = input;
        }
        return model;
    }

    private static Model modelOf(ReportInput input) {
        List<CheckpointCut> cuts = CutData.cuts(input.history());
        List<String> names = Lanes.of(input.history()).names();
        List<String> tasks = names.subList(Lanes.FIRST_TASK, names.size());
        return new Model(cuts, tasks, aligned(input.record().inputs()), first(cuts, tasks));
    }

    /** Whether the run aligns barriers: EXACTLY_ONCE, the default, unless the configuration says AT_LEAST_ONCE. */
    static boolean aligned(RunInputs inputs) {
        RunInputs.ConfigValue mode = inputs.configuration().get("execution.checkpointing.mode");
        return mode == null || !mode.value().trim().equalsIgnoreCase("AT_LEAST_ONCE");
    }

    /**
     * The completed checkpoint with the most to show, the latest of equals: the most records held
     * behind barriers, or that overtook one (AT_LEAST_ONCE); the last checkpoint when none completed.
     */
    static int first(List<CheckpointCut> cuts, List<String> tasks) {
        int best = cuts.size() - 1;
        long bestWeight = -1;
        for (int i = 0; i < cuts.size(); i++) {
            CheckpointCut cut = cuts.get(i);
            long weight = cut.channels.stream().mapToLong(c -> c.held == null ? 0 : c.held).sum()
                    + tasks.stream().map(cut::overtaken).mapToLong(n -> n == null ? 0 : n).sum();
            if (cut.completed() && weight >= bestWeight) {
                best = i;
                bestWeight = weight;
            }
        }
        return best;
    }
}
