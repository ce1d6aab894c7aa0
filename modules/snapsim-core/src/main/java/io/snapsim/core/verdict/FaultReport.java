package io.snapsim.core.verdict;

import io.snapsim.core.history.EventTypes;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.sim.FaultPlans;
import io.snapsim.core.sim.FaultSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether each planned fault of a run fired, when, where, and what the job did about it, drawn from
 * the run's history alone: the {@code fault-fired} events that name the fault's index, the master's
 * {@code failover} or {@code coordinator-crashed} event that names it, and the {@code deploy} or
 * {@code job-failed} event after that. Immutable.
 *
 * @param startTime the job's clock when its first attempt was deployed (firings print relative to it)
 * @param entries   one per planned fault, in plan order
 */
public record FaultReport(long startTime, List<Entry> entries) {

    /** The event types the report is drawn from (what a reader must keep of the history). */
    public static final Set<String> EVENT_TYPES = Set.of(EventTypes.FAULT_FIRED, EventTypes.FAILOVER,
            EventTypes.COORDINATOR_CRASHED, EventTypes.DEPLOY, EventTypes.JOB_FAILED);

    public FaultReport {
        entries = List.copyOf(entries);
    }

    /**
     * One planned fault.
     *
     * @param index     its index in the plan
     * @param fault     the fault as planned
     * @param firing    its first firing, or null when it never fired
     * @param firings   how often it fired (a crash of every subtask of an operator fires once per subtask)
     * @param aftermath what the job did about it ("restored checkpoint 3", "restarted fresh: no completed
     *                  checkpoint yet", "the job failed: ..."), or null when it made the job do nothing
     */
    public record Entry(int index, FaultSpec fault, Firing firing, int firings, String aftermath) {

        public boolean fired() {
            return firing != null;
        }

        /** The fault as a simulation file writes it, e.g. {@code crash: {operator: sum, subtask: 0, at-record: 9}}. */
        public String description() {
            return FaultPlans.describe(fault);
        }
    }

    /**
     * Where and when a fault fired.
     *
     * @param time       the job's clock in milliseconds (virtual time in deterministic runs)
     * @param actor      who fired it: a subtask such as {@code sum#0}, the coordinator or the master
     * @param attempt    the execution attempt
     * @param checkpoint the checkpoint it is tied to, or -1
     * @param detail     what happened, in words
     */
    public record Firing(long time, String actor, int attempt, long checkpoint, String detail) {
    }

    /** The report of {@code plan} from {@code history} (events in history order; others are ignored). */
    public static FaultReport of(List<FaultSpec> plan, List<HistoryEvent> history) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            entries.add(entry(i, plan.get(i), history));
        }
        long start = history.stream().filter(e -> e.type().equals(EventTypes.DEPLOY)).mapToLong(HistoryEvent::time)
                .findFirst().orElse(0);
        return new FaultReport(start, entries);
    }

    private static Entry entry(int index, FaultSpec fault, List<HistoryEvent> history) {
        Firing first = null;
        int firings = 0;
        int failoverAt = -1;
        for (int e = 0; e < history.size(); e++) {
            HistoryEvent event = history.get(e);
            if (event.fault() != index) {
                continue;
            }
            if (event.type().equals(EventTypes.FAULT_FIRED)) {
                firings++;
                if (first == null) {
                    first = new Firing(event.time(), event.actor(), event.attempt(), event.checkpointId(), event.detail());
                }
            } else if (failoverAt < 0 && (event.type().equals(EventTypes.FAILOVER)
                    || event.type().equals(EventTypes.COORDINATOR_CRASHED))) {
                failoverAt = e;
            }
        }
        return new Entry(index, fault, first, firings, failoverAt < 0 ? null : aftermath(history, failoverAt));
    }

    /** What the job did after the failover at {@code from}: the next deployment, or its failure. */
    private static String aftermath(List<HistoryEvent> history, int from) {
        for (int e = from + 1; e < history.size(); e++) {
            HistoryEvent event = history.get(e);
            if (event.type().equals(EventTypes.DEPLOY)) {
                return event.checkpointId() < 0 ? "restarted fresh: no completed checkpoint yet"
                        : "restored checkpoint " + event.checkpointId() + " in attempt " + event.attempt();
            }
            if (event.type().equals(EventTypes.JOB_FAILED)) {
                return "the job failed" + (event.detail() == null ? "" : ": " + event.detail());
            }
        }
        return "the job ended before it restarted";
    }

    /** The planned faults that had to fire and did not, described, in plan order. */
    public List<String> unfiredRequired() {
        return entries.stream().filter(e -> !e.fired() && e.fault().mustFire())
                .map(e -> e.index() + " (" + e.description() + ")").toList();
    }

    /** How many planned faults fired. */
    public long firedCount() {
        return entries.stream().filter(Entry::fired).count();
    }
}
