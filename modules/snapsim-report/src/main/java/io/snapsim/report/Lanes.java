package io.snapsim.report;

import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.TaskEvents;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lanes of a run's diagrams: the job master, the checkpoint coordinator, then one lane per task
 * (a chain's subtask, such as {@code sum->sink#0}). Tasks are ordered as data flows: sources
 * first, then each chain after the chains that send to it (learnt from {@code task-wired}),
 * chains in the order they first appear, subtasks by number. Immutable.
 */
final class Lanes {
    static final String MASTER = "master";
    static final String COORDINATOR = "coordinator";
    /** The lanes before the first task's. */
    static final int FIRST_TASK = 2;

    private final List<String> names;
    private final Map<String, Integer> index;

    private Lanes(List<String> names) {
        this.names = List.copyOf(names);
        this.index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
    }

    /** The lanes of the actors in {@code history}. */
    static Lanes of(List<HistoryEvent> history) {
        Map<String, Integer> firstSeen = new LinkedHashMap<>();
        Map<String, List<String>> sendersOfChain = new HashMap<>();
        for (HistoryEvent e : history) {
            String actor = e.actor();
            if (!actor.equals(MASTER) && !actor.equals(COORDINATOR)) {
                firstSeen.putIfAbsent(actor, firstSeen.size());
            }
            if (e instanceof TaskEvents.Wired wired) {
                List<String> senders = sendersOfChain.computeIfAbsent(chain(actor), c -> new ArrayList<>());
                wired.inputs().forEach(s -> senders.add(chain(s.task())));
            }
        }
        Map<String, Integer> depth = new HashMap<>();
        Map<String, Integer> chainOrder = new HashMap<>();
        for (String task : firstSeen.keySet()) {
            chainOrder.putIfAbsent(chain(task), chainOrder.size());
        }
        List<String> tasks = new ArrayList<>(firstSeen.keySet());
        tasks.sort(Comparator.<String>comparingInt(t -> depth(chain(t), sendersOfChain, depth, 0))
                .thenComparingInt(t -> chainOrder.get(chain(t)))
                .thenComparingInt(Lanes::subtask));
        List<String> names = new ArrayList<>(List.of(MASTER, COORDINATOR));
        names.addAll(tasks);
        return new Lanes(names);
    }

    /** How many chains lie upstream of {@code chain} on the longest path; guards against cycles by a bound. */
    private static int depth(String chain, Map<String, List<String>> senders, Map<String, Integer> known, int guard) {
        Integer d = known.get(chain);
        if (d != null) {
            return d;
        }
        int deepest = 0;
        if (guard < 64) {
            for (String up : senders.getOrDefault(chain, List.of())) {
                deepest = Math.max(deepest, 1 + depth(up, senders, known, guard + 1));
            }
        }
        known.put(chain, deepest);
        return deepest;
    }

    /** The chain of a task name: {@code sum->sink} of {@code sum->sink#0}. */
    static String chain(String task) {
        int hash = task.lastIndexOf('#');
        return hash < 0 ? task : task.substring(0, hash);
    }

    /** The subtask of a task name, or 0 when it names none. */
    static int subtask(String task) {
        int hash = task.lastIndexOf('#');
        try {
            return hash < 0 ? 0 : Integer.parseInt(task.substring(hash + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    List<String> names() {
        return names;
    }

    /** The lane of {@code actor}; -1 for an actor the history never named. */
    int of(String actor) {
        return index.getOrDefault(actor, -1);
    }

    /** The number of task lanes. */
    int tasks() {
        return names.size() - FIRST_TASK;
    }
}
