package io.snapsim.core.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * Shrinks a failing fault plan to a small one that still fails, in the manner of delta debugging:
 * <ol>
 *   <li>Removal: try the plan without half of it (each half in turn), then without ever smaller
 *       chunks down to single faults; keep any smaller plan that still fails and start over, until
 *       no single fault can go.</li>
 *   <li>Simplification: move each fault's position (at-record, at-checkpoint, at-time) towards its
 *       smallest value: first the smallest, then half way, a quarter of the way, and so on; keep
 *       every move after which the plan still fails.</li>
 * </ol>
 * The two repeat until neither changes the plan, so the result is 1-minimal: it still fails, and
 * removing any single fault makes it pass (as far as the predicate is deterministic). Every
 * step makes the plan shorter or a position smaller, so shrinking ends.
 *
 * <p>Pure apart from the predicate, which is asked at most once per distinct plan (answers are
 * remembered) and never about the plan it was given, which the caller says fails. Confined to the
 * calling thread.
 */
public final class Shrinker {

    private final Predicate<List<FaultSpec>> stillFails;
    private final Map<List<FaultSpec>, Boolean> answers = new HashMap<>();

    private Shrinker(Predicate<List<FaultSpec>> stillFails) {
        this.stillFails = stillFails;
    }

    /**
     * The smallest plan found that still fails.
     *
     * @param failingPlan a plan for which {@code stillFails} holds (not re-checked)
     * @param stillFails  whether a plan still fails the way {@code failingPlan} does; called with
     *                    immutable lists only
     */
    public static List<FaultSpec> shrink(List<FaultSpec> failingPlan, Predicate<List<FaultSpec>> stillFails) {
        Objects.requireNonNull(stillFails, "stillFails");
        Shrinker shrinker = new Shrinker(stillFails);
        List<FaultSpec> plan = List.copyOf(failingPlan);
        shrinker.answers.put(plan, true);
        while (true) {
            plan = shrinker.removeFaults(plan);
            List<FaultSpec> simpler = shrinker.simplifyPositions(plan);
            if (simpler.equals(plan)) {
                return plan;
            }
            plan = simpler;
        }
    }

    private boolean fails(List<FaultSpec> plan) {
        return answers.computeIfAbsent(plan, stillFails::test);
    }

    /** Removes chunks of faults, halves first, down to single faults, until none can go. */
    private List<FaultSpec> removeFaults(List<FaultSpec> plan) {
        int chunks = 2;
        while (!plan.isEmpty()) {
            chunks = Math.min(chunks, plan.size());
            List<FaultSpec> smaller = withoutSomeChunk(plan, chunks);
            if (smaller != null) {
                plan = smaller;
                chunks = Math.max(chunks - 1, 2);
            } else if (chunks < plan.size()) {
                chunks = Math.min(chunks * 2, plan.size());
            } else {
                return plan;
            }
        }
        return plan;
    }

    /** The first plan, of {@code plan} less one of {@code chunks} equal parts, that still fails; null if none. */
    private List<FaultSpec> withoutSomeChunk(List<FaultSpec> plan, int chunks) {
        int size = plan.size();
        for (int chunk = 0; chunk < chunks; chunk++) {
            int from = size * chunk / chunks;
            int to = size * (chunk + 1) / chunks;
            List<FaultSpec> rest = new ArrayList<>(plan.subList(0, from));
            rest.addAll(plan.subList(to, size));
            List<FaultSpec> candidate = List.copyOf(rest);
            if (fails(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Moves every position of every fault as far towards its smallest value as the plan keeps failing. */
    private List<FaultSpec> simplifyPositions(List<FaultSpec> plan) {
        List<FaultSpec> current = plan;
        for (int i = 0; i < current.size(); i++) {
            for (int p = 0; p < positionsOf(current.get(i)).size(); p++) {
                current = lowerPosition(current, i, p);
            }
        }
        return current;
    }

    private List<FaultSpec> lowerPosition(List<FaultSpec> plan, int faultIndex, int positionIndex) {
        List<FaultSpec> current = plan;
        Position position = positionsOf(current.get(faultIndex)).get(positionIndex);
        long step = position.value() - position.min();
        while (step > 0) {
            long candidateValue = position.value() - step;
            List<FaultSpec> candidate = replaced(current, faultIndex, position.at().apply(candidateValue));
            if (fails(candidate)) {
                current = candidate;
                position = positionsOf(current.get(faultIndex)).get(positionIndex);
                step = Math.min(step, position.value() - position.min());
            } else {
                step /= 2;
            }
        }
        return current;
    }

    private static List<FaultSpec> replaced(List<FaultSpec> plan, int index, FaultSpec fault) {
        List<FaultSpec> copy = new ArrayList<>(plan);
        copy.set(index, fault);
        return List.copyOf(copy);
    }

    /**
     * One numeric position of a fault.
     *
     * @param value its current value
     * @param min   the smallest value it may take (1 for records and checkpoints, 0 for times)
     * @param at    the same fault with the position set to another value
     */
    record Position(long value, long min, LongFunction<FaultSpec> at) {

        /** A record number, counted from 1. */
        static Position record(long value, LongFunction<FaultSpec> at) {
            return new Position(value, 1, at);
        }

        /** A checkpoint id, from 1. */
        static Position checkpoint(long value, LongFunction<FaultSpec> at) {
            return new Position(value, 1, at);
        }

        /** A time of the job's clock, from 0. */
        static Position time(long value, LongFunction<FaultSpec> at) {
            return new Position(value, 0, at);
        }
    }

    /**
     * The positions of a fault that shrinking may lower, as its type lists them; none for a fault
     * without one. An optional fault stays optional when its position moves.
     */
    static List<Position> positionsOf(FaultSpec fault) {
        if (fault instanceof OptionalFault optional) {
            return positionsOf(optional.fault()).stream()
                    .map(p -> new Position(p.value(), p.min(), v -> optional.rewrap(p.at().apply(v)))).toList();
        }
        return fault.faultType().positionsOf(fault);
    }
}
