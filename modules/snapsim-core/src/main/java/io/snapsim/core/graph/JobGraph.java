package io.snapsim.core.graph;

import io.snapsim.core.config.PipelineOptions;
import io.snapsim.core.state.KeyGroups;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished, immutable description of a job: operators with resolved uids, parallelism and max
 * parallelism, the edges between them, and the configuration keys the job's code set.
 */
public final class JobGraph {
    private final String jobName;
    private final List<ResolvedNode> nodes;
    private final List<StreamEdge> edges;
    private final Map<String, String> codeSettings;

    /**
     * An operator with everything resolved.
     *
     * @param maxParallelismDerived true when neither code nor configuration set the max parallelism and it was
     *                              derived from the parallelism ({@link KeyGroups#computeDefaultMaxParallelism});
     *                              a restore then adopts the snapshot's, as Flink does
     */
    public record ResolvedNode(int id, String uid, String name, String kind, int parallelism, int maxParallelism,
                               boolean maxParallelismDerived, OperatorFactory factory,
                               io.snapsim.core.source.ReplayableSource<?> source) {
        public boolean isSource() {
            return source != null;
        }
    }

    public JobGraph(String jobName, List<ResolvedNode> nodes, List<StreamEdge> edges, Map<String, String> codeSettings) {
        this.jobName = jobName;
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        this.codeSettings = Map.copyOf(codeSettings);
        Map<String, Integer> seen = new HashMap<>();
        for (ResolvedNode n : nodes) {
            if (seen.put(n.uid(), n.id()) != null) {
                throw new IllegalArgumentException("operator uid '" + n.uid() + "' is used twice; uids must be unique");
            }
        }
    }

    /**
     * Resolves parallelism, max parallelism and uids of the nodes built by the API. An operator's
     * max parallelism is its own if its code set one, else {@code jobMaxParallelism} (from code or
     * {@code pipeline.max-parallelism}) if positive, else derived from its parallelism.
     *
     * @throws IllegalArgumentException naming the operator when its parallelism exceeds its max parallelism
     */
    public static JobGraph resolve(String jobName, List<StreamNode> nodes, List<StreamEdge> edges,
                                   int defaultParallelism, int jobMaxParallelism, Map<String, String> codeSettings) {
        List<ResolvedNode> resolved = new ArrayList<>();
        Map<String, Integer> nameCount = new HashMap<>();
        for (StreamNode n : nodes) {
            int p = n.parallelism() > 0 ? n.parallelism() : defaultParallelism;
            int set = n.maxParallelism() > 0 ? n.maxParallelism() : jobMaxParallelism;
            int maxP = set > 0 ? set : KeyGroups.computeDefaultMaxParallelism(p);
            if (maxP < p) {
                throw new IllegalArgumentException("operator '" + n.name() + "': parallelism " + p
                        + " exceeds max parallelism " + maxP + "; set " + PipelineOptions.MAX_PARALLELISM.key()
                        + " (or setMaxParallelism in the job's code) to at least " + p);
            }
            String uid = n.uid();
            if (uid == null) {
                int count = nameCount.merge(n.name(), 1, Integer::sum);
                uid = count == 1 ? n.name() : n.name() + "-" + count;
            }
            resolved.add(new ResolvedNode(n.id(), uid, n.name(), n.kind(), p, maxP, set <= 0, n.factory(), n.source()));
        }
        return new JobGraph(jobName, resolved, edges, codeSettings);
    }

    public String jobName() {
        return jobName;
    }

    public List<ResolvedNode> nodes() {
        return nodes;
    }

    public List<StreamEdge> edges() {
        return edges;
    }

    public Map<String, String> codeSettings() {
        return codeSettings;
    }

    public ResolvedNode node(int id) {
        return nodes.stream().filter(n -> n.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + id));
    }

    public ResolvedNode nodeByUid(String uid) {
        return nodes.stream().filter(n -> n.uid().equals(uid)).findFirst().orElse(null);
    }

    public List<StreamEdge> inputsOf(int nodeId) {
        return edges.stream().filter(e -> e.targetId() == nodeId).toList();
    }

    public List<StreamEdge> outputsOf(int nodeId) {
        return edges.stream().filter(e -> e.sourceId() == nodeId).toList();
    }

    /**
     * A copy of this graph where every operator whose max parallelism was derived takes the one its
     * state in a snapshot was taken with ({@code byUid}; operators not in it keep theirs), as Flink
     * does on restore: the max parallelism never changes across a restore.
     *
     * @throws IllegalArgumentException naming the operator and both values when its parallelism
     *     exceeds the snapshot's max parallelism
     */
    public JobGraph withRestoredMaxParallelism(Map<String, Integer> byUid) {
        List<ResolvedNode> changed = new ArrayList<>();
        for (ResolvedNode n : nodes) {
            Integer restored = byUid.get(n.uid());
            if (restored == null || !n.maxParallelismDerived() || restored == n.maxParallelism()) {
                changed.add(n);
                continue;
            }
            if (n.parallelism() > restored) {
                throw new IllegalArgumentException("operator '" + n.uid() + "' runs at parallelism " + n.parallelism()
                        + ", above the max parallelism " + restored + " its state was taken with; the max parallelism"
                        + " cannot change across a restore, so run it at parallelism " + restored + " or less");
            }
            changed.add(new ResolvedNode(n.id(), n.uid(), n.name(), n.kind(), n.parallelism(), restored, true,
                    n.factory(), n.source()));
        }
        return new JobGraph(jobName, changed, edges, codeSettings);
    }
}
