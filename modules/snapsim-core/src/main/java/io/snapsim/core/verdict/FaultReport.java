package io.snapsim.core.verdict;

import io.snapsim.core.history.FaultInjected;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.JobEvents;
import io.snapsim.core.sim.FaultSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether each planned fault of a run fired, when, where, and what the job did about it, drawn from
 * the run's history alone: the {@code fault-injected} events that name the fault's index, the
 * master's {@code failover} or {@code coordinator-crashed} event that names it, and the
 * {@code deploy} or failed {@code job-ended} event after that. Immutable.
 *
 * @param startTime the job's clock when its first attempt was deployed (firings print relative to it)
 * @param entries   one per planned fault, in plan order
 */
public record FaultReport(long startTime, List<Entry> entries) {

    /** The event types the report is drawn from (what a reader must keep of the history). */
    public static final Set<Class<? extends HistoryEvent>> EVENT_TYPES = Set.of(FaultInjected.class,
            JobEvents.Failover.class, JobEvents.CoordinatorCrashed.class, JobEvents.Deployed.class, JobEvents.Ended.class);

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
    public record Entry(int index, PlannedFault fault, Firing firing, int firings, String aftermath) {

        public boolean fired() {
            return firing != null;
        }

        /** The fault as a simulation file writes it, e.g. {@code crash: {operator: sum, subtask: 0, at-record: 9}}. */
        public String description() {
            return fault.description();
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
        return ofPlanned(PlannedFault.of(plan), history);
    }

    /** As {@link #of(List, List)}, for a plan as a run folder records it. */
    public static FaultReport ofPlanned(List<PlannedFault> plan, List<HistoryEvent> history) {
        List<Entry> entries = new ArrayList<>();
        for (PlannedFault fault : plan) {
            entries.add(entry(fault.index(), fault, history));
        }
        long start = history.stream().filter(JobEvents.Deployed.class::isInstance).mapToLong(HistoryEvent::time)
                .findFirst().orElse(0);
        return new FaultReport(start, entries);
    }

    private static Entry entry(int index, PlannedFault fault, List<HistoryEvent> history) {
        Firing first = null;
        int firings = 0;
        int failoverAt = -1;
        for (int e = 0; e < history.size(); e++) {
            HistoryEvent event = history.get(e);
            if (event instanceof FaultInjected injected && injected.fault() == index) {
                firings++;
                if (first == null) {
                    first = new Firing(injected.time(), injected.actor(), injected.attempt(),
                            injected.checkpoint() == null ? -1 : injected.checkpoint(), injected.detail());
                }
            } else if (failoverAt < 0 && causedBy(event, index)) {
                failoverAt = e;
            }
        }
        return new Entry(index, fault, first, firings, failoverAt < 0 ? null : aftermath(history, failoverAt));
    }

    /** A failover, or a coordinator crash, that names planned fault {@code index}. */
    private static boolean causedBy(HistoryEvent event, int index) {
        return event instanceof JobEvents.Failover failover && failover.fault() != null && failover.fault() == index
                || event instanceof JobEvents.CoordinatorCrashed crashed && crashed.fault() == index;
    }

    /** What the job did after the failover at {@code from}: the next deployment, or its failure. */
    private static String aftermath(List<HistoryEvent> history, int from) {
        for (int e = from + 1; e < history.size(); e++) {
            HistoryEvent event = history.get(e);
            if (event instanceof JobEvents.Deployed deployed) {
                return deployed.checkpoint() == null ? "restarted fresh: no completed checkpoint yet"
                        : "restored checkpoint " + deployed.checkpoint() + " in attempt " + deployed.attempt();
            }
            if (event instanceof JobEvents.Ended ended && "failed".equals(ended.status())) {
                return "the job failed" + (ended.failure() == null ? "" : ": " + ended.failure());
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
