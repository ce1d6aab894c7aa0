package io.snapsim.core.storage;

/** Whether a snapshot is a system-owned checkpoint or a user-owned savepoint. */
public enum SnapshotKind {
    CHECKPOINT,
    SAVEPOINT
}
