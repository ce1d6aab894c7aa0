package io.snapsim.runtime.sim;

import io.snapsim.core.history.History;
import io.snapsim.core.history.HistoryEvent;

/** A run's history that hands each event, once written and flushed, to a {@link RunTap}. Confined to the run's driver thread. */
final class TappedHistory implements History {
    private final History file;
    private final RunTap tap;

    TappedHistory(History file, RunTap tap) {
        this.file = file;
        this.tap = tap;
    }

    @Override
    public void append(HistoryEvent event) {
        file.append(event);
        file.flush();
        tap.onEvent(event);
    }

    @Override
    public void flush() {
        file.flush();
    }

    /** The file is closed by whoever opened it. */
    @Override
    public void close() {
    }
}
