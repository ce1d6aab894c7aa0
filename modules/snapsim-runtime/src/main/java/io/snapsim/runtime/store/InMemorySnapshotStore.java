package io.snapsim.runtime.store;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.pekko.dispatch.Futures;
import org.apache.pekko.persistence.SelectedSnapshot;
import org.apache.pekko.persistence.SnapshotMetadata;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
import org.apache.pekko.persistence.snapshot.japi.SnapshotStore;
import scala.concurrent.Future;

/**
 * A snapshot store plugin that keeps snapshots in memory for as long as its actor system lives, the
 * snapshot counterpart of Pekko's in-memory journal. Selected by {@link JournalSettings#inMemory()}.
 *
 * <p>Pekko instantiates it as a plugin actor; every method runs on that actor, so the map needs no
 * locking. Snapshots are kept as objects, not serialized: callers store immutable state. Every
 * operation completes at once, which keeps runs on a deterministic executor deterministic.
 */
public final class InMemorySnapshotStore extends SnapshotStore {

    private final Map<String, TreeMap<Long, SelectedSnapshot>> byPersistenceId = new HashMap<>();

    @Override
    public Future<Optional<SelectedSnapshot>> doLoadAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
        TreeMap<Long, SelectedSnapshot> snapshots = byPersistenceId.get(persistenceId);
        if (snapshots != null) {
            for (SelectedSnapshot candidate : snapshots.descendingMap().values()) {
                if (matches(criteria, candidate.metadata())) {
                    return Futures.successful(Optional.of(candidate));
                }
            }
        }
        return Futures.successful(Optional.empty());
    }

    @Override
    public Future<Void> doSaveAsync(SnapshotMetadata metadata, Object snapshot) {
        byPersistenceId
                .computeIfAbsent(metadata.persistenceId(), id -> new TreeMap<>())
                .put(metadata.sequenceNr(), SelectedSnapshot.create(metadata, snapshot));
        return Futures.successful(null);
    }

    @Override
    public Future<Void> doDeleteAsync(SnapshotMetadata metadata) {
        TreeMap<Long, SelectedSnapshot> snapshots = byPersistenceId.get(metadata.persistenceId());
        if (snapshots != null) {
            snapshots.remove(metadata.sequenceNr());
            dropIfEmpty(metadata.persistenceId(), snapshots);
        }
        return Futures.successful(null);
    }

    @Override
    public Future<Void> doDeleteAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
        TreeMap<Long, SelectedSnapshot> snapshots = byPersistenceId.get(persistenceId);
        if (snapshots != null) {
            Iterator<SelectedSnapshot> it = snapshots.values().iterator();
            while (it.hasNext()) {
                if (matches(criteria, it.next().metadata())) {
                    it.remove();
                }
            }
            dropIfEmpty(persistenceId, snapshots);
        }
        return Futures.successful(null);
    }

    private void dropIfEmpty(String persistenceId, TreeMap<Long, SelectedSnapshot> snapshots) {
        if (snapshots.isEmpty()) {
            byPersistenceId.remove(persistenceId);
        }
    }

    // SnapshotSelectionCriteria.matches is internal to Pekko, so the same bounds are checked here.
    private static boolean matches(SnapshotSelectionCriteria criteria, SnapshotMetadata metadata) {
        return metadata.sequenceNr() <= criteria.maxSequenceNr()
                && metadata.timestamp() <= criteria.maxTimestamp()
                && metadata.sequenceNr() >= criteria.minSequenceNr()
                && metadata.timestamp() >= criteria.minTimestamp();
    }
}
