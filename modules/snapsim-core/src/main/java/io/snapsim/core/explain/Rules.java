package io.snapsim.core.explain;

import io.snapsim.core.history.HistoryEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The explanation rule of every kind of history event, registered by the classes that write them
 * ({@link JobExplanations}, {@link CheckpointExplanations}, {@link BarrierExplanations},
 * {@link TaskExplanations}, {@link SinkExplanations}, {@link FaultExplanations}). Immutable after
 * construction, so one instance serves every thread.
 */
final class Rules {
    private final Map<Class<?>, Rule<?>> rules;

    Rules() {
        Registry registry = new Registry();
        JobExplanations.register(registry);
        CheckpointExplanations.register(registry);
        BarrierExplanations.register(registry);
        TaskExplanations.register(registry);
        SinkExplanations.register(registry);
        FaultExplanations.register(registry);
        this.rules = Map.copyOf(registry.rules);
    }

    /** Where the explanation classes register their rules while a {@link Rules} is built. */
    static final class Registry {
        private final Map<Class<?>, Rule<?>> rules = new HashMap<>();

        <E extends HistoryEvent> void add(Class<E> type, Rule<E> rule) {
            if (rules.put(type, rule) != null) {
                throw new IllegalStateException("two explanations of " + type.getSimpleName());
            }
        }
    }

    Set<Class<?>> covered() {
        return Set.copyOf(rules.keySet());
    }

    @SuppressWarnings("unchecked")
    <E extends HistoryEvent> String explain(E event, JobView before, RunFacts facts) {
        Rule<E> rule = (Rule<E>) rules.get(event.getClass());
        if (rule == null) {
            throw new IllegalStateException("no explanation of " + event.type() + " events");
        }
        return rule.explain(event, before, facts);
    }
}
