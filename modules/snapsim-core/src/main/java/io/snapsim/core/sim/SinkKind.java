package io.snapsim.core.sim;

import java.util.Locale;

/** How the job's sink writes its output; {@code sink:} in a simulation file. */
public enum SinkKind {
    /** Two-phase commit: output becomes visible only when its checkpoint completes. */
    TRANSACTIONAL,
    /** Output is visible at once, so a replay after recovery shows up as duplicates. */
    PLAIN,
    /**
     * DELIBERATELY BROKEN, for teaching and for testing the checker: a two-phase-commit sink that
     * commits at pre-commit (on snapshot) instead of when the checkpoint completes. When that
     * checkpoint then fails, the committed data is replayed and appears twice.
     */
    EAGER_COMMIT;

    /** The spelling in simulation files, e.g. {@code transactional}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
