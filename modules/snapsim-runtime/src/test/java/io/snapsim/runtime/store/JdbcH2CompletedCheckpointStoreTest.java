package io.snapsim.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on pekko-persistence-jdbc with an H2 database file. */
class JdbcH2CompletedCheckpointStoreTest extends CompletedCheckpointStoreContract {

    private Path classDatabase;

    @Override
    Config journalConfig(Path dir) {
        classDatabase = dir.resolve("journal");
        return JournalSettings.jdbcH2(classDatabase);
    }

    @Test
    void aRepeatedAddOrRemoveWritesNoEvent() throws SQLException {
        var store = spawnStore();
        add(store, entry(1));
        add(store, entry(1));
        remove(store, 1);
        remove(store, 1);

        assertThat(count(classDatabase, "event_journal", jobId)).isEqualTo(2);
    }

    @Test
    void replacesOldEventsBySnapshotsInTheDatabase() {
        churnThroughSnapshots();

        // 24 events make 8 snapshots. Pekko deletes old snapshots and events after the replies and
        // cuts that short when the store stops, so only the direction is certain, not exact counts.
        testKit.createTestProbe().awaitAssert(TIMEOUT, () -> {
            assertThat(count(classDatabase, "snapshot", jobId)).isBetween(1L, 7L);
            assertThat(count(classDatabase, "event_journal", jobId)).isLessThan(24);
            return null;
        });
    }

    @Test
    void aRestartedActorSystemRecoversTheCheckpointsFromTheDatabaseFile(@TempDir Path dir) throws Exception {
        Path database = dir.resolve("job");
        List<CheckpointEntry> completed = List.of(entry(4), entry(5), entry(7));

        ActorTestKit first = startSystem("first", JournalSettings.jdbcH2(database));
        try {
            var store = first.spawn(CompletedCheckpointStore.create(jobId));
            for (CheckpointEntry entry : completed) {
                add(first, store, entry);
            }
        } finally {
            first.shutdownTestKit();
        }
        assertThat(Path.of(database + ".mv.db")).isRegularFile();
        assertThat(sessionsOpenedByOthers(database))
                .as("sessions the terminated system's pool left open")
                .isZero();

        ActorTestKit second = startSystem("second", JournalSettings.jdbcH2(database));
        try {
            long start = System.nanoTime();
            var store = second.spawn(CompletedCheckpointStore.create(jobId));
            List<CheckpointEntry> recovered = getAll(second, store);
            System.out.printf("start [second]: store spawned, recovered and answered in %d ms%n",
                    (System.nanoTime() - start) / 1_000_000);
            assertThat(recovered).isEqualTo(completed);
        } finally {
            second.shutdownTestKit();
        }
    }

    @Test
    void answeredAddsSurviveADatabaseThatStopsWithoutClosing(@TempDir Path dir) throws Exception {
        Path database = dir.resolve("job");
        ActorTestKit crashed = startSystem("crashed", JournalSettings.jdbcH2(database));
        try {
            var store = crashed.spawn(CompletedCheckpointStore.create(jobId));
            add(crashed, store, entry(1));
            add(crashed, store, entry(2));
            // As if the process were killed: H2 drops the database without flushing or closing its file.
            try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN IMMEDIATELY");
            }
        } finally {
            crashed.shutdownTestKit();
        }

        ActorTestKit restarted = startSystem("restarted", JournalSettings.jdbcH2(database));
        try {
            var store = restarted.spawn(CompletedCheckpointStore.create(jobId));
            assertThat(getAll(restarted, store)).containsExactly(entry(1), entry(2));
        } finally {
            restarted.shutdownTestKit();
        }
    }

    private static Connection connect(Path database) throws SQLException {
        return DriverManager.getConnection(JournalSettings.h2Url(database), "sa", "");
    }

    /** Sessions besides the asking one; connections in one JVM share H2's open database. */
    private static long sessionsOpenedByOthers(Path database) throws SQLException {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            rows.next();
            return rows.getLong(1) - 1;
        }
    }

    /** Rows of that pekko-persistence-jdbc table belonging to the job's store. */
    private static long count(Path database, String table, String jobId) throws SQLException {
        try (Connection connection = connect(database);
                PreparedStatement query = connection.prepareStatement(
                        "SELECT COUNT(*) FROM \"" + table + "\" WHERE \"persistence_id\" = ?")) {
            query.setString(1, CompletedCheckpointStore.persistenceId(jobId).id());
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
