package io.snapsim.report.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapsim.core.history.Channels;
import io.snapsim.core.history.HappensBefore;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.HistoryJson;
import io.snapsim.core.history.TaskEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A run's history as a log that ShiViz (https://bestchai.bitbucket.io/shiviz/) draws as a
 * space-time diagram: one line per event, {@code HOST CLOCK DESCRIPTION}, where the host is the
 * actor ({@code master}, {@code coordinator} or a task such as {@code sum->sink#0}), the clock its
 * vector clock as JSON ({@link VectorClocks}), and the description the event's type and fields. The
 * file starts as ShiViz wants an uploaded log: the parser's regular expression ({@link #PARSER}) on
 * the first line, an empty second line (one execution, no delimiter), then the events. Stateless.
 */
public final class ShivizLog {
    /**
     * The regular expression ShiViz parses each line with: the three named groups it needs. Free of
     * nested and literal parentheses, which ShiViz's own named-group handling does not support.
     */
    public static final String PARSER = "(?<host>\\S+) (?<clock>\\{[^}]*\\}) (?<event>.*)";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ShivizLog() {
    }

    /**
     * Writes the log of {@code history} to {@code out}.
     *
     * @param source the history's file, named when it is too large for vector clocks
     */
    public static void write(List<HistoryEvent> history, Writer out, String source) throws IOException {
        VectorClocks clocks = VectorClocks.of(history, HappensBefore.of(history), source);
        Channels channels = Channels.of(history);
        List<String> hosts = clocks.hosts().stream().map(ShivizLog::quoted).toList();
        out.write(PARSER + "\n\n");
        for (int event : clocks.order()) {
            out.write(clocks.host(event));
            out.write(' ');
            out.write(clockJson(hosts, clocks.clock(event)));
            out.write(' ');
            out.write(description(history.get(event), channels));
            out.write('\n');
        }
    }

    /** {@code {"host":n,...}} with the hosts (given as JSON strings) whose entry is not zero, in host order. */
    static String clockJson(List<String> quotedHosts, int[] clock) {
        StringBuilder json = new StringBuilder("{");
        for (int h = 0; h < clock.length; h++) {
            if (clock[h] > 0) {
                json.append(json.length() > 1 ? "," : "").append(quotedHosts.get(h)).append(':').append(clock[h]);
            }
        }
        return json.append('}').toString();
    }

    /**
     * The event in one line: its type, {@code t=} its time, then its other fields as
     * {@code name=value} (values as JSON), and for a receipt on a channel the task that sent it.
     */
    static String description(HistoryEvent event, Channels channels) {
        JsonNode fields = tree(event);
        StringBuilder line = new StringBuilder(event.type()).append(" t=").append(event.time());
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (!name.equals("type") && !name.equals("time") && !name.equals("actor")) {
                line.append(' ').append(name).append('=').append(field.getValue());
            }
        }
        if (event instanceof TaskEvents.BarrierReceived r) {
            channels.sender(r.attempt(), r.actor(), r.channel()).ifPresent(s -> line.append(" from=").append(s.task()));
        } else if (event instanceof TaskEvents.EndOfPartitionReceived r) {
            channels.sender(r.attempt(), r.actor(), r.channel()).ifPresent(s -> line.append(" from=").append(s.task()));
        }
        return line.toString();
    }

    private static JsonNode tree(HistoryEvent event) {
        try {
            return JSON.readTree(HistoryJson.write(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read back " + event, e);
        }
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
