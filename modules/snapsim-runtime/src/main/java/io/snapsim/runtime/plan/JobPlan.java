package io.snapsim.runtime.plan;

import io.snapsim.core.api.functions.KeySelector;
import io.snapsim.core.graph.JobGraph.ResolvedNode;
import io.snapsim.core.graph.JobGraph;
import io.snapsim.core.graph.Partitioning;
import io.snapsim.core.graph.StreamEdge;
import io.snapsim.core.history.JobEvents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The physical plan of a job: operators fused into chains (one task per chain and subtask, as
 * Flink's operator chaining), the edges between chains, and the channel numbering on both ends
 * of every edge. Immutable.
 */
public final class JobPlan {
    /** A chain of operators run by one task per subtask; the head decides the inputs. */
    public record Vertex(int id, List<ResolvedNode> chain, int parallelism, int maxParallelism) {
        public ResolvedNode head() {
            return chain.get(0);
        }

        public boolean isSource() {
            return head().isSource();
        }

        public String name() {
            return chain.stream().map(ResolvedNode::uid).reduce((a, b) -> a + "->" + b).orElseThrow();
        }

        /** The name of the task that runs {@code subtask} of this chain, as the history calls it: {@code sum->sink#0}. */
        public String taskName(int subtask) {
            return name() + "#" + subtask;
        }
    }

    /** An edge between two vertices. */
    public record Edge(int from, int to, int targetInput, Partitioning partitioning, KeySelector<?, ?> keySelector) {
    }

    /** One input channel of a receiving subtask: which edge, which upstream subtask, which operator input. */
    public record InputChannel(Edge edge, int upstreamSubtask) {
    }

    private final JobGraph graph;
    private final List<Vertex> vertices;
    private final List<Edge> edges;

    private JobPlan(JobGraph graph, List<Vertex> vertices, List<Edge> edges) {
        this.graph = graph;
        this.vertices = List.copyOf(vertices);
        this.edges = List.copyOf(edges);
    }

    /** Fuses FORWARD edges between operators of equal parallelism where the downstream has only that input. */
    public static JobPlan of(JobGraph graph) {
        Map<Integer, Integer> chainOf = new HashMap<>();
        Map<Integer, List<ResolvedNode>> chains = chains(graph, chainOf);
        List<Vertex> vertices = new ArrayList<>();
        for (Map.Entry<Integer, List<ResolvedNode>> e : chains.entrySet()) {
            ResolvedNode head = e.getValue().get(0);
            for (ResolvedNode n : e.getValue()) {
                if (n.parallelism() != head.parallelism()) {
                    throw new IllegalStateException("chained operators must share parallelism");
                }
            }
            vertices.add(new Vertex(e.getKey(), List.copyOf(e.getValue()), head.parallelism(), head.maxParallelism()));
        }
        return new JobPlan(graph, vertices, edgesBetween(graph, chainOf, vertices));
    }

    /** The chains by number, in the graph's node order, and in {@code chainOf} each node's chain. */
    private static Map<Integer, List<ResolvedNode>> chains(JobGraph graph, Map<Integer, Integer> chainOf) {
        Map<Integer, List<ResolvedNode>> chains = new LinkedHashMap<>();
        for (ResolvedNode node : graph.nodes()) {
            List<StreamEdge> inputs = graph.inputsOf(node.id());
            Integer headChain = null;
            if (inputs.size() == 1) {
                StreamEdge in = inputs.get(0);
                ResolvedNode up = graph.node(in.sourceId());
                if (in.partitioning() == Partitioning.FORWARD && up.parallelism() == node.parallelism()
                        && graph.outputsOf(up.id()).size() == 1 && chainOf.containsKey(up.id())) {
                    headChain = chainOf.get(up.id());
                }
            }
            if (headChain == null) {
                headChain = chains.size();
                chains.put(headChain, new ArrayList<>());
            }
            chains.get(headChain).add(node);
            chainOf.put(node.id(), headChain);
        }
        return chains;
    }

    /** The graph's edges between chains; a FORWARD edge between different parallelisms becomes a REBALANCE. */
    private static List<Edge> edgesBetween(JobGraph graph, Map<Integer, Integer> chainOf, List<Vertex> vertices) {
        List<Edge> edges = new ArrayList<>();
        for (StreamEdge se : graph.edges()) {
            int from = chainOf.get(se.sourceId());
            int to = chainOf.get(se.targetId());
            if (from != to) {
                if (se.partitioning() == Partitioning.FORWARD
                        && vertices.get(from).parallelism() != vertices.get(to).parallelism()) {
                    edges.add(new Edge(from, to, se.targetInput(), Partitioning.REBALANCE, null));
                } else {
                    edges.add(new Edge(from, to, se.targetInput(), se.partitioning(), se.keySelector()));
                }
            }
        }
        return edges;
    }

    public JobGraph graph() {
        return graph;
    }

    public List<Vertex> vertices() {
        return vertices;
    }

    public Vertex vertex(int id) {
        return vertices.get(id);
    }

    public List<Edge> inputsOf(int vertex) {
        return edges.stream().filter(e -> e.to() == vertex).toList();
    }

    public List<Edge> outputsOf(int vertex) {
        return edges.stream().filter(e -> e.from() == vertex).toList();
    }

    /** The input channels of subtask {@code subtask} of {@code vertex}, in channel-index order. */
    public List<InputChannel> inputChannels(int vertex, int subtask) {
        List<InputChannel> channels = new ArrayList<>();
        for (Edge e : inputsOf(vertex)) {
            if (e.partitioning() == Partitioning.FORWARD) {
                channels.add(new InputChannel(e, subtask));
            } else {
                for (int i = 0; i < vertices.get(e.from()).parallelism(); i++) {
                    channels.add(new InputChannel(e, i));
                }
            }
        }
        return channels;
    }

    /** The channel index at the receiver for records sent by {@code upstreamSubtask} over {@code edge} to {@code targetSubtask}. */
    public int channelIndexAtReceiver(Edge edge, int upstreamSubtask, int targetSubtask) {
        List<InputChannel> channels = inputChannels(edge.to(), targetSubtask);
        for (int i = 0; i < channels.size(); i++) {
            InputChannel c = channels.get(i);
            if (c.edge().equals(edge) && c.upstreamSubtask() == upstreamSubtask) {
                return i;
            }
        }
        throw new IllegalStateException("no channel for " + edge + " from " + upstreamSubtask + " to " + targetSubtask);
    }

    /**
     * The output channel index at the sender for records sent by {@code upstreamSubtask} over
     * {@code edge} to {@code targetSubtask}: a sender numbers its output channels edge by edge, in
     * the order of {@link #outputsOf}, and within an edge by target subtask.
     */
    public int channelIndexAtSender(Edge edge, int upstreamSubtask, int targetSubtask) {
        int index = 0;
        for (Edge e : outputsOf(edge.from())) {
            List<Integer> targets = targetsOf(e, upstreamSubtask);
            if (e.equals(edge) && targets.contains(targetSubtask)) {
                return index + targets.indexOf(targetSubtask);
            }
            index += targets.size();
        }
        throw new IllegalStateException("no channel for " + edge + " from " + upstreamSubtask + " to " + targetSubtask);
    }

    /** The downstream subtasks {@code upstreamSubtask} sends to over {@code edge}. */
    public List<Integer> targetsOf(Edge edge, int upstreamSubtask) {
        if (edge.partitioning() == Partitioning.FORWARD) {
            return List.of(upstreamSubtask);
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < vertices.get(edge.to()).parallelism(); i++) {
            all.add(i);
        }
        return all;
    }

    /** This plan as the history records it when the job starts ({@code job-graph}), at {@code time} by {@code actor}. */
    public JobEvents.GraphDescribed describe(long time, String actor) {
        List<JobEvents.GraphVertex> described = new ArrayList<>();
        for (Vertex v : vertices) {
            List<JobEvents.GraphOperator> operators = v.chain().stream()
                    .map(n -> new JobEvents.GraphOperator(n.uid(), n.name(), n.kind())).toList();
            described.add(new JobEvents.GraphVertex(v.id(), v.name(), v.parallelism(), v.maxParallelism(), operators));
        }
        List<JobEvents.GraphEdge> links = edges.stream().map(e -> new JobEvents.GraphEdge(e.from(), e.to(), e.targetInput(),
                e.partitioning().name().toLowerCase(Locale.ROOT))).toList();
        return new JobEvents.GraphDescribed(time, actor, 0, graph.jobName(), described, links);
    }

    /** Total number of subtasks of all operators: the number of acknowledgements a checkpoint needs. */
    public int numberOfTasks() {
        return vertices.stream().mapToInt(Vertex::parallelism).sum();
    }
}
