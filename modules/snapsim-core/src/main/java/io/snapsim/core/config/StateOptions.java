package io.snapsim.core.config;

/** Options about the state backend and about the snapshot a job starts from. */
public final class StateOptions {

    private StateOptions() {}

    public static final ConfigOption<StateBackendType> BACKEND_TYPE =
            ConfigOption.of("state.backend.type", ConfigValues.enumeration(StateBackendType.class))
                    .withFallbackKeys("state.backend")
                    .withDefault(StateBackendType.HASHMAP)
                    .withDescription("hashmap keeps state on the heap; rocksdb in an LSM store.");

    public static final ConfigOption<String> RECOVERY_PATH =
            ConfigOption.of("execution.state-recovery.path", ConfigValues.nonBlankString())
                    .withFallbackKeys("execution.savepoint.path")
                    .withDescription("Snapshot (checkpoint or savepoint) to start from, like 'flink run -s PATH'.");

    public static final ConfigOption<RecoveryClaimMode> RECOVERY_CLAIM_MODE =
            ConfigOption.of("execution.state-recovery.claim-mode", ConfigValues.enumeration(RecoveryClaimMode.class))
                    .withFallbackKeys("execution.savepoint-restore-mode")
                    .withDefault(RecoveryClaimMode.NO_CLAIM)
                    .withDescription("CLAIM: the job owns and later deletes the restored snapshot;"
                            + " NO_CLAIM: it never touches it.");

    public static final ConfigOption<Boolean> IGNORE_UNCLAIMED_STATE =
            ConfigOption.of("execution.state-recovery.ignore-unclaimed-state", ConfigValues.bool())
                    .withFallbackKeys("execution.savepoint.ignore-unclaimed-state")
                    .withDefault(false)
                    .withDescription("Allow resuming when the snapshot holds state of an operator the job no longer has"
                            + " ('flink run --allowNonRestoredState').");
}
