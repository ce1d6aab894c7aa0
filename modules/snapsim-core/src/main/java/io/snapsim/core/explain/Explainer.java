package io.snapsim.core.explain;

import io.snapsim.core.history.HistoryEvent;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a run's history events, one after the other, into plain-language sentences of why each
 * happened and what it means: "barrier 3 reached map#1 on its channel from source#0 first; map#1
 * stops reading that channel until barrier 3 arrives on its other inputs (from source#1): this is
 * alignment". Each event is explained in the context of the events before it (a {@link JobView}),
 * then taken into that context. Pure: no actors, no clock; what {@code snapsim step} and
 * {@code snapsim explain} print. Confined to one thread; feed it the events in history order.
 */
public final class Explainer {
    private static final Rules RULES = new Rules();

    private final RunFacts facts;
    private final JobView view = new JobView();

    public Explainer(RunFacts facts) {
        this.facts = Objects.requireNonNull(facts, "facts");
    }

    /** Why {@code event} happened and what it means, given the events explained before it; then takes it in. */
    public String explain(HistoryEvent event) {
        String sentence = RULES.explain(event, view, facts);
        view.apply(event);
        return sentence;
    }

    /** Takes {@code event} in without explaining it (to catch up on events nobody reads). */
    public void skip(HistoryEvent event) {
        view.apply(event);
    }

    /** The job as the events so far told it. */
    public JobView view() {
        return view;
    }

    /** The event classes that have an explanation. */
    public static Set<Class<?>> explainedTypes() {
        return RULES.covered();
    }
}
