package io.snapsim.runtime.store;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.dispatch.Futures;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.japi.AsyncWriteJournal;
import scala.concurrent.Future;

/**
 * A journal plugin for tests that fails as its configuration says: {@code fail = writes} answers
 * every write with an I/O error (an empty journal otherwise), {@code fail = replay} cannot even
 * read a journal back. Pekko instantiates it as a plugin actor; it keeps no state.
 */
public final class FailingJournal extends AsyncWriteJournal {

    /** What fails. */
    public enum Failure { WRITES, REPLAY }

    private static final String PLUGIN = "snapsim.test.failing-journal";

    private final Failure failure;

    public FailingJournal(Config config) {
        this.failure = Failure.valueOf(config.getString("fail").toUpperCase());
    }

    /** The journal configuration of an actor system whose journal fails as {@code failure} says. */
    public static Config config(Failure failure) {
        return ConfigFactory.parseMap(Map.of(
                "pekko.persistence.journal.plugin", PLUGIN,
                PLUGIN + ".class", FailingJournal.class.getName(),
                PLUGIN + ".plugin-dispatcher", "pekko.actor.default-dispatcher",
                PLUGIN + ".fail", failure.name().toLowerCase()), "FailingJournal")
                .withFallback(JournalSettings.inMemory());
    }

    @Override
    public Future<Iterable<Optional<Exception>>> doAsyncWriteMessages(Iterable<AtomicWrite> messages) {
        return Futures.failed(new IOException("the test journal's disk is full"));
    }

    @Override
    public Future<Void> doAsyncDeleteMessagesTo(String persistenceId, long toSequenceNr) {
        return Futures.successful(null);
    }

    @Override
    public Future<Void> doAsyncReplayMessages(String persistenceId, long fromSequenceNr, long toSequenceNr, long max,
                                              Consumer<PersistentRepr> replayCallback) {
        return failure == Failure.REPLAY ? Futures.failed(new IOException("the test journal cannot be read"))
                : Futures.successful(null);
    }

    @Override
    public Future<Long> doAsyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
        return failure == Failure.REPLAY ? Futures.failed(new IOException("the test journal cannot be read"))
                : Futures.successful(0L);
    }
}
