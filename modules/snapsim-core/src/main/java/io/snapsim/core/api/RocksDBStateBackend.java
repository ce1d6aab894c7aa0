package io.snapsim.core.api;

/**
 * The source document's form: {@code new RocksDBStateBackend("file:///checkpoints-data/")}. Keyed
 * state lives in RocksDB, and the argument is this job's checkpoint directory (it overrides
 * {@code state.checkpoints.dir}). Only plain paths and {@code file://} URIs are supported; another
 * scheme such as {@code hdfs://} is refused when the job starts, with a message naming it.
 */
public final class RocksDBStateBackend extends EmbeddedRocksDBStateBackend {
    private final String checkpointDirectory;

    public RocksDBStateBackend(String checkpointDirectory) {
        this(checkpointDirectory, false);
    }

    public RocksDBStateBackend(String checkpointDirectory, boolean incremental) {
        super(incremental);
        this.checkpointDirectory = checkpointDirectory;
    }

    @Override
    public String checkpointDirectory() {
        return checkpointDirectory;
    }
}
