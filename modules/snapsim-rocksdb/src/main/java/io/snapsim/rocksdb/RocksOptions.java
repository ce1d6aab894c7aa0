package io.snapsim.rocksdb;

import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.StringAppendOperator;
import org.rocksdb.WriteOptions;

/**
 * The native option objects of one backend, made once and shared by every database and call of
 * that backend; they must outlive its databases and are closed with the backend.
 *
 * <p>Confined to the owning backend.
 */
final class RocksOptions implements AutoCloseable {
    final DBOptions database;
    final StringAppendOperator listAppend;
    final ColumnFamilyOptions columnFamily;
    /** The write-ahead log is off: checkpoints, not the log, make state durable (as in Flink). */
    final WriteOptions write;
    final ReadOptions pointRead;
    /** Full scans (snapshots, contents) must not evict the hot working set from the block cache. */
    final ReadOptions scan;
    final FlushOptions flush;

    RocksOptions() {
        RocksDB.loadLibrary();
        database = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                // the default opens table files with 16 new threads on every open; one backend opens often
                .setMaxFileOpeningThreads(1)
                .setInfoLogLevel(InfoLogLevel.HEADER_LEVEL)
                .setStatsDumpPeriodSec(0)
                .setStatsPersistPeriodSec(0)
                .setSkipStatsUpdateOnDbOpen(true)
                // without a write-ahead log a flush on close would only write state that is thrown away
                .setAvoidFlushDuringShutdown(true);
        // list elements are self-delimiting codec values, so appends need no separator
        listAppend = new StringAppendOperator("");
        columnFamily = new ColumnFamilyOptions().setMergeOperator(listAppend);
        write = new WriteOptions().setDisableWAL(true);
        pointRead = new ReadOptions();
        scan = new ReadOptions().setFillCache(false);
        flush = new FlushOptions().setWaitForFlush(true);
    }

    @Override
    public void close() {
        flush.close();
        scan.close();
        pointRead.close();
        write.close();
        columnFamily.close();
        listAppend.close();
        database.close();
    }
}
