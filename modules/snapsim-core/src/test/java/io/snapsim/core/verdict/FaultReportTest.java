package io.snapsim.core.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.history.FaultInjected;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.JobEvents;
import io.snapsim.core.sim.CrashFault;
import io.snapsim.core.sim.FaultSpec;
import io.snapsim.core.sim.Faults;
import io.snapsim.core.sim.OptionalFault;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultReportTest {

    private static final FaultSpec CRASH = CrashFault.atRecord("sum", 0, 900);
    private static final FaultSpec LATE_CRASH = CrashFault.atRecord("sum", 1, 9_000_000);

    private static HistoryEvent deploy(long time, int attempt, Long restored) {
        return new JobEvents.Deployed(time, "master", attempt, 6, restored);
    }

    private static HistoryEvent fired(long time, String actor, int attempt, int fault) {
        return new FaultInjected(time, actor, attempt, fault, "crash", actor, null, null, "detail of the crash");
    }

    private static HistoryEvent failover(long time, int attempt, int fault) {
        return new JobEvents.Failover(time, "master", attempt, fault, "a crash");
    }

    @Test
    void tellsWhenAndWhereAFaultFiredAndWhatTheJobRestored() {
        FaultReport report = FaultReport.of(List.of(CRASH), List.of(deploy(2, 0, null), fired(40, "sum#0", 0, 0),
                failover(41, 0, 0), deploy(47, 1, 3L)));

        FaultReport.Entry entry = report.entries().get(0);
        assertThat(entry.fired()).isTrue();
        assertThat(entry.firing()).isEqualTo(new FaultReport.Firing(40, "sum#0", 0, -1, "detail of the crash"));
        assertThat(entry.aftermath()).isEqualTo("restored checkpoint 3 in attempt 1");
        assertThat(report.startTime()).isEqualTo(2);
        assertThat(report.unfiredRequired()).isEmpty();
    }

    @Test
    void saysSoWhenACrashRestartedTheJobFreshBeforeAnyCheckpointCompleted() {
        FaultReport report = FaultReport.of(List.of(CRASH), List.of(deploy(0, 0, null), fired(5, "sum#0", 0, 0),
                failover(5, 0, 0), deploy(10, 1, null)));

        assertThat(report.entries().get(0).aftermath()).isEqualTo("restarted fresh: no completed checkpoint yet");
    }

    @Test
    void listsARequiredFaultThatNeverFiredButNotAnOptionalOne() {
        FaultReport report = FaultReport.of(List.of(CRASH, LATE_CRASH, OptionalFault.drawn(LATE_CRASH),
                OptionalFault.marked(LATE_CRASH)), List.of(deploy(0, 0, null), fired(5, "sum#0", 0, 0)));

        assertThat(report.firedCount()).isEqualTo(1);
        assertThat(report.unfiredRequired()).containsExactly("1 (crash: {operator: sum, subtask: 1, at-record: 9000000})");
    }

    @Test
    void countsEveryFiringOfAFaultThatHitSeveralSubtasks() {
        FaultSpec operatorCrash = new Faults.CrashOperator("sum", 100L, null, null);
        FaultReport report = FaultReport.of(List.of(operatorCrash), List.of(deploy(0, 0, null),
                fired(5, "sum#1", 0, 0), fired(5, "sum#0", 0, 0)));

        assertThat(report.entries().get(0).firings()).isEqualTo(2);
        assertThat(report.entries().get(0).firing().actor()).isEqualTo("sum#1");
        assertThat(report.entries().get(0).aftermath()).isNull(); // no failover names it
    }

    @Test
    void reportsAFailedJobAsTheAftermath() {
        FaultReport report = FaultReport.of(List.of(CRASH), List.of(deploy(0, 0, null), fired(5, "sum#0", 0, 0),
                failover(5, 0, 0), new JobEvents.Ended(6, "master", 0, "failed", "restarts ran out")));

        assertThat(report.entries().get(0).aftermath()).isEqualTo("the job failed: restarts ran out");
    }

    @Test
    void aCoordinatorCrashNamesItsFaultLikeAFailover() {
        FaultReport report = FaultReport.of(List.of(new Faults.CrashCoordinator(2, Faults.CoordinatorPhase.BEFORE_NOTIFY)),
                List.of(deploy(0, 0, null), fired(5, "coordinator", 0, 0),
                        new JobEvents.CoordinatorCrashed(6, "master", 0, 0, "crashed"), deploy(9, 1, 2L)));

        assertThat(report.entries().get(0).aftermath()).isEqualTo("restored checkpoint 2 in attempt 1");
    }

    @Test
    void ignoresEventsOfOtherFaults() {
        FaultReport report = FaultReport.of(List.of(CRASH, LATE_CRASH), List.of(deploy(0, 0, null), fired(5, "sum#0", 0, 0)));

        assertThat(report.entries().get(1).fired()).isFalse();
    }
}
