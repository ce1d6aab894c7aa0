package io.snapsim.core.explain;

import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.JobEvents;
import io.snapsim.core.history.TaskEvents;
import java.lang.reflect.RecordComponent;
import java.util.Optional;

/**
 * Which checkpoint an event is about: its {@code checkpoint} field (a trigger, a barrier, an
 * acknowledgement, a sink's transaction, a restore, a deployment that restores it), or none.
 * Stateless.
 */
final class CheckpointOf {
    private CheckpointOf() {
    }

    /** The checkpoint {@code event} names, or null. */
    static Long of(HistoryEvent event) {
        if (event instanceof JobEvents.Deployed d) {
            return d.checkpoint();
        }
        if (event instanceof TaskEvents.Snapshot s) {
            return s.checkpoint();
        }
        return component(event.getClass()).map(c -> value(c, event)).orElse(null);
    }

    private static Optional<RecordComponent> component(Class<?> type) {
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getName().equals("checkpoint")) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static Long value(RecordComponent component, HistoryEvent event) {
        try {
            Object value = component.getAccessor().invoke(event);
            return value == null ? null : ((Number) value).longValue();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the checkpoint of " + event, e);
        }
    }
}
