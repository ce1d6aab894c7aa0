package io.snapsim.core.sim;

import java.util.Set;

/**
 * A placeholder for {@code count} faults drawn from the run's seed, written
 * {@code - random: {count: 3}} or {@code - random: {count: 3, kinds: [crash, storage]}}. It is not
 * injected itself: whoever runs the simulation replaces it with {@link FaultPlans#expand}, so the
 * same seed always gives the same faults.
 *
 * <p>Kinds are named by fault type ({@code crash}, {@code crash-at}, ...) and, for the types with a
 * {@code kind} field, by type and kind ({@code storage.fail-write}, {@code network.delay}). A type
 * name stands for the kinds of that type drawn by default: {@code network} means delay and stall,
 * {@code storage} means fail-write and slow-write. Two groups are drawn only when named:
 * <ul>
 *   <li>storage damage ({@code storage.damage}, or {@code storage.corrupt-data} and the other three
 *       one by one): a damaged completed checkpoint is survivable only while an older intact one is
 *       retained, which a draw cannot promise, so a run may end unrecoverable by construction;</li>
 *   <li>the model-breaking {@code network.drop} and {@code network.reorder}.</li>
 * </ul>
 * Without {@code kinds}, an item draws from {@link #DEFAULT_KINDS}: the faults a correctly
 * configured job survives whatever its retention. {@link #kinds()} holds the expanded names, in
 * catalogue order. Each fault type lists its own kinds and their group; {@link FaultTypes} gathers
 * them.
 *
 * @param count how many faults to draw, at least 1
 * @param kinds the kinds to draw from (expanded names from {@link #ALL_KINDS}), not empty
 */
public record RandomFaults(int count, Set<String> kinds) implements FaultSpec {

    /** The key under a {@code faults:} item. */
    public static final String TYPE = "random";

    /** The most faults one item may ask for; more would say more about the job's patience than its recovery. */
    public static final int MAX_COUNT = 1000;

    /** Every kind that keeps the model's assumptions (FIFO, reliable channels), in catalogue order. */
    public static final Set<String> SAFE_KINDS = FaultTypes.CATALOGUE.safeKinds();

    /** The storage faults that damage a completed checkpoint; drawn only when asked for. */
    public static final Set<String> DAMAGE_KINDS = FaultTypes.CATALOGUE.damageKinds();

    /** What an item draws from without {@code kinds}: the safe kinds a correctly configured job survives. */
    public static final Set<String> DEFAULT_KINDS = FaultTypes.CATALOGUE.defaultKinds();

    /** The name that stands for all of {@link #DAMAGE_KINDS}. */
    public static final String DAMAGE_GROUP = Faults.StorageFault.TYPE + ".damage";

    /** Kinds that break the model; drawn only when asked for by name. */
    public static final Set<String> MODEL_BREAKING_KINDS = FaultTypes.CATALOGUE.modelBreakingKinds();

    /** Every kind name, safe ones first, in catalogue order. */
    public static final Set<String> ALL_KINDS = FaultTypes.CATALOGUE.allKinds();

    public RandomFaults {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be between 1 and " + MAX_COUNT + ": " + count);
        }
        for (String kind : kinds) {
            if (!ALL_KINDS.contains(kind)) {
                throw new IllegalArgumentException("unknown fault kind '" + kind + "'");
            }
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("kinds must not be empty");
        }
        kinds = FaultTypes.CATALOGUE.inCatalogueOrder(kinds);
    }

    /** {@code count} faults of the kinds drawn by default. */
    public RandomFaults(int count) {
        this(count, DEFAULT_KINDS);
    }

    /** The same kinds, another count. */
    public RandomFaults withCount(int newCount) {
        return new RandomFaults(newCount, kinds);
    }

    /**
     * The kind names a name in {@code kinds:} stands for: itself for a kind, the damage kinds for
     * {@link #DAMAGE_GROUP}, the default kinds of a type for a type name ({@code storage},
     * {@code network}); empty for an unknown name.
     */
    public static Set<String> expand(String name) {
        return FaultTypes.CATALOGUE.expand(name);
    }

    /** Every name {@link #expand} accepts: kinds and the types that group them. */
    public static Set<String> acceptedNames() {
        return FaultTypes.CATALOGUE.acceptedNames();
    }

    @Override
    public FaultType<RandomFaults> faultType() {
        return RandomFaultsType.INSTANCE;
    }

    /** The name of a kind of a type with a {@code kind} field: {@code storage.fail-write}. */
    static String qualified(String type, Enum<?> kind) {
        return FaultType.qualified(type, kind);
    }
}
