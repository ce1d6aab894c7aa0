package io.snapsim.core.verdict;

import java.util.List;

/**
 * The verdict of a run: its outcome against what the simulation expected, and why.
 *
 * @param outcome     VALID, INVALID or UNKNOWN
 * @param expectation what the simulation expected (equivalent, duplicates-allowed, divergence)
 * @param reason      one line saying why
 * @param comparison  the comparison with the failure-free run, or null when the run did not finish
 */
public record Verdict(Outcome outcome, String expectation, String reason, OutputComparison comparison) {

    /** Decides the outcome of a finished run from its comparison with the reference. */
    public static Verdict judge(String expectation, OutputComparison c) {
        boolean equal = c.outputEqual() && c.stateEqual();
        return switch (expectation) {
            case "equivalent" -> equal
                    ? new Verdict(Outcome.VALID, expectation, "committed output and final state equal the failure-free run", c)
                    : new Verdict(Outcome.INVALID, expectation, describe(c), c);
            case "duplicates-allowed" -> c.missing() == 0
                    ? new Verdict(Outcome.VALID, expectation, "nothing lost; " + c.duplicates() + " duplicates and "
                    + c.unexpected() + " unexpected records (at-least-once)", c)
                    : new Verdict(Outcome.INVALID, expectation, describe(c), c);
            case "divergence" -> equal
                    ? new Verdict(Outcome.INVALID, expectation, "expected a divergence, but the run equals the failure-free run", c)
                    : new Verdict(Outcome.VALID, expectation, "diverged as expected: " + describe(c), c);
            default -> throw new IllegalArgumentException("unknown expectation " + expectation);
        };
    }

    /**
     * Judges a run cancelled on purpose: its committed output must be a consistent part of the
     * failure-free run's (nothing the reference lacks, no duplicates for an exactly-once
     * expectation); missing records are expected, since the job stopped early.
     */
    public static Verdict judgeCancelled(String expectation, OutputComparison c) {
        boolean consistent = c.unexpected() == 0 && (c.duplicates() == 0 || expectation.equals("duplicates-allowed"));
        String what = "cancelled as planned; " + c.actualRecords() + " of " + c.referenceRecords()
                + " records committed";
        if (expectation.equals("divergence")) {
            return consistent ? new Verdict(Outcome.INVALID, expectation, what + ", consistent: no divergence", c)
                    : new Verdict(Outcome.VALID, expectation, what + ", diverged as expected: " + describe(c), c);
        }
        return consistent ? new Verdict(Outcome.VALID, expectation, what + ", all of them consistent with the failure-free run", c)
                : new Verdict(Outcome.INVALID, expectation, what + ", but " + describe(c), c);
    }

    /**
     * Judges a run that failed because every retained checkpoint was damaged (storage damage the
     * plan asked for): UNRECOVERABLE when what it committed before is a consistent part of the
     * failure-free run, as for a cancelled run, and INVALID otherwise.
     */
    public static Verdict judgeUnrecoverable(String expectation, OutputComparison c, String failure) {
        boolean consistent = c.unexpected() == 0 && (c.duplicates() == 0 || expectation.equals("duplicates-allowed"));
        String what = "the job failed cleanly with nothing intact to restore from (" + failure + "); "
                + c.actualRecords() + " of " + c.referenceRecords() + " records committed";
        return consistent ? new Verdict(Outcome.UNRECOVERABLE, expectation, what + ", all of them consistent", c)
                : new Verdict(Outcome.INVALID, expectation, what + ", but " + describe(c), c);
    }

    /**
     * This verdict, unless the run met its expectation without firing a fault it had to fire: then
     * NOT_FIRED, naming the first such fault. An INVALID or UNKNOWN verdict stands as it is.
     *
     * @param unfired descriptions of the planned faults that had to fire and did not, in plan order
     */
    public Verdict unlessUnfired(List<String> unfired) {
        if (unfired.isEmpty() || (outcome != Outcome.VALID && outcome != Outcome.UNRECOVERABLE)) {
            return this;
        }
        String which = unfired.size() == 1 ? "planned fault " + unfired.get(0) + " never fired"
                : unfired.size() + " planned faults never fired, the first " + unfired.get(0);
        return new Verdict(Outcome.NOT_FIRED, expectation, which + ": the run tested nothing about it"
                + " (mark a fault 'optional: true' if the run may pass without it)", comparison);
    }

    /** A run that did not finish cannot be judged. */
    public static Verdict unknown(String expectation, String reason) {
        return new Verdict(Outcome.UNKNOWN, expectation, reason, null);
    }

    private static String describe(OutputComparison c) {
        List<String> parts = new java.util.ArrayList<>();
        if (c.missing() > 0) {
            parts.add(c.missing() + " records lost");
        }
        if (c.duplicates() > 0) {
            parts.add(c.duplicates() + " duplicates");
        }
        if (c.unexpected() > 0) {
            parts.add(c.unexpected() + " unexpected records");
        }
        if (!c.stateEqual()) {
            parts.add("final keyed state differs");
        }
        return parts.isEmpty() ? "equal" : String.join(", ", parts);
    }
}
