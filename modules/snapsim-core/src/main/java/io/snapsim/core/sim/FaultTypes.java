package io.snapsim.core.sim;

import io.snapsim.core.sim.FaultType.DrawnKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fault types a simulation may name, in catalogue order, and the kinds a {@code random} item
 * draws from them. The parser finds an item's reader here, random plans their kinds, and the
 * documentation its list; everything else reaches a fault's type from the fault itself
 * ({@link FaultSpec#faultType()}). Adding a type to the catalogue is one file for the type and one
 * line in {@link #CATALOGUE}.
 *
 * <p>Catalogue order is part of what a seed draws: a plan picks among the usable kinds by index,
 * and the kinds are listed type by type in this order, those that keep the model's assumptions
 * first, then the model-breaking ones.
 *
 * <p>Immutable; any thread may use it.
 */
public final class FaultTypes {

    /** Every fault type snapsim knows. */
    public static final FaultTypes CATALOGUE = new FaultTypes(List.of(
            CrashFaultType.INSTANCE, CrashAtType.INSTANCE, CrashOperatorType.INSTANCE, CrashTaskManagerType.INSTANCE,
            CrashCoordinatorType.INSTANCE, StorageFaultType.INSTANCE, NetworkFaultType.INSTANCE,
            SinkCommitFailsType.INSTANCE, RandomFaultsType.INSTANCE, CancelType.INSTANCE, SavepointType.INSTANCE));

    /** A group name's suffix: {@code storage.damage} stands for the storage kinds that damage a checkpoint. */
    private static final String DAMAGE_SUFFIX = ".damage";

    private final Map<String, FaultType<?>> byName = new LinkedHashMap<>();
    private final Map<String, FaultType<?>> byKind = new LinkedHashMap<>();
    private final Set<String> safeKinds;
    private final Set<String> damageKinds;
    private final Set<String> defaultKinds;
    private final Set<String> modelBreakingKinds;
    private final Set<String> allKinds;

    FaultTypes(List<FaultType<?>> types) {
        List<String> safe = new ArrayList<>();
        List<String> damage = new ArrayList<>();
        List<String> defaults = new ArrayList<>();
        List<String> breaking = new ArrayList<>();
        for (FaultType<?> type : types) {
            if (byName.putIfAbsent(type.name(), type) != null) {
                throw new IllegalArgumentException("two fault types are named '" + type.name() + "'");
            }
            for (DrawnKind kind : type.drawnKinds()) {
                if (byKind.putIfAbsent(kind.name(), type) != null) {
                    throw new IllegalArgumentException("two fault kinds are named '" + kind.name() + "'");
                }
                switch (kind.group()) {
                    case DEFAULT -> {
                        safe.add(kind.name());
                        defaults.add(kind.name());
                    }
                    case DAMAGE -> {
                        safe.add(kind.name());
                        damage.add(kind.name());
                    }
                    case MODEL_BREAKING -> breaking.add(kind.name());
                }
            }
        }
        safeKinds = ordered(safe);
        damageKinds = ordered(damage);
        defaultKinds = ordered(defaults);
        modelBreakingKinds = ordered(breaking);
        List<String> all = new ArrayList<>(safe);
        all.addAll(breaking);
        allKinds = ordered(all);
    }

    /** These types and {@code type} after them: a catalogue with one more type (tests define their own). */
    FaultTypes with(FaultType<?> type) {
        List<FaultType<?>> types = new ArrayList<>(byName.values());
        types.add(type);
        return new FaultTypes(types);
    }

    /** The names of the types, in catalogue order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The type introduced by {@code name} under {@code faults:}, or null if there is none. */
    FaultType<?> named(String name) {
        return byName.get(name);
    }

    /** The type that draws {@code kind} (one of {@link #allKinds()}). */
    FaultType<?> drawing(String kind) {
        FaultType<?> type = byKind.get(kind);
        if (type == null) {
            throw new IllegalArgumentException("unknown fault kind '" + kind + "'");
        }
        return type;
    }

    /** Every kind that keeps the model's assumptions, in catalogue order. */
    Set<String> safeKinds() {
        return safeKinds;
    }

    /** The kinds that damage a completed checkpoint; drawn only when asked for. */
    Set<String> damageKinds() {
        return damageKinds;
    }

    /** The safe kinds a correctly configured job survives whatever its retention: drawn by default. */
    Set<String> defaultKinds() {
        return defaultKinds;
    }

    /** The kinds that break the model; drawn only when asked for by name. */
    Set<String> modelBreakingKinds() {
        return modelBreakingKinds;
    }

    /** Every kind, safe ones first, in catalogue order. */
    Set<String> allKinds() {
        return allKinds;
    }

    /**
     * The kinds a name in {@code kinds:} stands for: itself for a kind; for {@code type.damage} the
     * type's kinds that damage a checkpoint; for a type name the type's kinds drawn by default;
     * empty for an unknown name.
     */
    Set<String> expand(String name) {
        if (allKinds.contains(name)) {
            return Set.of(name);
        }
        if (name.endsWith(DAMAGE_SUFFIX)) {
            String type = name.substring(0, name.length() - DAMAGE_SUFFIX.length());
            return kindsOf(type, damageKinds);
        }
        return kindsOf(name, defaultKinds);
    }

    /** Every name {@link #expand} accepts: the kinds, then each type with qualified kinds and its damage group. */
    Set<String> acceptedNames() {
        Set<String> names = new LinkedHashSet<>(allKinds);
        for (FaultType<?> type : byName.values()) {
            if (!kindsOf(type.name(), allKinds).isEmpty()) {
                names.add(type.name());
            }
            if (!kindsOf(type.name(), damageKinds).isEmpty()) {
                names.add(type.name() + DAMAGE_SUFFIX);
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /** {@code kinds} in catalogue order, without duplicates. */
    Set<String> inCatalogueOrder(Collection<String> kinds) {
        List<String> sorted = new ArrayList<>();
        for (String kind : allKinds) {
            if (kinds.contains(kind)) {
                sorted.add(kind);
            }
        }
        return ordered(sorted);
    }

    /** The members of {@code kinds} qualified by {@code type} ({@code type.x}), in order. */
    private static Set<String> kindsOf(String type, Set<String> kinds) {
        List<String> members = new ArrayList<>();
        for (String kind : kinds) {
            if (kind.startsWith(type + ".")) {
                members.add(kind);
            }
        }
        return ordered(members);
    }

    private static Set<String> ordered(Collection<String> names) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }
}
