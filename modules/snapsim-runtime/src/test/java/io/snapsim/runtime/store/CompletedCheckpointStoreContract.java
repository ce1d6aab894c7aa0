package io.snapsim.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenarios every journal must pass with the {@link CompletedCheckpointStore}. One actor system
 * per journal and test class; each test uses a job id of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CompletedCheckpointStoreContract {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final AtomicInteger jobs = new AtomicInteger();

    ActorTestKit testKit;
    String jobId;

    /** The journal fragment under test; {@code dir} is a folder the class may write to. */
    abstract Config journalConfig(Path dir);

    /** Settings every test system shares: quiet logs, and events checked for serializability. */
    static Config testSystemConfig(Config journal) {
        return journal.withFallback(ConfigFactory.parseString("""
                pekko.loglevel = WARNING
                pekko.persistence.journal.inmem.test-serialization = on
                """)).withFallback(ConfigFactory.defaultReference()).resolve();
    }

    @BeforeAll
    void startActorSystem(@TempDir Path dir) throws Exception {
        testKit = startSystem(getClass().getSimpleName(), journalConfig(dir));
    }

    /** Starts an actor system on the journal and prepares it, printing how long each step took. */
    static ActorTestKit startSystem(String name, Config journal) throws Exception {
        long start = System.nanoTime();
        ActorTestKit kit = ActorTestKit.create(name, testSystemConfig(journal));
        long created = System.nanoTime();
        JournalSettings.prepare(kit.system()).toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        long prepared = System.nanoTime();
        System.out.printf("start [%s, %s]: actor system %d ms, journal prepared %d ms later%n",
                name, journal.getString("pekko.persistence.journal.plugin"),
                (created - start) / 1_000_000, (prepared - created) / 1_000_000);
        return kit;
    }

    @AfterAll
    void stopActorSystem() {
        testKit.shutdownTestKit();
    }

    @BeforeEach
    void newJob() {
        jobId = "job-" + jobs.incrementAndGet();
    }

    static CheckpointEntry entry(long id) {
        return new CheckpointEntry(id, 1_000 * id, 1_000 * id + 250, "/checkpoints/chk-" + id + "/_metadata", 64 * id, false);
    }

    ActorRef<CompletedCheckpointStore.Command> spawnStore() {
        return testKit.spawn(CompletedCheckpointStore.create(jobId));
    }

    ActorRef<CompletedCheckpointStore.Command> spawn(Behavior<CompletedCheckpointStore.Command> behavior) {
        return testKit.spawn(behavior);
    }

    void add(ActorRef<CompletedCheckpointStore.Command> store, CheckpointEntry entry) {
        add(testKit, store, entry);
    }

    void remove(ActorRef<CompletedCheckpointStore.Command> store, long checkpointId) {
        TestProbe<Done> probe = testKit.createTestProbe();
        store.tell(new CompletedCheckpointStore.Remove(checkpointId, probe.ref()));
        probe.expectMessage(TIMEOUT, Done.getInstance());
    }

    List<CheckpointEntry> getAll(ActorRef<CompletedCheckpointStore.Command> store) {
        return getAll(testKit, store);
    }

    static void add(ActorTestKit kit, ActorRef<CompletedCheckpointStore.Command> store, CheckpointEntry entry) {
        TestProbe<Done> probe = kit.createTestProbe();
        store.tell(new CompletedCheckpointStore.Add(entry, probe.ref()));
        probe.expectMessage(TIMEOUT, Done.getInstance());
    }

    static List<CheckpointEntry> getAll(ActorTestKit kit, ActorRef<CompletedCheckpointStore.Command> store) {
        TestProbe<List<CheckpointEntry>> probe = kit.createTestProbe();
        store.tell(new CompletedCheckpointStore.GetAll(probe.ref()));
        return probe.receiveMessage(TIMEOUT);
    }

    @Test
    void answersAnEmptyListForAJobWithoutCheckpoints() {
        assertThat(getAll(spawnStore())).isEmpty();
    }

    @Test
    void listsAddedCheckpointsInAscendingIdOrder() {
        var store = spawnStore();
        add(store, entry(3));
        add(store, entry(1));
        add(store, entry(2));

        assertThat(getAll(store)).containsExactly(entry(1), entry(2), entry(3));
    }

    @Test
    void forgetsARemovedCheckpoint() {
        var store = spawnStore();
        add(store, entry(1));
        add(store, entry(2));
        add(store, entry(3));
        remove(store, 2);

        assertThat(getAll(store)).containsExactly(entry(1), entry(3));
    }

    @Test
    void answersARepeatedAddWithoutReplacingTheStoredEntry() {
        var store = spawnStore();
        add(store, entry(1));
        add(store, entry(1));
        CheckpointEntry conflicting = new CheckpointEntry(1, 5, 6, "/elsewhere/_metadata", 1, true);
        LoggingTestKit.warn("Checkpoint 1 is already stored").expect(testKit.system(), () -> {
            add(store, conflicting);
            return null;
        });

        assertThat(getAll(store)).containsExactly(entry(1));
    }

    @Test
    void answersRemovingAnUnknownOrAlreadyRemovedCheckpoint() {
        var store = spawnStore();
        add(store, entry(1));
        remove(store, 7);
        remove(store, 1);
        remove(store, 1);

        assertThat(getAll(store)).isEmpty();
    }

    @Test
    void keepsTheCheckpointsOfDifferentJobsApart() {
        var first = spawnStore();
        add(first, entry(1));
        newJob();
        var second = spawnStore();
        add(second, entry(2));

        assertThat(getAll(first)).containsExactly(entry(1));
        assertThat(getAll(second)).containsExactly(entry(2));
    }

    @Test
    void recoversItsCheckpointsWhenSpawnedAgainAfterStopping() {
        var store = spawnStore();
        add(store, entry(1));
        add(store, entry(2));
        add(store, entry(3));
        remove(store, 1);
        testKit.stop(store, TIMEOUT);

        assertThat(getAll(spawnStore())).containsExactly(entry(2), entry(3));
    }

    static final int SMALL_SNAPSHOT_INTERVAL = 3;

    static final CheckpointEntry SAVEPOINT = new CheckpointEntry(0, 10, 20, "/savepoints/sp-0/_metadata", 32, true);

    /**
     * Writes 24 events with a snapshot every 3 events, so that the events recording {@link #SAVEPOINT}
     * are deleted and only a snapshot can bring it back, then stops the store.
     */
    void churnThroughSnapshots() {
        var store = spawn(CompletedCheckpointStore.create(jobId, SMALL_SNAPSHOT_INTERVAL));
        add(store, SAVEPOINT);
        for (long id = 1; id <= 12; id++) {
            add(store, entry(id));
            if (id > 2) {
                remove(store, id - 2); // keep the latest two, as a coordinator with retention 2 would
            }
        }
        add(store, entry(20));
        testKit.stop(store, TIMEOUT);
    }

    @Test
    void recoversFromSnapshotsAfterManyChanges() {
        churnThroughSnapshots();

        var recovered = spawn(CompletedCheckpointStore.create(jobId, SMALL_SNAPSHOT_INTERVAL));
        assertThat(getAll(recovered)).containsExactly(SAVEPOINT, entry(11), entry(12), entry(20));
        add(recovered, entry(21));
        assertThat(getAll(recovered)).containsExactly(SAVEPOINT, entry(11), entry(12), entry(20), entry(21));
    }
}
