package io.snapsim.core.graph;

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

    /** An operator with everything resolved. */
    public record ResolvedNode(int id, String uid, String name, String kind, int parallelism, int maxParallelism,
                               OperatorFactory factory, io.snapsim.core.source.ReplayableSource<?> source) {
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

    /** Resolves parallelism and uids of the nodes built by the API. */
    public static JobGraph resolve(String jobName, List<StreamNode> nodes, List<StreamEdge> edges,
                                   int defaultParallelism, int defaultMaxParallelism, Map<String, String> codeSettings) {
        List<ResolvedNode> resolved = new ArrayList<>();
        Map<String, Integer> nameCount = new HashMap<>();
        for (StreamNode n : nodes) {
            int p = n.parallelism() > 0 ? n.parallelism() : defaultParallelism;
            int maxP = n.maxParallelism() > 0 ? n.maxParallelism() : defaultMaxParallelism;
            if (maxP < p) {
                throw new IllegalArgumentException("operator '" + n.name() + "': parallelism " + p
                        + " exceeds max parallelism " + maxP);
            }
            String uid = n.uid();
            if (uid == null) {
                int count = nameCount.merge(n.name(), 1, Integer::sum);
                uid = count == 1 ? n.name() : n.name() + "-" + count;
            }
            resolved.add(new ResolvedNode(n.id(), uid, n.name(), n.kind(), p, maxP, n.factory(), n.source()));
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

    /** A copy of this graph with every operator's parallelism replaced (for {@code -p}). */
    public JobGraph withParallelism(int parallelism) {
        List<ResolvedNode> changed = nodes.stream().map(n -> new ResolvedNode(n.id(), n.uid(), n.name(), n.kind(),
                parallelism, Math.max(n.maxParallelism(), parallelism), n.factory(), n.source())).toList();
        return new JobGraph(jobName, changed, edges, codeSettings);
    }
}
