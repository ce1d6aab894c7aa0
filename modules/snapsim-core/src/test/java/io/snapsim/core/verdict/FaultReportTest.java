package io.snapsim.core.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.history.EventTypes;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.sim.CrashFault;
import io.snapsim.core.sim.FaultSpec;
import io.snapsim.core.sim.Faults;
import io.snapsim.core.sim.OptionalFault;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultReportTest {

    private static final FaultSpec CRASH = CrashFault.atRecord("sum", 0, 900);
    private static final FaultSpec LATE_CRASH = CrashFault.atRecord("sum", 1, 9_000_000);

    private static HistoryEvent event(long time, String actor, String type, int attempt, long checkpoint, int fault) {
        return new HistoryEvent(time, actor, type, attempt, checkpoint, -1, fault, "detail of " + type, null);
    }

    private static HistoryEvent deploy(long time, int attempt, long restored) {
        return event(time, "master", EventTypes.DEPLOY, attempt, restored, -1);
    }

    @Test
    void tellsWhenAndWhereAFaultFiredAndWhatTheJobRestored() {
        FaultReport report = FaultReport.of(List.of(CRASH), List.of(
                deploy(2, 0, -1),
                event(40, "sum#0", EventTypes.FAULT_FIRED, 0, -1, 0),
                event(41, "master", EventTypes.FAILOVER, 0, -1, 0),
                deploy(47, 1, 3)));

        FaultReport.Entry entry = report.entries().get(0);
        assertThat(entry.fired()).isTrue();
        assertThat(entry.firing()).isEqualTo(new FaultReport.Firing(40, "sum#0", 0, -1, "detail of fault-fired"));
        assertThat(entry.aftermath()).isEqualTo("restored checkpoint 3 in attempt 1");
        assertThat(report.startTime()).isEqualTo(2);
        assertThat(report.unfiredRequired()).isEmpty();
    }

    @Test
    void saysSoWhenACrashRestartedTheJobFreshBeforeAnyCheckpointCompleted() {
        FaultReport report = FaultReport.of(List.of(CRASH), List.of(deploy(0, 0, -1),
                event(5, "sum#0", EventTypes.FAULT_FIRED, 0, -1, 0), event(5, "master", EventTypes.FAILOVER, 0, -1, 0),
                deploy(10, 1, -1)));

        assertThat(report.entries().get(0).aftermath()).isEqualTo("restarted fresh: no completed checkpoint yet");
    }

    @Test
    void listsARequiredFaultThatNeverFiredButNotAnOptionalOne() {
        FaultReport report = FaultReport.of(List.of(CRASH, LATE_CRASH, OptionalFault.drawn(LATE_CRASH),
                OptionalFault.marked(LATE_CRASH)), List.of(deploy(0, 0, -1), event(5, "sum#0", EventTypes.FAULT_FIRED, 0, -1, 0)));

        assertThat(report.firedCount()).isEqualTo(1);
        assertThat(report.unfiredRequired()).containsExactly("1 (crash: {operator: sum, subtask: 1, at-record: 9000000})");
    }

    @Test
    void countsEveryFiringOfAFaultThatHitSeveralSubtasks() {
        FaultSpec operatorCrash = new Faults.CrashOperator("sum", 100L, null, null);
        FaultReport report = FaultReport.of(List.of(operatorCrash), List.of(deploy(0, 0, -1),
                event(5, "sum#1", EventTypes.FAULT_FIRED, 0, -1, 0), event(5, "sum#0", EventTypes.FAULT_FIRED, 0, -1, 0)));

        assertThat(report.entries().get(0).firings()).isEqualTo(2);
        assertThat(report.entries().get(0).firing().actor()).isEqualTo("sum#1");
        assertThat(report.entries().get(0).aftermath()).isNull(); // no failover names it
    }

    @Test
    void reportsAFailedJobAsTheAftermath() {
        FaultReport report = FaultReport.of(List.of(CRASH), List.of(deploy(0, 0, -1),
                event(5, "sum#0", EventTypes.FAULT_FIRED, 0, -1, 0), event(5, "master", EventTypes.FAILOVER, 0, -1, 0),
                event(6, "master", EventTypes.JOB_FAILED, 0, -1, -1)));

        assertThat(report.entries().get(0).aftermath()).isEqualTo("the job failed: detail of job-failed");
    }

    @Test
    void ignoresEventsOfOtherFaults() {
        FaultReport report = FaultReport.of(List.of(CRASH, LATE_CRASH), List.of(deploy(0, 0, -1),
                event(5, "sum#0", EventTypes.FAULT_FIRED, 0, -1, 0)));

        assertThat(report.entries().get(1).fired()).isFalse();
    }
}
