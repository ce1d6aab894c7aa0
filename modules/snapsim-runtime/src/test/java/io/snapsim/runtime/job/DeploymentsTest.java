package io.snapsim.runtime.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.checkpoint.CompletedCheckpoint;
import io.snapsim.core.checkpoint.TriggerKind;
import io.snapsim.runtime.job.Deployments.AskRetained;
import io.snapsim.runtime.job.Deployments.Deploy;
import io.snapsim.runtime.job.Deployments.Ignore;
import io.snapsim.runtime.job.Deployments.Wait;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every order in which a task failure, its restart timer and a coordinator crash can reach the job master. */
class DeploymentsTest {
    private static final List<CompletedCheckpoint> CHK_1 = List.of(
            new CompletedCheckpoint(1, 10, 12, "/chk-1/_metadata", 100, TriggerKind.PERIODIC));
    private static final List<CompletedCheckpoint> NONE = List.of();

    /** A planner whose attempt 0 runs with coordinator 1. */
    private static Deployments running() {
        Deployments d = new Deployments();
        int first = d.coordinatorStarting();
        assertThat(d.coordinatorReady(first, NONE)).isEqualTo(new Deploy(0, NONE));
        return d;
    }

    @Test
    void deploysAttemptZeroOnceTheFirstCoordinatorIsReady() {
        Deployments d = new Deployments();
        assertThat(d.attempt()).isEqualTo(-1);
        int first = d.coordinatorStarting();

        assertThat(d.pending()).isTrue();
        assertThat(d.coordinatorReady(first, NONE)).isEqualTo(new Deploy(0, NONE));
        assertThat(d.isRunning(0)).isTrue();
        assertThat(d.pending()).isFalse();
    }

    @Nested
    class ATaskFailureAlone {
        @Test
        void redeploysFromTheCheckpointsTheCoordinatorRetainsWhenTheTimerFires() {
            Deployments d = running();
            long timer = d.restartScheduled();
            assertThat(d.isRunning(0)).as("the failed attempt's messages are stale").isFalse();

            AskRetained ask = (AskRetained) d.restartDue(timer);

            assertThat(d.retained(ask.request(), CHK_1)).isEqualTo(new Deploy(1, CHK_1));
            assertThat(d.isRunning(1)).isTrue();
        }

        @Test
        void ignoresAnAnswerThatComesTwice() {
            Deployments d = running();
            AskRetained ask = (AskRetained) d.restartDue(d.restartScheduled());
            d.retained(ask.request(), CHK_1);

            assertThat(d.retained(ask.request(), CHK_1)).isEqualTo(new Ignore());
            assertThat(d.restartDue(1)).isEqualTo(new Ignore());
        }
    }

    @Nested
    class ATaskFailureThenACoordinatorCrash {
        @Test
        void whenTheNewCoordinatorIsReadyBeforeTheTimerTheTimerAsksItAndDeploysOnce() {
            Deployments d = running();
            long timer = d.restartScheduled();
            int second = d.coordinatorStarting();

            assertThat(d.coordinatorReady(second, CHK_1)).as("the delay has not passed").isEqualTo(new Wait());
            AskRetained ask = (AskRetained) d.restartDue(timer);
            assertThat(d.retained(ask.request(), CHK_1)).isEqualTo(new Deploy(1, CHK_1));
            assertThat(d.pending()).isFalse();
        }

        @Test
        void whenTheTimerFiresBeforeTheNewCoordinatorIsReadyTheReadyCoordinatorDeploysOnce() {
            Deployments d = running();
            long timer = d.restartScheduled();
            int second = d.coordinatorStarting();

            assertThat(d.restartDue(timer)).isEqualTo(new Wait());
            assertThat(d.coordinatorReady(second, CHK_1)).isEqualTo(new Deploy(1, CHK_1));
            assertThat(d.restartDue(timer)).isEqualTo(new Ignore());
        }

        @Test
        void whenTheCrashedCoordinatorWasAskedItsLateAnswerIsIgnoredAndTheNewOneDeploys() {
            Deployments d = running();
            AskRetained ask = (AskRetained) d.restartDue(d.restartScheduled());
            int second = d.coordinatorStarting();

            assertThat(d.retained(ask.request(), NONE)).isEqualTo(new Ignore());
            assertThat(d.coordinatorReady(second, CHK_1)).isEqualTo(new Deploy(1, CHK_1));
        }
    }

    @Nested
    class ACoordinatorCrashThenATaskFailure {
        @Test
        void theReplacedAttemptsFailureSchedulesNothingAndTheNewCoordinatorDeploysOnce() {
            Deployments d = running();
            int second = d.coordinatorStarting();

            assertThat(d.isRunning(0)).as("a failure of attempt 0 is stale: no failover").isFalse();
            assertThat(d.coordinatorReady(second, CHK_1)).isEqualTo(new Deploy(1, CHK_1));
            assertThat(d.coordinatorReady(second, CHK_1)).as("ready only once").isEqualTo(new Ignore());
        }

        @Test
        void aSecondCrashBeforeTheFirstRestartedCoordinatorIsReadyIgnoresTheFirstOnesReady() {
            Deployments d = running();
            int second = d.coordinatorStarting();
            int third = d.coordinatorStarting();

            assertThat(d.coordinatorReady(second, NONE)).isEqualTo(new Ignore());
            assertThat(d.coordinatorReady(third, CHK_1)).isEqualTo(new Deploy(1, CHK_1));
        }
    }
}
