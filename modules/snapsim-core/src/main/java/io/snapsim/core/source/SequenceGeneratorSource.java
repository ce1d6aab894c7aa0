package io.snapsim.core.source;

/**
 * A parallel, replayable generator: split {@code s} yields {@code generator(seed, s, i)} for
 * i = 0, 1, ..., {@code recordsPerSplit - 1} (unbounded when {@code recordsPerSplit} is
 * {@link Long#MAX_VALUE}). The same seed, split and index always give the same record.
 */
public final class SequenceGeneratorSource<T> implements ReplayableSource<T> {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final int splits;
    private final long recordsPerSplit;
    private final long seed;
    private final RecordGenerator<T> generator;

    public SequenceGeneratorSource(String name, int splits, long recordsPerSplit, long seed, RecordGenerator<T> generator) {
        if (splits < 1) {
            throw new IllegalArgumentException("splits must be >= 1, was " + splits);
        }
        if (recordsPerSplit < 0) {
            throw new IllegalArgumentException("recordsPerSplit must be >= 0, was " + recordsPerSplit);
        }
        this.name = name;
        this.splits = splits;
        this.recordsPerSplit = recordsPerSplit;
        this.seed = seed;
        this.generator = generator;
    }

    /**
     * {@code total} longs 0..total-1 spread over {@code splits} splits: split s yields s, s+splits, ...
     */
    public static SequenceGeneratorSource<Long> sequence(String name, long total, int splits) {
        long perSplit = (total + splits - 1) / splits;
        return new SequenceGeneratorSource<>(name, splits, perSplit, 0, new StridedSequence(total, splits));
    }

    /** A well-mixed 64-bit hash of (seed, split, index), for generators that need pseudo-random records. */
    public static long mix(long seed, int split, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + split * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int numberOfSplits() {
        return splits;
    }

    public long recordsPerSplit() {
        return recordsPerSplit;
    }

    @Override
    public SplitReader<T> createReader(int split, long position) {
        if (split < 0 || split >= splits) {
            throw new IllegalArgumentException("split " + split + " out of range [0, " + splits + ")");
        }
        return new Reader(split, position);
    }

    private final class Reader implements SplitReader<T> {
        private final int split;
        private long index;

        Reader(int split, long index) {
            this.split = split;
            this.index = index;
        }

        @Override
        public boolean hasNext() {
            return index < recordsPerSplit && generator.hasRecord(split, index, splits);
        }

        @Override
        public T next() {
            return generator.generate(seed, split, index++);
        }

        @Override
        public long position() {
            return index;
        }
    }

    private record StridedSequence(long total, int splits) implements RecordGenerator<Long> {
        @Override
        public Long generate(long seed, int split, long index) {
            return index * splits + split;
        }

        @Override
        public boolean hasRecord(int split, long index, int numSplits) {
            return index * splits + split < total;
        }
    }
}
