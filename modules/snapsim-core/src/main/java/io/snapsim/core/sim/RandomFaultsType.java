package io.snapsim.core.sim;

import io.snapsim.core.config.CheckpointingOptions;
import io.snapsim.core.config.Spelling;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code random}: a placeholder for faults drawn from the seed ({@link RandomFaults}). It is read
 * and written like a fault, but never drawn, shrunk or armed: the runner replaces it with the
 * faults it stands for ({@link FaultPlans#expand}) before the run.
 */
final class RandomFaultsType extends FaultType<RandomFaults> {

    static final RandomFaultsType INSTANCE = new RandomFaultsType();

    private static final List<String> KEYS = List.of("count", "kinds");

    private RandomFaultsType() {
        super(RandomFaults.TYPE, RandomFaults.class);
    }

    @Override
    RandomFaults read(FaultReading body) {
        FaultReading.Fields fields = body.fields(KEYS, "a mapping such as {count: 3}");
        SpecNode countNode = fields.required("count");
        int count = countNode.intValue();
        if (count < 1 || count > RandomFaults.MAX_COUNT) {
            throw countNode.error("must be between 1 and " + RandomFaults.MAX_COUNT + ", got " + count);
        }
        SpecNode kindsNode = fields.get("kinds");
        if (kindsNode.isAbsent()) {
            return new RandomFaults(count);
        }
        Set<String> kinds = readKinds(kindsNode, body.types());
        if (!body.checkpointing() && kinds.stream().allMatch(kind -> body.types().drawing(kind).needsCheckpoints())) {
            throw kindsNode.error("checkpointing is off, and every kind listed needs a checkpoint; set config '"
                    + CheckpointingOptions.INTERVAL.key() + "' or add a crash kind");
        }
        return new RandomFaults(count, kinds);
    }

    private static Set<String> readKinds(SpecNode kindsNode, FaultTypes types) {
        Set<String> kinds = new LinkedHashSet<>();
        List<SpecNode> names = kindsNode.elements("a list of fault kinds such as [crash, storage.fail-write]");
        if (names.isEmpty()) {
            throw kindsNode.error("must name at least one kind; leave 'kinds' out to draw from every safe kind");
        }
        for (SpecNode nameNode : names) {
            String name = nameNode.nonBlankText();
            Set<String> expanded = types.expand(name);
            if (expanded.isEmpty()) {
                Set<String> accepted = types.acceptedNames();
                throw nameNode.error("unknown fault kind '" + name + "'" + Spelling.didYouMean(name, accepted)
                        + " (known kinds: " + String.join(", ", accepted) + ")");
            }
            kinds.addAll(expanded);
        }
        return kinds;
    }

    @Override
    String whyNeverOptional() {
        return "faults drawn from the seed are optional already";
    }

    @Override
    void describe(RandomFaults random, FaultFields fields) {
        fields.put("count", random.count());
        if (!random.kinds().equals(RandomFaults.DEFAULT_KINDS)) {
            fields.put("kinds", List.copyOf(random.kinds()));
        }
    }

    /** Arms nothing: a random item not yet expanded has no faults of its own; the caller draws them first. */
    @Override
    void arm(RandomFaults random, FaultTargets targets) {
    }
}
