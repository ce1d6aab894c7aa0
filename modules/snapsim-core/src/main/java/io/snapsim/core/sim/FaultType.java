package io.snapsim.core.sim;

import io.snapsim.core.sim.FaultPlans.PlanContext;
import io.snapsim.core.sim.Shrinker.Position;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One type of fault in the catalogue, introduced by its {@link #name()} under {@code faults:} (for
 * example {@code storage}): everything snapsim knows about the type lives in its one subclass. It
 * reads the type's YAML mapping, draws faults of the type from a seed, names the fields of a fault
 * in their documented order, lists the positions the shrinker may lower, and arms a fault by telling
 * the runtime's {@link FaultTargets} what to do. {@link FaultTypes} lists the types; a fault value
 * ({@link FaultSpec}) names its type with {@link FaultSpec#faultType()}.
 *
 * <p>Its methods other than {@link #name()} are package-private, so the types of the catalogue are
 * defined in this package only. Subclasses are stateless singletons; any thread may use them.
 *
 * @param <F> the record a fault of this type is
 */
public abstract class FaultType<F extends FaultSpec> {

    /** When a {@code random} item may draw a kind. */
    enum Group {
        /** Drawn without {@code kinds}: a correctly configured job survives it whatever its retention. */
        DEFAULT,
        /** Drawn only when named: it damages a completed checkpoint, which may leave nothing to restore. */
        DAMAGE,
        /** Drawn only when named: it breaks the model's FIFO, reliable channels. */
        MODEL_BREAKING
    }

    /**
     * A name a {@code random} item draws faults by: the type's name, or for a type with a
     * {@code kind} field the type and the kind ({@code storage.fail-write}).
     */
    record DrawnKind(String name, Group group) {
        DrawnKind {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(group, "group");
        }
    }

    private final String name;
    private final Class<F> valueClass;

    FaultType(String name, Class<F> valueClass) {
        this.name = Objects.requireNonNull(name, "name");
        this.valueClass = Objects.requireNonNull(valueClass, "valueClass");
    }

    /** The key that introduces a fault of this type in a simulation file, e.g. {@code crash}. */
    public final String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    // ------------------------------------------------------------------ reading

    /** Reads the mapping of one item of this type (path {@code faults[i].name}), checking every value. */
    abstract F read(FaultReading body);

    /**
     * Why an item of this type cannot be marked {@code optional: true}, or null when it can.
     * The reason completes "does not apply to 'name': ...".
     */
    String whyNeverOptional() {
        return null;
    }

    // ------------------------------------------------------------------ drawing

    /** The kinds a {@code random} item may draw of this type, in catalogue order; none if it is never drawn. */
    List<DrawnKind> drawnKinds() {
        return List.of();
    }

    /** Whether a fault of this type can be placed in a job of {@code ctx} at all. */
    boolean canPlace(PlanContext ctx) {
        return false;
    }

    /** Whether every fault of this type sits at a checkpoint, so that a run without checkpoints cannot have one. */
    boolean needsCheckpoints() {
        return false;
    }

    /**
     * One fault of {@code kind} (one of {@link #drawnKinds()}), drawn from {@code draw}. The order
     * in which it asks {@code draw} for values is part of what a seed means: changing it changes
     * the plan every seed draws.
     */
    F draw(String kind, FaultDraw draw) {
        throw new IllegalArgumentException("unknown fault kind '" + kind + "'");
    }

    // ------------------------------------------------------------------ describing, shrinking, arming

    /** Puts the fault's fields as a simulation file writes them, in the documented order. */
    abstract void describe(F fault, FaultFields fields);

    /** The positions of the fault the shrinker may lower; none by default. */
    List<Position> positions(F fault) {
        return List.of();
    }

    /** Checks the fault against the job and tells {@code targets} what to inject. */
    abstract void arm(F fault, FaultTargets targets);

    // ------------------------------------------------------------------ from any fault of this type

    final void describeFault(FaultSpec fault, FaultFields fields) {
        describe(valueClass.cast(fault), fields);
    }

    final List<Position> positionsOf(FaultSpec fault) {
        return positions(valueClass.cast(fault));
    }

    final void armFault(FaultSpec fault, FaultTargets targets) {
        arm(valueClass.cast(fault), targets);
    }

    /** The kind named after the type itself. */
    final DrawnKind kind(Group group) {
        return new DrawnKind(name, group);
    }

    /** The kind of the type with a {@code kind} field set to {@code constant}: {@code storage.fail-write}. */
    final DrawnKind kind(Enum<?> constant, Group group) {
        return new DrawnKind(qualified(name, constant), group);
    }

    /** The name of a kind of type {@code type} with a {@code kind} field: {@code storage.fail-write}. */
    static String qualified(String type, Enum<?> constant) {
        return type + "." + yamlName(constant);
    }

    /** An enum constant as simulation files spell it: lower case with hyphens. */
    static String yamlName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant a kind of {@link #kind(Enum, Group)} names: {@code FAIL_WRITE} for {@code storage.fail-write}. */
    final <E extends Enum<E>> E constantOf(String kind, Class<E> type) {
        return Enum.valueOf(type, kind.substring(name.length() + 1).toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
