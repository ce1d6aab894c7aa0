package io.snapsim.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.TaskEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a ShiViz log against the history it was exported from, without the exporter's code: the
 * log parses with the regular expression on its first line; each host's clock starts at 1, ticks by
 * one per event and never goes back in any entry; every entry names a host within its number of
 * events; a host's k-th line is its k-th event of the history; and for every barrier, paired here
 * from the history's own {@code task-wired} events, the receipt's clock dominates the send's.
 */
final class ShivizLogCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the check found, and how many barrier pairs it compared. */
    record Result(List<String> violations, int barrierPairs) {
    }

    /** One parsed line. */
    record Line(String host, Map<String, Integer> clock, String event) {
    }

    private ShivizLogCheck() {
    }

    static Result check(List<String> log, List<HistoryEvent> history) {
        List<String> violations = new ArrayList<>();
        Map<String, List<Line>> byHost = parse(log, violations);
        if (!violations.isEmpty()) {
            return new Result(violations, 0);
        }
        Map<String, List<HistoryEvent>> eventsByHost = new LinkedHashMap<>();
        history.forEach(e -> eventsByHost.computeIfAbsent(e.actor(), a -> new ArrayList<>()).add(e));
        checkHosts(byHost, eventsByHost, violations);
        int pairs = checkBarriers(byHost, eventsByHost, history, violations);
        return new Result(violations, pairs);
    }

    /** The lines by host, in log order; a line that does not parse is a violation. */
    static Map<String, List<Line>> parse(List<String> log, List<String> violations) {
        Pattern parser = Pattern.compile(log.get(0));
        if (!log.get(1).isEmpty()) {
            violations.add("the second line (the execution delimiter) is not empty: " + log.get(1));
        }
        Map<String, List<Line>> byHost = new LinkedHashMap<>();
        for (String text : log.subList(2, log.size())) {
            Matcher m = parser.matcher(text);
            if (!m.matches()) {
                violations.add("does not parse: " + text);
                continue;
            }
            Line line = new Line(m.group("host"), clock(m.group("clock")), m.group("event"));
            byHost.computeIfAbsent(line.host(), h -> new ArrayList<>()).add(line);
        }
        return byHost;
    }

    private static void checkHosts(Map<String, List<Line>> byHost, Map<String, List<HistoryEvent>> eventsByHost,
                                   List<String> violations) {
        if (!byHost.keySet().equals(eventsByHost.keySet())) {
            violations.add("hosts " + byHost.keySet() + " are not the history's actors " + eventsByHost.keySet());
            return;
        }
        byHost.forEach((host, lines) -> {
            List<HistoryEvent> events = eventsByHost.get(host);
            if (lines.size() != events.size()) {
                violations.add(host + ": " + lines.size() + " lines for " + events.size() + " events");
            }
            Map<String, Integer> previous = Map.of();
            for (int k = 0; k < Math.min(lines.size(), events.size()); k++) {
                Line line = lines.get(k);
                if (line.clock().getOrDefault(host, 0) != k + 1) {
                    violations.add(host + ": its event " + (k + 1) + " has own clock " + line.clock().get(host));
                }
                if (!dominates(line.clock(), previous)) {
                    violations.add(host + ": clock goes back from " + previous + " to " + line.clock());
                }
                if (!line.event().startsWith(events.get(k).type() + " t=" + events.get(k).time() + " ")) {
                    violations.add(host + ": line " + (k + 1) + " is '" + line.event() + "', the history's event is "
                            + events.get(k));
                }
                line.clock().forEach((other, t) -> {
                    if (!byHost.containsKey(other) || t < 1 || t > byHost.get(other).size()) {
                        violations.add(host + ": entry " + other + "=" + t + " names no event");
                    }
                });
                previous = line.clock();
            }
        });
    }

    /** Pairs every barrier-received with its barrier-sent through the wiring, and compares their clocks. */
    private static int checkBarriers(Map<String, List<Line>> byHost, Map<String, List<HistoryEvent>> eventsByHost,
                                     List<HistoryEvent> history, List<String> violations) {
        Map<String, List<TaskEvents.ChannelSender>> wiring = new HashMap<>();
        Map<String, ArrayDeque<TaskEvents.BarrierSent>> sent = new HashMap<>();
        for (HistoryEvent e : history) {
            if (e instanceof TaskEvents.Wired w) {
                wiring.put(w.attempt() + "/" + w.actor(), w.inputs());
            } else if (e instanceof TaskEvents.BarrierSent b) {
                sent.computeIfAbsent(b.attempt() + "/" + b.actor() + "/" + b.channel() + "/" + b.checkpoint(),
                        k -> new ArrayDeque<>()).add(b);
            }
        }
        int pairs = 0;
        for (HistoryEvent e : history) {
            if (e instanceof TaskEvents.BarrierReceived r) {
                TaskEvents.ChannelSender from = wiring.get(r.attempt() + "/" + r.actor()).get(r.channel());
                TaskEvents.BarrierSent s = sent.get(r.attempt() + "/" + from.task() + "/" + from.output() + "/"
                        + r.checkpoint()).poll();
                Line send = byHost.get(s.actor()).get(eventsByHost.get(s.actor()).indexOf(s));
                Line receipt = byHost.get(r.actor()).get(eventsByHost.get(r.actor()).indexOf(r));
                if (!dominates(receipt.clock(), send.clock()) || receipt.clock().get(r.actor())
                        <= send.clock().getOrDefault(r.actor(), 0)) {
                    violations.add("barrier " + r.checkpoint() + " from " + s.actor() + " to " + r.actor()
                            + ": receipt clock " + receipt.clock() + " does not dominate send clock " + send.clock());
                }
                pairs++;
            }
        }
        return pairs;
    }

    /** Whether {@code a} is at least {@code b} in every entry. */
    static boolean dominates(Map<String, Integer> a, Map<String, Integer> b) {
        return b.entrySet().stream().allMatch(e -> a.getOrDefault(e.getKey(), 0) >= e.getValue());
    }

    static Map<String, Integer> clock(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Integer>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
