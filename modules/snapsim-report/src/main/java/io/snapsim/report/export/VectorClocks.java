package io.snapsim.report.export;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.history.HappensBefore;
import io.snapsim.core.history.HistoryEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A vector clock for every event of a history. Each actor is a host; its clock ticks once on each
 * of its own events, and an event that receives a message first takes, entry by entry, the larger of
 * its host's clock and the sender's clock at the send ({@link HappensBefore}). So event a happened
 * before event b exactly when a's clock is below b's in every entry. Clocks are computed in an order
 * that respects every message (the history's own order wherever that does: in live runs a receipt
 * may be written before its send). Immutable once computed.
 */
public final class VectorClocks {
    /** The most clock entries (events times hosts) kept in memory: ShiViz draws far fewer. */
    static final long MAX_ENTRIES = 20_000_000L;

    private final List<String> hosts;
    private final int[] hostOf;
    private final int[] order;
    private final int[][] clocks;

    private VectorClocks(List<String> hosts, int[] hostOf, int[] order, int[][] clocks) {
        this.hosts = List.copyOf(hosts);
        this.hostOf = hostOf;
        this.order = order;
        this.clocks = clocks;
    }

    /**
     * The clocks of {@code history}'s events, given the messages between them.
     *
     * @param source what to name when the history is too large (its file)
     * @throws InvalidInputException when events times hosts exceed {@link #MAX_ENTRIES}
     */
    public static VectorClocks of(List<HistoryEvent> history, List<HappensBefore.Message> messages, String source) {
        return of(history, messages, source, MAX_ENTRIES);
    }

    /** As {@link #of(List, List, String)}, with at most {@code maxEntries} clock entries. */
    static VectorClocks of(List<HistoryEvent> history, List<HappensBefore.Message> messages, String source,
                           long maxEntries) {
        Map<String, Integer> hostIndex = new LinkedHashMap<>();
        int[] hostOf = new int[history.size()];
        for (int i = 0; i < history.size(); i++) {
            hostOf[i] = hostIndex.computeIfAbsent(history.get(i).actor(), a -> hostIndex.size());
        }
        long entries = (long) history.size() * hostIndex.size();
        if (entries > maxEntries) {
            throw new InvalidInputException(source + ": " + history.size() + " events over " + hostIndex.size()
                    + " actors are too many for vector clocks (at most " + maxEntries + " clock entries); ShiViz draws a"
                    + " few thousand events at most: export a shorter run, or use --format chrome-trace");
        }
        int[][] clocks = new int[history.size()][];
        int[] order = new Computation(hostOf, hostIndex.size(), messages, clocks).run();
        return new VectorClocks(new ArrayList<>(hostIndex.keySet()), hostOf, order, clocks);
    }

    /** The hosts (actors), in the order they first appear in the history. */
    public List<String> hosts() {
        return hosts;
    }

    /** The host of event {@code event}. */
    public String host(int event) {
        return hosts.get(hostOf[event]);
    }

    /** Every event, in an order where each message's send comes before its receipt. */
    public int[] order() {
        return order.clone();
    }

    /** The clock of event {@code event}: one entry per host, in the order of {@link #hosts()}. */
    public int[] clock(int event) {
        return clocks[event].clone();
    }

    /** Kahn's algorithm over each host's order and the messages, earliest history position first. */
    private static final class Computation {
        private final int[] hostOf;
        private final int hostCount;
        private final int[][] clocks;
        private final int[] waitingFor;
        private final int[] nextOnHost;
        private final int[] previousOnHost;
        private final Map<Integer, List<Integer>> receiptsOf = new HashMap<>();
        private final Map<Integer, List<Integer>> sendsInto = new HashMap<>();

        Computation(int[] hostOf, int hostCount, List<HappensBefore.Message> messages, int[][] clocks) {
            this.hostOf = hostOf;
            this.hostCount = hostCount;
            this.clocks = clocks;
            int n = hostOf.length;
            waitingFor = new int[n];
            nextOnHost = new int[n];
            previousOnHost = new int[n];
            chainHosts(n);
            for (HappensBefore.Message m : messages) {
                receiptsOf.computeIfAbsent(m.send(), k -> new ArrayList<>()).add(m.receive());
                sendsInto.computeIfAbsent(m.receive(), k -> new ArrayList<>()).add(m.send());
                waitingFor[m.receive()]++;
            }
        }

        private void chainHosts(int n) {
            int[] last = new int[hostCount];
            Arrays.fill(last, -1);
            Arrays.fill(nextOnHost, -1);
            for (int i = 0; i < n; i++) {
                previousOnHost[i] = last[hostOf[i]];
                if (last[hostOf[i]] >= 0) {
                    nextOnHost[last[hostOf[i]]] = i;
                    waitingFor[i]++;
                }
                last[hostOf[i]] = i;
            }
        }

        int[] run() {
            int n = hostOf.length;
            int[] order = new int[n];
            int done = 0;
            PriorityQueue<Integer> ready = new PriorityQueue<>();
            for (int i = 0; i < n; i++) {
                if (waitingFor[i] == 0) {
                    ready.add(i);
                }
            }
            while (!ready.isEmpty()) {
                int event = ready.poll();
                stamp(event);
                order[done++] = event;
                release(nextOnHost[event], ready);
                receiptsOf.getOrDefault(event, List.of()).forEach(r -> release(r, ready));
            }
            if (done < n) {
                throw new IllegalStateException("the history's messages form a cycle: " + (n - done)
                        + " events wait on each other (HappensBefore pairs a receipt with the wrong send)");
            }
            return order;
        }

        private void stamp(int event) {
            int previous = previousOnHost[event];
            int[] clock = previous < 0 ? new int[hostCount] : clocks[previous].clone();
            for (int send : sendsInto.getOrDefault(event, List.of())) {
                int[] sent = clocks[send];
                for (int h = 0; h < hostCount; h++) {
                    clock[h] = Math.max(clock[h], sent[h]);
                }
            }
            clock[hostOf[event]]++;
            clocks[event] = clock;
        }

        private void release(int event, PriorityQueue<Integer> ready) {
            if (event >= 0 && --waitingFor[event] == 0) {
                ready.add(event);
            }
        }
    }
}
