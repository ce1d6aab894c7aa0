package io.snapsim.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JournalSettingsTest {

    @Test
    void pointsJournalAndSnapshotStoreAtOneSmallPoolOnTheH2File() {
        Path database = Path.of("runs", "job-1", "journal");
        Config config = JournalSettings.jdbcH2(database);

        assertThat(config.getString("pekko.persistence.journal.plugin")).isEqualTo("jdbc-journal");
        assertThat(config.getString("pekko.persistence.snapshot-store.plugin")).isEqualTo("jdbc-snapshot-store");
        assertThat(config.getString("jdbc-journal.use-shared-db")).isEqualTo("snapsim");
        assertThat(config.getString("jdbc-snapshot-store.use-shared-db")).isEqualTo("snapsim");
        assertThat(config.getString("pekko-persistence-jdbc.shared-databases.snapsim.db.url"))
                .startsWith("jdbc:h2:file:" + database.toAbsolutePath())
                .contains(";WRITE_DELAY=0");
        assertThat(config.getInt("pekko-persistence-jdbc.shared-databases.snapsim.db.maxConnections")).isEqualTo(2);
    }

    @Test
    void keepsJournalAndSnapshotsInMemory() {
        Config config = JournalSettings.inMemory();

        assertThat(config.getString("pekko.persistence.journal.plugin")).isEqualTo("pekko.persistence.journal.inmem");
        String snapshotStore = config.getString("pekko.persistence.snapshot-store.plugin");
        assertThat(config.getString(snapshotStore + ".class")).isEqualTo(InMemorySnapshotStore.class.getName());
    }
}
