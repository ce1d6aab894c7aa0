package io.snapsim.core.config;

/** Options about the shape of the job: its parallelism and how many key groups it has. */
public final class PipelineOptions {

    /** Flink's upper bound on the number of key groups. */
    public static final int UPPER_BOUND_MAX_PARALLELISM = 1 << 15;

    private PipelineOptions() {}

    public static final ConfigOption<Integer> DEFAULT_PARALLELISM =
            ConfigOption.of("parallelism.default", ConfigValues.integer(1, Integer.MAX_VALUE))
                    .withDefault(1)
                    .withDescription("Parallelism of operators that do not set their own.");

    public static final ConfigOption<Integer> MAX_PARALLELISM =
            ConfigOption.of("pipeline.max-parallelism", ConfigValues.integer(1, UPPER_BOUND_MAX_PARALLELISM))
                    .withDescription("Number of key groups: the highest parallelism keyed state can be rescaled to."
                            + " Unset: each operator derives it from its parallelism (1.5 x parallelism rounded up to a"
                            + " power of two, at least 128, at most 32768).");
}
