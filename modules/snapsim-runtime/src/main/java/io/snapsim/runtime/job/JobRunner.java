package io.snapsim.runtime.job;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.snapsim.core.graph.JobGraph;
import io.snapsim.core.job.JobResult;
import io.snapsim.runtime.store.JournalSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Starts a job in live execution: one actor system per job (named after the job id), the job master
 * as its guardian, a small thread pool for storage I/O, and the coordinator's durable journal (an
 * H2 database under {@code {checkpoints-dir}/{job-id}/journal/}), or the in-memory journal when
 * asked or when checkpointing is off. When the job ends the actor system is terminated and the
 * journal removed: a finished, cancelled or failed job is terminal.
 */
public final class JobRunner {
    /** Which journal the completed-checkpoint store uses. */
    public enum Journal { DURABLE, IN_MEMORY }

    private JobRunner() {
    }

    public static RunningJob start(JobGraph graph, JobRunSettings settings, Journal journal, long seed,
                                   Consumer<String> events) {
        JobPlan plan = JobPlan.of(graph);
        Path journalDir = settings.checkpointing() && journal == Journal.DURABLE
                ? settings.checkpointsDirectory().resolve(settings.jobId()).resolve("journal") : null;
        Config journalConfig = journalDir == null ? JournalSettings.inMemory()
                : JournalSettings.jdbcH2(journalDir.resolve("checkpoint-store"));
        Config config = journalConfig.withFallback(ConfigFactory.load());
        ExecutorService io = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "snapsim-io-" + settings.jobId());
            t.setDaemon(true);
            return t;
        });
        RuntimeServices services = new RuntimeServices(new SystemClock(), io, seeded(seed));
        CompletableFuture<JobResult> result = new CompletableFuture<>();
        ActorSystem<JobMaster.Command> system = ActorSystem.create(
                JobMaster.create(plan, settings, services, result, events), "job-" + settings.jobId(), config);
        CompletableFuture<JobResult> cleanedUp = new CompletableFuture<>();
        result.whenComplete((r, e) -> {
            system.terminate();
            system.getWhenTerminated().whenComplete((done, err) -> {
                io.shutdown();
                try {
                    io.awaitTermination(10, TimeUnit.SECONDS);
                    if (journalDir != null) {
                        deleteTree(journalDir);
                        deleteIfEmpty(settings.checkpointsDirectory().resolve(settings.jobId()));
                    }
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException cleanupFailure) {
                    // the job's result stands; a journal that could not be removed is left on disk
                }
                if (e != null) {
                    cleanedUp.completeExceptionally(e);
                } else {
                    cleanedUp.complete(r);
                }
            });
        });
        return new RunningJob(system, cleanedUp);
    }

    private static RandomGenerator seeded(long seed) {
        return new java.util.SplittableRandom(seed);
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            if (list.findAny().isEmpty()) {
                Files.delete(dir);
            }
        } catch (IOException ignored) {
            // the job directory holds retained checkpoints or does not exist: leave it
        }
    }
}
