package io.snapsim.runtime.store;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.testkit.javadsl.SchemaUtils;

/**
 * Builds the configuration fragments that choose where Pekko Persistence keeps journals and
 * snapshots. The job runner merges one of them over its own settings
 * ({@code JournalSettings.jdbcH2(path).withFallback(base)}) before creating the actor system, then
 * calls {@link #prepare} once before spawning persistent actors. Stateless; callable from any thread.
 */
public final class JournalSettings {

    /** Journal plugin id of pekko-persistence-jdbc. */
    static final String JDBC_JOURNAL = "jdbc-journal";

    static final String JDBC_SNAPSHOT_STORE = "jdbc-snapshot-store";
    static final String INMEM_JOURNAL = "pekko.persistence.journal.inmem";
    static final String INMEM_SNAPSHOT_STORE = "snapsim.persistence.snapshot-store.inmem";

    private static final String JDBC_JOURNAL_CLASS = "org.apache.pekko.persistence.jdbc.journal.JdbcAsyncWriteJournal";
    private static final String SHARED_DB = "snapsim";

    private JournalSettings() {}

    /**
     * Journal and snapshot store in pekko-persistence-jdbc tables of an embedded H2 database file;
     * survives the actor system and the JVM. Journal, snapshot store and read journal share one small
     * connection pool: one job runs per actor system on a 2-core machine.
     *
     * <p>{@code WRITE_DELAY=0} makes H2 write each commit to the file at once, so a checkpoint whose
     * {@code Add} was answered survives even a killed process; the cost is one file write per event,
     * a few per checkpoint.
     *
     * @param databaseFileWithoutSuffix the database file without H2's {@code .mv.db} suffix; made
     *     absolute, and created with its tables by {@link #prepare} if missing
     */
    public static Config jdbcH2(Path databaseFileWithoutSuffix) {
        Objects.requireNonNull(databaseFileWithoutSuffix, "databaseFileWithoutSuffix");
        return ConfigFactory.parseMap(jdbcH2Settings(h2Url(databaseFileWithoutSuffix)), "snapsim JournalSettings.jdbcH2");
    }

    /** The JDBC url {@link #jdbcH2} connects to, for tools that open the same database. */
    public static String h2Url(Path databaseFileWithoutSuffix) {
        // Closing is left to the pool at actor system termination, not to H2's JVM shutdown hook,
        // which would race with Pekko's coordinated shutdown.
        return "jdbc:h2:file:" + databaseFileWithoutSuffix.toAbsolutePath().normalize()
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    /**
     * Pekko's in-memory journal and snapsim's {@link InMemorySnapshotStore}: both live exactly as long
     * as the actor system. For tests and deterministic runs; nothing is written to disk.
     */
    public static Config inMemory() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("pekko.persistence.journal.plugin", INMEM_JOURNAL);
        settings.put("pekko.persistence.snapshot-store.plugin", INMEM_SNAPSHOT_STORE);
        settings.put(INMEM_SNAPSHOT_STORE + ".class", InMemorySnapshotStore.class.getName());
        settings.put(INMEM_SNAPSHOT_STORE + ".plugin-dispatcher", "pekko.actor.default-dispatcher");
        return ConfigFactory.parseMap(settings, "snapsim JournalSettings.inMemory");
    }

    /**
     * Makes the configured journal ready for use: creates the pekko-persistence-jdbc tables if they do
     * not exist yet, and completes at once for any other journal. Call once after creating the actor
     * system and before spawning persistent actors; safe to call again on an existing database.
     */
    public static CompletionStage<Done> prepare(ActorSystem<?> system) {
        Config config = system.settings().config();
        String journal = config.getString("pekko.persistence.journal.plugin");
        boolean jdbc = !journal.isEmpty()
                && config.hasPath(journal + ".class")
                && JDBC_JOURNAL_CLASS.equals(config.getString(journal + ".class"));
        if (!jdbc) {
            return CompletableFuture.completedFuture(Done.getInstance());
        }
        return SchemaUtils.createIfNotExists(journal, system);
    }

    private static Map<String, Object> jdbcH2Settings(String url) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("pekko.persistence.journal.plugin", JDBC_JOURNAL);
        settings.put("pekko.persistence.snapshot-store.plugin", JDBC_SNAPSHOT_STORE);

        String shared = "pekko-persistence-jdbc.shared-databases." + SHARED_DB;
        settings.put(shared + ".profile", "slick.jdbc.H2Profile$");
        settings.put(shared + ".db.url", url);
        settings.put(shared + ".db.driver", "org.h2.Driver");
        settings.put(shared + ".db.user", "sa");
        settings.put(shared + ".db.password", "");
        settings.put(shared + ".db.connectionPool", "HikariCP");
        // Events of one job are written one batch at a time; two connections leave one for recovery
        // or the schema check, and the async executor needs no more threads than connections.
        settings.put(shared + ".db.numThreads", 2);
        settings.put(shared + ".db.maxConnections", 2);
        settings.put(shared + ".db.minConnections", 1);
        settings.put(shared + ".db.queueSize", 1000);
        settings.put(shared + ".db.connectionTimeout", 10_000);
        settings.put(shared + ".db.keepAliveConnection", false);

        for (String plugin : new String[] {JDBC_JOURNAL, JDBC_SNAPSHOT_STORE, "jdbc-read-journal"}) {
            settings.put(plugin + ".use-shared-db", SHARED_DB);
        }
        return settings;
    }
}
