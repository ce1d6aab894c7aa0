package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.HistoryReader;
import io.snapsim.core.history.TaskEvents;
import io.snapsim.report.export.ShivizLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code snapsim export RUN_DIR} over a real deterministic run with a crash during a checkpoint
 * and a restore: the ShiViz log's clocks respect happens-before (checked by {@link ShivizLogCheck},
 * which pairs barriers on its own), and the Chrome trace is valid Trace Event Format JSON with a
 * track per task and the spans the history holds, every one within the run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path dir;
    private Cli cli;
    private Path runDir;
    private List<HistoryEvent> history;

    @BeforeAll
    void runASimulationWithACrashDuringACheckpoint(@TempDir Path tempDir) {
        dir = tempDir;
        cli = Cli.in(dir);
        runDir = Simulations.run(cli, dir, "crash", """
                job: running-sum
                parameters: {records: 20000, keys: 100}
                parallelism: 2
                seed: 5
                execution: deterministic
                config:
                  execution.checkpointing.interval: 5 ms
                  restart-strategy.type: fixed-delay
                  restart-strategy.fixed-delay.attempts: 3
                  restart-strategy.fixed-delay.delay: 5 ms
                faults:
                  - crash: {operator: sum, subtask: 0, at-checkpoint: 2}
                """);
        history = HistoryReader.read(runDir.resolve("history.jsonl"));
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Shiviz {
        private List<String> log;

        @BeforeAll
        void export() throws IOException {
            Cli.Result result = cli.run("export", runDir.toString(), "--format", "shiviz");
            assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
            assertThat(dir.resolve(result.out().strip())).as("the path printed").isEqualTo(runDir.resolve("trace.shiviz.log"));
            log = Files.readAllLines(runDir.resolve("trace.shiviz.log"));
        }

        @Test
        void startsWithTheDocumentedParserAndAnEmptyDelimiterThenALinePerEvent() {
            assertThat(log.get(0)).isEqualTo(ShivizLog.PARSER)
                    .isEqualTo("(?<host>\\S+) (?<clock>\\{[^}]*\\}) (?<event>.*)");
            assertThat(log.get(1)).isEmpty();
            assertThat(log).hasSize(history.size() + 2);
            Pattern parser = Pattern.compile(log.get(0));
            assertThat(log.subList(2, log.size())).allSatisfy(line -> assertThat(parser.matcher(line).matches()).isTrue());
        }

        @Test
        void clocksAreMonotonePerHostAndEveryBarrierReceiptDominatesItsSend() {
            ShivizLogCheck.Result check = ShivizLogCheck.check(log, history);

            assertThat(check.violations()).isEmpty();
            long received = history.stream().filter(e -> e instanceof TaskEvents.BarrierReceived).count();
            assertThat(check.barrierPairs()).isEqualTo(received).isGreaterThan(10);
        }

        @Test
        void theCheckFailsOnAReceiptWhoseClockDidNotMergeTheSenders() {
            List<String> tampered = new ArrayList<>(log);
            int at = firstLineOf(tampered, " barrier-received ");
            String line = tampered.get(at);
            String host = line.substring(0, line.indexOf(' '));
            Map<String, Integer> clock = ShivizLogCheck.clock(line.substring(line.indexOf('{'), line.indexOf('}') + 1));
            String unmerged = "{\"master\":1,\"" + host + "\":" + clock.get(host) + "}"; // its own count, nothing merged
            tampered.set(at, line.replaceFirst("\\{[^}]*\\}", Matcher.quoteReplacement(unmerged)));

            ShivizLogCheck.Result check = ShivizLogCheck.check(tampered, history);

            assertThat(check.violations()).anySatisfy(v -> assertThat(v).contains("does not dominate send clock"));
        }

        @Test
        void describesEachEventWithItsFieldsAndTheSenderOfABarrier() {
            assertThat(log).anySatisfy(line -> assertThat(line).matches(
                    "sum->sink#0 \\{.*\\} barrier-received t=\\d+ attempt=0 checkpoint=1 channel=\\d records=\\d+ from=source#\\d"));
            assertThat(log).anySatisfy(line -> assertThat(line).matches(
                    "master \\{.*\\} failover t=\\d+ attempt=0 fault=0 cause=\"injected crash of sum#0 .*\""));
        }

        private int firstLineOf(List<String> lines, String text) {
            for (int i = 2; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return i;
                }
            }
            throw new AssertionError("no line contains " + text);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ChromeTrace {
        private JsonNode trace;
        private List<JsonNode> events;
        private long first;
        private long last;

        @BeforeAll
        void export() throws IOException {
            Path out = dir.resolve("exports").resolve("trace.json");
            Files.createDirectories(out.getParent());
            Cli.Result result = cli.run("export", runDir.toString(), "--format", "chrome-trace", "--output", out.toString());
            assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
            trace = JSON.readTree(out.toFile());
            events = StreamSupport.stream(trace.get("traceEvents").spliterator(), false).toList();
            first = history.get(0).time() * 1000;
            last = history.get(history.size() - 1).time() * 1000;
        }

        @Test
        void namesAThreadForEveryTaskOfEveryAttemptAndForTheCoordinator() {
            Map<Integer, Set<String>> threadsByProcess = new HashMap<>();
            Map<Integer, String> processes = new HashMap<>();
            for (JsonNode e : events) {
                if (e.get("ph").asText().equals("M") && e.get("name").asText().equals("thread_name")) {
                    threadsByProcess.computeIfAbsent(e.get("pid").asInt(), p -> new TreeSet<>())
                            .add(e.get("args").get("name").asText());
                } else if (e.get("ph").asText().equals("M") && e.get("name").asText().equals("process_name")) {
                    processes.put(e.get("pid").asInt(), e.get("args").get("name").asText());
                }
            }
            assertThat(processes).containsEntry(1, "job: master and coordinator")
                    .containsEntry(2, "attempt 0 (fresh start)").containsEntry(3, "attempt 1 (restoring checkpoint 1)");
            assertThat(threadsByProcess.get(1)).containsExactly("coordinator", "master");
            for (int attempt = 0; attempt <= 1; attempt++) {
                int a = attempt;
                Set<String> tasks = new TreeSet<>(history.stream().filter(e -> e.attempt() == a)
                        .map(HistoryEvent::actor).filter(actor -> !actor.equals("master") && !actor.equals("coordinator"))
                        .toList());
                Set<String> threads = threadsByProcess.get(2 + attempt);
                assertThat(threads).as("attempt %d", attempt).filteredOn(t -> !t.endsWith(" async"))
                        .containsExactlyElementsOf(tasks)
                        .containsExactlyInAnyOrder("source#0", "source#1", "sum->sink#0", "sum->sink#1");
                Set<String> snapshotting = new TreeSet<>(history.stream().filter(e -> e.attempt() == a)
                        .filter(e -> e instanceof TaskEvents.Snapshot).map(e -> e.actor() + " async").toList());
                assertThat(threads).as("attempt %d", attempt).filteredOn(t -> t.endsWith(" async"))
                        .containsExactlyElementsOf(snapshotting).isNotEmpty();
            }
        }

        @Test
        void everySpanIsNonNegativeAndWithinTheRun() {
            Map<String, JsonNode> begun = new HashMap<>();
            for (JsonNode e : events) {
                String ph = e.get("ph").asText();
                if (ph.equals("M")) {
                    continue;
                }
                long ts = e.get("ts").asLong();
                assertThat(ts).as("%s", e).isBetween(first, last);
                if (ph.equals("X")) {
                    assertThat(e.get("dur").asLong()).as("%s", e).isNotNegative();
                    assertThat(ts + e.get("dur").asLong()).as("%s", e).isLessThanOrEqualTo(last);
                } else if (ph.equals("b")) {
                    assertThat(begun.put(e.get("cat").asText() + e.get("id").asText(), e)).isNull();
                } else if (ph.equals("e")) {
                    JsonNode begin = begun.remove(e.get("cat").asText() + e.get("id").asText());
                    assertThat(begin).as("the begin of %s", e).isNotNull();
                    assertThat(ts).as("%s", e).isGreaterThanOrEqualTo(begin.get("ts").asLong());
                }
            }
            assertThat(begun).as("async spans never ended").isEmpty();
        }

        @Test
        void theSpansOfEveryThreadNestAsTraceViewersRequire() {
            assertSpansNest(events);
        }

        @Test
        void holdsEveryEventAndASpanForEachAlignmentSnapshotAsynchronousPartAndCheckpoint() {
            assertThat(count("i") + count("X", "barrier")).isEqualTo(history.size());
            assertThat(count("X", "alignment")).isEqualTo(countOf(TaskEvents.AlignmentStarted.class)).isGreaterThan(0);
            assertThat(events.stream().filter(e -> e.get("ph").asText().equals("X")
                    && e.get("name").asText().startsWith("sync snapshot ")).count())
                    .isEqualTo(countOf(TaskEvents.Snapshot.class)).isGreaterThan(0);
            assertThat(events.stream().filter(e -> e.get("ph").asText().equals("X")
                    && e.get("name").asText().startsWith("async part ")).count())
                    .isEqualTo(countOf(TaskEvents.Snapshot.class));
            long triggered = history.stream().filter(e -> e.type().equals("checkpoint-triggered")).count();
            assertThat(count("b", "checkpoint")).isEqualTo(triggered).isGreaterThan(2);
            assertThat(events).anySatisfy(e -> assertThat(e.get("name").asText()).isEqualTo("fault: crash"));
            assertThat(events).anySatisfy(e -> assertThat(e.path("args").path("outcome").asText())
                    .isEqualTo("aborted: TASK_FAILURE (job failover in attempt 0)"));
        }

        @Test
        void joinsEveryBarrierSentToItsReceiptWithOneFlow() {
            Map<Long, List<String>> ends = new HashMap<>();
            for (JsonNode e : events) {
                if (e.has("bind_id")) {
                    ends.computeIfAbsent(e.get("bind_id").asLong(), id -> new ArrayList<>())
                            .add(e.has("flow_out") ? "out " + e.get("name").asText() : "in " + e.get("name").asText());
                }
            }
            assertThat(ends).hasSize((int) countOf(TaskEvents.BarrierReceived.class));
            assertThat(ends.values()).allSatisfy(pair -> assertThat(pair).hasSize(2)
                    .anySatisfy(end -> assertThat(end).startsWith("out barrier-sent "))
                    .anySatisfy(end -> assertThat(end).startsWith("in barrier-received ")));
        }

        private long count(String phase) {
            return events.stream().filter(e -> e.get("ph").asText().equals(phase)).count();
        }

        private long count(String phase, String category) {
            return events.stream().filter(e -> e.get("ph").asText().equals(phase)
                    && e.get("cat").asText().equals(category)).count();
        }

        private long countOf(Class<? extends HistoryEvent> type) {
            return history.stream().filter(type::isInstance).count();
        }
    }

    @Test
    void overlappingAlignmentsAndAsynchronousPartsOfAtLeastOnceGoToExtraThreadsAndStillNest() throws IOException {
        Path alo = Simulations.run(cli, dir, "alo", """
                job: running-sum
                parameters: {records: 30000, keys: 100}
                parallelism: 3
                seed: 4
                execution: deterministic
                config:
                  execution.checkpointing.interval: 1 ms
                  execution.checkpointing.mode: AT_LEAST_ONCE
                  execution.checkpointing.max-concurrent-checkpoints: 3
                  execution.checkpointing.min-pause: 0 ms
                """);
        Cli.Result result = cli.run("export", alo.toString(), "--format", "chrome-trace");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        List<JsonNode> events = StreamSupport.stream(JSON.readTree(alo.resolve("trace.json").toFile())
                .get("traceEvents").spliterator(), false).toList();

        assertThat(events).anySatisfy(e -> assertThat(e.path("args").path("name").asText()).contains(" (overlapping 1)"));
        assertSpansNest(events);
    }

    /** On every thread, complete events nest: none starts inside another and ends after it. */
    private static void assertSpansNest(List<JsonNode> events) {
        Map<String, List<long[]>> byThread = new HashMap<>();
        for (JsonNode e : events) {
            if (e.get("ph").asText().equals("X")) {
                long ts = e.get("ts").asLong();
                byThread.computeIfAbsent(e.get("pid") + "/" + e.get("tid"), t -> new ArrayList<>())
                        .add(new long[] {ts, ts + e.get("dur").asLong()});
            }
        }
        byThread.forEach((thread, spans) -> {
            spans.sort(Comparator.<long[]>comparingLong(s -> s[0]).thenComparingLong(s -> -s[1]));
            ArrayDeque<long[]> open = new ArrayDeque<>();
            for (long[] span : spans) {
                while (!open.isEmpty() && open.peek()[1] <= span[0]) {
                    open.pop();
                }
                assertThat(open.isEmpty() || span[1] <= open.peek()[1])
                        .as("thread %s: [%d, %d] starts inside [%d, %d] and ends after it", thread, span[0], span[1],
                                open.isEmpty() ? 0 : open.peek()[0], open.isEmpty() ? 0 : open.peek()[1]).isTrue();
                open.push(span);
            }
        });
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() throws IOException {
        Path noHistory = Files.createDirectories(dir.resolve("not-a-run"));
        Path damaged = Files.createDirectories(dir.resolve("damaged"));
        Files.writeString(damaged.resolve("history.jsonl"), "{\"schema\":\"snapsim-history\",\"version\":2}\nnot json\n");
        Map<List<String>, String> cases = Map.of(
                List.of("export", "missing", "--format", "shiviz"), "snapsim: missing: no such run folder",
                List.of("export", noHistory.toString(), "--format", "chrome-trace"),
                "snapsim: " + noHistory + ": not a run folder with a history (no history.jsonl",
                List.of("export", runDir.toString(), "--format", "svg"),
                "snapsim: --format: unknown format 'svg'; expected shiviz or chrome-trace",
                List.of("export", damaged.toString(), "--format", "shiviz"),
                "snapsim: " + damaged.resolve("history.jsonl") + ": line 2 is not a history event");
        Set<String> seen = new HashSet<>();
        cases.forEach((args, message) -> {
            Cli.Result result = cli.run(args.toArray(String[]::new));
            assertThat(result.exitCode()).as("%s", args).isEqualTo(2);
            assertThat(result.errLines()).as("%s", args).hasSize(1).first().asString().startsWith(message);
            seen.add(message);
        });
        assertThat(seen).hasSize(4);
    }
}
