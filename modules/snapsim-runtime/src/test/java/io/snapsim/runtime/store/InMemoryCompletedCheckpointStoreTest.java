package io.snapsim.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.nio.file.Path;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;

/** The store on Pekko's in-memory journal and snapsim's in-memory snapshot store. */
class InMemoryCompletedCheckpointStoreTest extends CompletedCheckpointStoreContract {

    @Override
    Config journalConfig(Path dir) {
        return JournalSettings.inMemory();
    }

    @Test
    void prepareCompletesAtOnce() {
        assertThat(JournalSettings.prepare(testKit.system()).toCompletableFuture()).isCompleted();
    }

    @Test
    void forgetsEverythingWithItsActorSystem() throws Exception {
        add(spawnStore(), entry(1));

        ActorTestKit next = startSystem("InMemoryNext", JournalSettings.inMemory());
        try {
            assertThat(getAll(next, next.spawn(CompletedCheckpointStore.create(jobId)))).isEmpty();
        } finally {
            next.shutdownTestKit();
        }
    }
}
