package io.snapsim.core.explain;

import io.snapsim.core.history.HistoryEvent;

/**
 * How to explain one kind of event: a plain-language sentence of why it happened and what it
 * means, given the job as the events before it told it ({@code before}) and the run's facts.
 */
@FunctionalInterface
interface Rule<E extends HistoryEvent> {
    String explain(E event, JobView before, RunFacts facts);
}
