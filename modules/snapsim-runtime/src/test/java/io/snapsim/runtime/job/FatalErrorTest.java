package io.snapsim.runtime.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.runtime.store.JournalSettings;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/**
 * A fatal error on a live job's actor thread (an OutOfMemoryError outside a task, which tasks
 * catch themselves) stops the job's actor system and fails the job's result; the JVM goes on, so
 * that the command can report an internal error and exit with 2 rather than Pekko's 255.
 */
class FatalErrorTest {

    @Test
    void aFatalErrorInAnActorStopsItsSystemAndFailsTheResultInsteadOfExitingTheJvm() throws Exception {
        ActorSystem<String> system = ActorSystem.create(Behaviors.<String>receiveMessage(message -> {
            throw new OutOfMemoryError("simulated: " + message);
        }), "fatal-error-test", JobRunner.systemConfig(JournalSettings.inMemory()));
        CompletableFuture<String> result = new CompletableFuture<>();
        JobRunner.failWhenStopped(system, result);

        system.tell("the job master's heap is full");

        assertThatThrownBy(() -> result.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fatal-error-test stopped before its job ended");
        assertThat(JobRunner.terminatedOrGivenUp(system, Duration.ofMillis(500)).get(10, TimeUnit.SECONDS))
                .as("the job's clean-up goes on although the failed actor keeps its system from terminating").isNull();
    }

    @Test
    void aResultCompletedBeforeTheSystemStopsKeepsItsValue() throws Exception {
        ActorSystem<String> system = ActorSystem.create(Behaviors.<String>empty(), "orderly-stop-test",
                JobRunner.systemConfig(JournalSettings.inMemory()));
        CompletableFuture<String> result = new CompletableFuture<>();
        JobRunner.failWhenStopped(system, result);

        result.complete("FINISHED");
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(result.get()).isEqualTo("FINISHED");
    }
}
