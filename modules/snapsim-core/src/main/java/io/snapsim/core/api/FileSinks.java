package io.snapsim.core.api;

import io.snapsim.core.sink.PlainFileSinkOperator;
import io.snapsim.core.sink.TransactionalFileSinkOperator;
import java.nio.file.Path;

/** The file sinks: transactional (two-phase commit on checkpoints) and plain (write at once). */
public final class FileSinks {
    private FileSinks() {
    }

    /** Exactly-once file sink: output becomes visible only when the checkpoint that covers it completes. */
    public static SinkDescriptor transactional(Path directory) {
        return () -> () -> new TransactionalFileSinkOperator(directory);
    }

    /**
     * DELIBERATELY BROKEN: a transactional sink that commits at pre-commit. For demonstrations of
     * what breaks, and for showing that the checker catches it; never for real output.
     */
    public static SinkDescriptor eagerCommitBroken(Path directory) {
        return () -> () -> new TransactionalFileSinkOperator(directory, true);
    }

    /** Drops every record (for benchmarks). */
    public static SinkDescriptor discarding() {
        return () -> io.snapsim.core.sink.DiscardingSinkOperator::new;
    }

    /** At-least-once file sink: output is visible at once; replay after a failure duplicates it. */
    public static SinkDescriptor plain(Path directory) {
        return () -> () -> new PlainFileSinkOperator(directory);
    }
}
