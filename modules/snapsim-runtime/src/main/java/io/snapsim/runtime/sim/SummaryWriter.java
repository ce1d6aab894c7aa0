package io.snapsim.runtime.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.snapsim.core.checkpoint.CheckpointStats;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.history.RecordCounts;
import io.snapsim.core.job.JobResult;
import io.snapsim.core.job.RestoredSnapshot;
import io.snapsim.core.sim.FaultPlans;
import io.snapsim.core.sim.OptionalFault;
import io.snapsim.core.sim.SimulationSpec;
import io.snapsim.core.verdict.FaultReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's {@code summary.json}: the simulation, its configuration, each planned fault with
 * whether it fired, the counts, the checkpoint history and the verdict, every value as a typed JSON
 * field. Stateless.
 */
final class SummaryWriter {
    private SummaryWriter() {
    }

    static void write(SimulationSpec spec, SimulationResult result) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("simulation", spec.name());
        summary.put("file", String.valueOf(spec.file()));
        summary.put("job", spec.job());
        summary.put("parameters", spec.parameters());
        summary.put("parallelism", spec.parallelism());
        summary.put("seed", spec.seed());
        summary.put("sink", spec.sink().name().toLowerCase());
        summary.put("configuration", configMap(spec.config()));
        summary.put("faults", faults(result.faults()));
        var verdict = result.verdict();
        summary.put("verdict", Map.of("outcome", verdict.outcome().name(), "expectation", verdict.expectation(),
                "reason", verdict.reason()));
        if (verdict.comparison() != null) {
            summary.put("comparison", verdict.comparison());
        }
        if (!result.earlierOutputs().isEmpty()) {
            summary.put("earlierOutputs", result.earlierOutputs().stream().map(Path::toString).toList());
        }
        if (result.run() != null) {
            summary.put("run", resultMap(result.run(), result.records()));
        }
        if (result.reference() != null) {
            summary.put("reference", resultMap(result.reference(), null));
        }
        Path file = result.runDir().resolve("summary.json");
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), summary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** One object per planned fault: what it is (typed fields), whether it had to fire, and what happened. */
    private static List<Map<String, Object>> faults(FaultReport report) {
        List<Map<String, Object>> faults = new ArrayList<>();
        for (FaultReport.Entry entry : report.entries()) {
            Map<String, Object> fault = new LinkedHashMap<>();
            fault.put("index", entry.index());
            fault.put("type", entry.fault().type());
            fault.put("fields", FaultPlans.fieldsOf(entry.fault()));
            fault.put("mustFire", entry.fault().mustFire());
            if (entry.fault() instanceof OptionalFault optional) {
                fault.put("optional", optional.reason().name().toLowerCase().replace('_', '-'));
            }
            fault.put("fired", entry.fired());
            if (entry.fired()) {
                var firing = entry.firing();
                Map<String, Object> at = new LinkedHashMap<>();
                at.put("time", firing.time());
                at.put("actor", firing.actor());
                at.put("attempt", firing.attempt());
                if (firing.checkpoint() >= 0) {
                    at.put("checkpoint", firing.checkpoint());
                }
                at.put("detail", firing.detail());
                fault.put("firing", at);
                fault.put("firings", entry.firings());
            }
            if (entry.aftermath() != null) {
                fault.put("aftermath", entry.aftermath());
            }
            faults.add(fault);
        }
        return faults;
    }

    private static Map<String, String> configMap(Configuration config) {
        Map<String, String> map = new LinkedHashMap<>();
        config.settings().forEach((k, v) -> map.put(k, v.rawValue()));
        return map;
    }

    private static Map<String, Object> resultMap(JobResult r, RecordCounts records) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jobId", r.jobId());
        m.put("status", r.status().name());
        m.put("failure", r.failureMessage());
        m.put("restarts", r.restarts());
        if (records != null) {
            m.put("records", records);
        }
        m.put("recordsIn", r.recordsIn());
        m.put("recordsOut", r.recordsOut());
        m.put("wallMillis", r.wallMillis());
        m.put("latestCheckpoint", r.latestCheckpoint());
        m.put("restored", restoredMap(r.restored()));
        if (r.counts() != null) {
            m.put("checkpointCounts", r.counts());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CheckpointStats s : r.checkpointHistory()) {
            rows.add(checkpointRow(s));
        }
        m.put("checkpoints", rows);
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
        s.subtaskMetrics().forEach((id, metrics) -> subtasks.put(id.toString(), Map.of(
                "alignmentMillis", metrics.alignmentDurationMs(), "startDelayMillis", metrics.startDelayMs(),
                "syncMillis", metrics.syncDurationMs(), "asyncMillis", metrics.asyncDurationMs(),
                "checkpointedSize", metrics.stateSize())));
        row.put("subtasks", subtasks);
        return row;
    }
}
