package io.snapsim.core.state;

/**
 * Maps keys to key groups and key groups to subtasks, the way Flink shards keyed state.
 *
 * <p>A key always belongs to the same key group for a given max parallelism, whatever the
 * parallelism; a parallelism only decides which subtask owns which contiguous range of key
 * groups. That is what lets a snapshot taken at one parallelism be restored at another: the key
 * groups move between subtasks, the keys never move between key groups. Changing the max
 * parallelism, in contrast, reshuffles every key and is therefore refused on restore.
 *
 * <p>The key group of a key is derived from {@code key.hashCode()}, so keys need a hash code
 * that is the same in every JVM (strings, boxed numbers, records and lists of such). Top-level
 * enum constants are hashed by name, because their own hash code is an identity hash that
 * changes from run to run; arrays are refused because theirs is always an identity hash.
 *
 * <p>Stateless and pure; safe to call from any thread.
 */
public final class KeyGroups {
    /**
     * The lowest max parallelism {@link #computeDefaultMaxParallelism} derives (Flink's default lower
     * bound), and the max parallelism of any job at parallelism 85 or less that does not set one.
     */
    public static final int DEFAULT_MAX_PARALLELISM = 128;

    /** Largest supported max parallelism (as in Flink, 2^15). */
    public static final int UPPER_BOUND_MAX_PARALLELISM = 1 << 15;

    private KeyGroups() {}

    /**
     * The key group of {@code key}: a mix of its hash code, modulo {@code maxParallelism}.
     *
     * @return a key group in {@code [0, maxParallelism)}
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is an array or the max parallelism is out of range
     */
    public static int assignToKeyGroup(Object key, int maxParallelism) {
        checkMaxParallelism(maxParallelism);
        return Math.floorMod(mix(stableHashCode(key)), maxParallelism);
    }

    /**
     * The contiguous range of key groups owned by subtask {@code subtaskIndex} out of
     * {@code parallelism}: {@code [ceil(i * maxP / p), ceil((i + 1) * maxP / p) - 1]}. The ranges
     * of all subtasks partition {@code [0, maxParallelism)} in order, and none is empty.
     */
    public static KeyGroupRange rangeForSubtask(int maxParallelism, int parallelism, int subtaskIndex) {
        checkParallelism(maxParallelism, parallelism);
        if (subtaskIndex < 0 || subtaskIndex >= parallelism) {
            throw new IllegalArgumentException(
                    "subtask index " + subtaskIndex + " is not in [0, " + parallelism + ")");
        }
        int start = ceilDiv(subtaskIndex * maxParallelism, parallelism);
        int end = ceilDiv((subtaskIndex + 1) * maxParallelism, parallelism) - 1;
        return new KeyGroupRange(start, end);
    }

    /** The subtask whose {@link #rangeForSubtask range} contains {@code keyGroup}. */
    public static int subtaskForKeyGroup(int maxParallelism, int parallelism, int keyGroup) {
        checkParallelism(maxParallelism, parallelism);
        if (keyGroup < 0 || keyGroup >= maxParallelism) {
            throw new IllegalArgumentException(
                    "key group " + keyGroup + " is not in [0, " + maxParallelism + ")");
        }
        return keyGroup * parallelism / maxParallelism;
    }

    /** The subtask that owns {@code key}: its key group's subtask. */
    public static int subtaskForKey(Object key, int maxParallelism, int parallelism) {
        checkParallelism(maxParallelism, parallelism);
        return assignToKeyGroup(key, maxParallelism) * parallelism / maxParallelism;
    }

    /**
     * The max parallelism of an operator that neither its code nor {@code pipeline.max-parallelism}
     * sets, derived from its parallelism as Flink does: 1.5 times the parallelism rounded up to the
     * next power of two, at least {@value #DEFAULT_MAX_PARALLELISM} and at most
     * {@value #UPPER_BOUND_MAX_PARALLELISM}.
     *
     * @throws IllegalArgumentException if {@code parallelism < 1}
     */
    public static int computeDefaultMaxParallelism(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism " + parallelism + " is not at least 1");
        }
        long wanted = parallelism + parallelism / 2L;
        long power = Long.highestOneBit(wanted);
        if (power < wanted) {
            power <<= 1;
        }
        return (int) Math.min(Math.max(power, DEFAULT_MAX_PARALLELISM), UPPER_BOUND_MAX_PARALLELISM);
    }

    static void checkMaxParallelism(int maxParallelism) {
        if (maxParallelism < 1 || maxParallelism > UPPER_BOUND_MAX_PARALLELISM) {
            throw new IllegalArgumentException("max parallelism " + maxParallelism
                    + " is not in [1, " + UPPER_BOUND_MAX_PARALLELISM + "]");
        }
    }

    private static void checkParallelism(int maxParallelism, int parallelism) {
        checkMaxParallelism(maxParallelism);
        if (parallelism < 1 || parallelism > maxParallelism) {
            throw new IllegalArgumentException("parallelism " + parallelism
                    + " is not in [1, max parallelism " + maxParallelism + "]");
        }
    }

    private static int stableHashCode(Object key) {
        if (key == null) {
            throw new NullPointerException("a key must not be null");
        }
        if (key instanceof Enum<?> constant) {
            return constant.name().hashCode();
        }
        if (key.getClass().isArray()) {
            throw new IllegalArgumentException("a key must not be an array (its hash code is its identity): "
                    + key.getClass().getSimpleName());
        }
        return key.hashCode();
    }

    /**
     * Spreads the bits of a hash code over the whole word, so that keys whose hash codes differ
     * only in their high bits, or are consecutive integers, still land in different key groups.
     * Two xor-shift-multiply rounds with odd constants (a MurmurHash3-style finalizer).
     */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }

    private static int ceilDiv(int dividend, int divisor) {
        return (dividend + divisor - 1) / divisor;
    }
}
