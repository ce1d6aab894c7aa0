package io.snapsim.core.run;

import io.snapsim.core.checkpoint.CheckpointStats;
import io.snapsim.core.job.RestoredSnapshot;
import io.snapsim.core.storage.AtomicFiles;
import io.snapsim.core.verdict.FaultReport;
import io.snapsim.core.verdict.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's {@code summary.json} from its record and verdict: the simulation, its
 * configuration, each planned fault with whether it fired, the counts, the checkpoint history and
 * the verdict, every value as a typed JSON field. Stateless.
 */
public final class SummaryJson {
    private SummaryJson() {
    }

    /** Writes {@code summary.json} into the run's folder, atomically. */
    public static void write(RunRecord record, Verdict verdict) {
        Map<String, Object> summary = simulation(record.inputs());
        summary.put("faults", faults(record.faults()));
        summary.put("verdict", verdict(verdict));
        if (verdict.comparison() != null) {
            summary.put("comparison", verdict.comparison());
        }
        if (!record.inputs().earlierOutputs().isEmpty()) {
            summary.put("earlierOutputs", record.inputs().earlierOutputs());
        }
        if (record.run() != null) {
            summary.put("run", run(record));
        }
        if (record.reference() != null) {
            summary.put("reference", jobMap(record.reference()));
        }
        Path file = record.runDir().resolve(RunFolder.SUMMARY);
        try {
            AtomicFiles.write(file, RunFolder.mapper().writeValueAsBytes(summary), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The simulation that ran: file, job, parameters, seed, execution, sink and configuration. */
    private static Map<String, Object> simulation(RunInputs in) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("simulation", in.simulation());
        summary.put("file", in.file());
        summary.put("job", in.job());
        summary.put("parameters", in.parameters());
        summary.put("parallelism", in.parallelism());
        summary.put("seed", in.seed());
        summary.put("execution", in.execution());
        summary.put("sink", in.sink());
        Map<String, String> configuration = new LinkedHashMap<>();
        in.configuration().forEach((key, setting) -> configuration.put(key, setting.value()));
        summary.put("configuration", configuration);
        return summary;
    }

    private static Map<String, Object> verdict(Verdict verdict) {
        Map<String, Object> judged = new LinkedHashMap<>();
        judged.put("outcome", verdict.outcome().name());
        judged.put("expectation", verdict.expectation());
        judged.put("reason", verdict.reason());
        return judged;
    }

    /** The run under faults: its job id, its record, the checkpoint it retained and what it restored. */
    private static Map<String, Object> run(RunRecord record) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("jobId", record.inputs().jobId());
        run.putAll(jobMap(record.run()));
        Path retained = record.retainedMetadata();
        run.put("latestCheckpoint", retained == null ? null : retained.toString());
        run.put("restored", restoredMap(record.inputs().restoredFrom()));
        return run;
    }

    /** One object per planned fault: what it is (typed fields), whether it had to fire, and what happened. */
    private static List<Map<String, Object>> faults(FaultReport report) {
        List<Map<String, Object>> faults = new ArrayList<>();
        for (FaultReport.Entry entry : report.entries()) {
            Map<String, Object> fault = new LinkedHashMap<>();
            fault.put("index", entry.index());
            fault.put("type", entry.fault().type());
            fault.put("fields", entry.fault().fields());
            fault.put("mustFire", entry.fault().mustFire());
            if (entry.fault().optional() != null) {
                fault.put("optional", entry.fault().optional());
            }
            fault.put("fired", entry.fired());
            if (entry.fired()) {
                fault.put("firing", firingMap(entry.firing()));
                fault.put("firings", entry.firings());
            }
            if (entry.aftermath() != null) {
                fault.put("aftermath", entry.aftermath());
            }
            faults.add(fault);
        }
        return faults;
    }

    private static Map<String, Object> firingMap(FaultReport.Firing firing) {
        Map<String, Object> at = new LinkedHashMap<>();
        at.put("time", firing.time());
        at.put("actor", firing.actor());
        at.put("attempt", firing.attempt());
        if (firing.checkpoint() >= 0) {
            at.put("checkpoint", firing.checkpoint());
        }
        at.put("detail", firing.detail());
        return at;
    }

    private static Map<String, Object> jobMap(JobRecord job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", job.ended() ? job.status().name() : "DID_NOT_END");
        m.put("failure", job.failureMessage());
        m.put("restarts", job.restarts());
        m.put("records", job.records());
        m.put("recordsIn", job.records().finalSourceRecords());
        m.put("recordsOut", job.records().finalSinkRecords());
        m.put("durationMillis", job.durationMillis());
        if (job.counts() != null) {
            m.put("checkpointCounts", job.counts());
        }
        m.put("checkpoints", job.checkpointHistory().stream().map(SummaryJson::checkpointRow).toList());
        return m;
    }

    /** What the run was submitted from ({@code run -s}), or null. */
    private static Map<String, Object> restoredMap(RestoredSnapshot restored) {
        if (restored == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", restored.kind().name().toLowerCase());
        m.put("checkpointId", restored.checkpointId());
        m.put("jobId", restored.jobId());
        m.put("metadataPath", restored.metadataPath());
        return m;
    }

    private static Map<String, Object> checkpointRow(CheckpointStats s) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", s.checkpointId());
        row.put("kind", s.kind().name().toLowerCase());
        row.put("status", s.status().name());
        row.put("triggerTime", s.triggerTimestamp());
        row.put("latestAck", s.latestAckTimestamp());
        row.put("endToEndMillis", s.endToEndDurationMs());
        row.put("stateSize", s.stateSize());
        row.put("checkpointedSize", s.checkpointedSize());
        row.put("acknowledged", s.numAcknowledged() + "/" + s.numTasks());
        if (s.failureReason() != null) {
            row.put("failure", s.failureReason() + ": " + s.failureMessage());
        }
        Map<String, Object> subtasks = new LinkedHashMap<>();
        s.subtaskMetrics().forEach((id, metrics) -> {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("alignmentMillis", metrics.alignmentDurationMs());
            figures.put("startDelayMillis", metrics.startDelayMs());
            figures.put("syncMillis", metrics.syncDurationMs());
            figures.put("asyncMillis", metrics.asyncDurationMs());
            figures.put("checkpointedSize", metrics.stateSize());
            subtasks.put(id.toString(), figures);
        });
        row.put("subtasks", subtasks);
        return row;
    }
}
