package io.snapsim.core.explain;

import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.JobEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A checkpoint's life told from a run's history: its trigger, the barriers through the job, the
 * alignments, snapshots and acknowledgements, its completion or abort and why, the notices and sink
 * commits, and the restores of it; or, for every checkpoint of the run, one line each. What
 * {@code snapsim explain} prints. Immutable; pure.
 */
public final class CheckpointNarrative {
    private final List<HistoryEvent> events;
    private final RunFacts facts;

    public CheckpointNarrative(List<HistoryEvent> events, RunFacts facts) {
        this.events = List.copyOf(events);
        this.facts = Objects.requireNonNull(facts, "facts");
    }

    /** The ids of the checkpoints and savepoints the history triggered, in trigger order. */
    public List<Long> checkpoints() {
        JobView view = new JobView();
        events.forEach(view::apply);
        return view.checkpoints().stream().map(CheckpointView::id).toList();
    }

    /**
     * The story of checkpoint {@code id}: a heading, then one line per event about it (and the
     * failures while it was pending), each with its time, actor and explanation.
     *
     * @return empty when the history never triggered {@code id}
     */
    public Optional<List<String>> of(long id) {
        Explainer explainer = new Explainer(facts);
        List<String> lines = new ArrayList<>();
        for (HistoryEvent event : events) {
            boolean pending = explainer.view().checkpoint(id)
                    .filter(c -> c.status() == CheckpointView.Status.PENDING).isPresent();
            if (Objects.equals(CheckpointOf.of(event), id) || pending && isFailure(event)) {
                lines.add("  t=" + event.time() + " ms  " + event.actor() + ": " + explainer.explain(event));
            } else {
                explainer.skip(event);
            }
        }
        return explainer.view().checkpoint(id).map(c -> {
            List<String> story = new ArrayList<>();
            story.add(CheckpointSummary.heading(c));
            story.addAll(lines);
            return story;
        });
    }

    /** One line per checkpoint: how far its barriers got, its alignments, acknowledgements, end and commits. */
    public List<String> summaries() {
        JobView view = new JobView();
        List<CheckpointSummary> summaries = new ArrayList<>();
        for (HistoryEvent event : events) {
            view.apply(event);
            view.checkpoints().stream().skip(summaries.size()).forEach(c -> summaries.add(new CheckpointSummary(c.id())));
            Long checkpoint = CheckpointOf.of(event);
            summaries.stream().filter(s -> Objects.equals(s.id(), checkpoint)).forEach(s -> s.add(event));
        }
        return summaries.stream().map(s -> s.line(view.checkpoint(s.id()).orElseThrow())).toList();
    }

    private static boolean isFailure(HistoryEvent event) {
        return event instanceof JobEvents.Failover || event instanceof JobEvents.CoordinatorCrashed;
    }
}
