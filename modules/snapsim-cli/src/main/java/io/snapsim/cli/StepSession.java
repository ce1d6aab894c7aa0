package io.snapsim.cli;

import io.snapsim.core.explain.EventLine;
import io.snapsim.core.explain.Explainer;
import io.snapsim.core.explain.JobView;
import io.snapsim.core.explain.RunFacts;
import io.snapsim.core.explain.TaskReport;
import io.snapsim.core.explain.TaskView;
import io.snapsim.core.history.FaultInjected;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.HistoryJson;
import io.snapsim.core.storage.FileTrees;
import io.snapsim.runtime.sim.RunTap;
import io.snapsim.runtime.sim.SimulationResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One {@code snapsim step} session: runs the simulation on the deterministic executor and, as its
 * history records each event, prints the event and its explanation and waits for a command, holding
 * the run's one driver thread meanwhile ({@link RunTap}). Commands: next (n or Enter), next event of
 * the checkpoint coordinator (c), next fault (f), a subtask's state (s NAME), back (b), help (h),
 * quit (q: the run goes on to its end, unwatched, and writes its folder).
 *
 * <p>Back replays the run from the seed up to the step before: the current run is stopped, its
 * folder removed, and a new run of the same seed is driven silently to that step. Every event of
 * every replay is compared with the event the same step gave before; the first difference ends the
 * session (exit code 2), since the steps would no longer describe one run.
 *
 * <p>Confined to the thread that calls {@link #run}, which is also the run's driver thread.
 */
final class StepSession implements RunTap {
    /** Runs the simulation once, from its seed, with {@code tap} watching it. */
    interface Runs {
        SimulationResult run(RunTap tap) throws InterruptedException;
    }

    /** Which events the session stops at. */
    private enum Mode { EACH, COORDINATOR, FAULT, END }

    static final String HELP = "commands: n or Enter next event, c next checkpoint event (of the coordinator), "
            + "f next fault, s NAME a subtask's state and channels (s sum#0), b back one event, h help, q quit";

    private final Runs runs;
    private final RunFacts facts;
    private final StepConsole console;
    private final PrintWriter out;
    private final Function<Path, String> display;
    private final long seed;
    /** Every event of the run as history.jsonl writes it, by step: what a replay must give again. */
    private final List<String> seen = new ArrayList<>();
    private Explainer explainer;
    private int step;
    private int skipped;
    private int replayTo;
    private Mode mode = Mode.EACH;
    private boolean abandoned;
    private boolean quit;
    private String divergence;

    StepSession(Runs runs, RunFacts facts, long seed, StepConsole console, PrintWriter out, Function<Path, String> display) {
        this.runs = runs;
        this.facts = facts;
        this.seed = seed;
        this.console = console;
        this.out = out;
        this.display = display;
    }

    /** Runs the session; returns the exit code: the verdict's once the run ended, 2 when a replay diverged. */
    int run() throws InterruptedException {
        while (true) {
            explainer = new Explainer(facts);
            step = 0;
            skipped = 0;
            abandoned = false;
            SimulationResult result = runs.run(this);
            if (divergence != null) {
                out.println(divergence);
                FileTrees.deleteRecursively(result.runDir());
                return SnapsimCommand.EXIT_BAD_INPUT;
            }
            if (!abandoned) {
                ended(result);
                if (quit || !atEnd()) {
                    return result.verdict().outcome().exitCode();
                }
            }
            FileTrees.deleteRecursively(result.runDir()); // replayed into the same folder, from the seed
        }
    }

    @Override
    public void onEvent(HistoryEvent event) {
        if (abandoned || divergence != null) {
            return;
        }
        step++;
        String line = HistoryJson.write(event);
        if (step <= seen.size() && !seen.get(step - 1).equals(line)) {
            divergence = "back: the replay from seed " + seed + " differs at step " + step + ": it gave " + line
                    + " where the run gave " + seen.get(step - 1) + "; stepping stops, the run is not deterministic";
            abandoned = true;
            return;
        }
        if (step > seen.size()) {
            seen.add(line);
        }
        if (replayTo > 0 && step < replayTo) {
            explainer.skip(event);
        } else if (replayTo > 0) {
            replayTo = 0;
            out.println("back: replayed from seed " + seed + " to step " + step + "; "
                    + (step == 1 ? "the event is" : "all " + step + " events are") + " the same as before");
            show(event);
            pause();
        } else if (stopsAt(event)) {
            show(event);
            pause();
        } else {
            explainer.skip(event);
            skipped++;
        }
    }

    @Override
    public boolean stopRequested() {
        return abandoned;
    }

    private boolean stopsAt(HistoryEvent event) {
        return switch (mode) {
            case EACH -> true;
            case COORDINATOR -> event.actor().equals("coordinator");
            case FAULT -> event instanceof FaultInjected;
            case END -> false;
        };
    }

    private void show(HistoryEvent event) {
        passed();
        out.println("[" + step + "] " + EventLine.of(event));
        out.println("    " + explainer.explain(event));
        out.flush();
    }

    private void passed() {
        if (skipped > 0) {
            out.println("    (" + skipped + (skipped == 1 ? " event" : " events") + " passed)");
            skipped = 0;
        }
    }

    /** Reads commands until one moves the run on. */
    private void pause() {
        while (!handle(read(), true)) {
            // a command that shows something: read the next
        }
    }

    /** Reads commands after the run ended; true when one asks for a replay (back), false to quit. */
    private boolean atEnd() {
        while (!handle(read(), false)) {
            // a command that shows something: read the next
        }
        return !quit;
    }

    private String read() {
        String command = console.read();
        return command == null ? "q" : command.trim();
    }

    /** Handles one command; true when it moves the run on (or back, or ends the session). */
    private boolean handle(String command, boolean running) {
        String[] words = command.split("\\s+", 2);
        switch (words[0]) {
            case "", "n", "next" -> {
                return moveOn(Mode.EACH, running);
            }
            case "c" -> {
                return moveOn(Mode.COORDINATOR, running);
            }
            case "f" -> {
                return moveOn(Mode.FAULT, running);
            }
            case "s" -> showTask(words.length > 1 ? words[1].trim() : "");
            case "b", "back" -> {
                return back(running);
            }
            case "h", "help", "?" -> out.println(HELP);
            case "q", "quit" -> {
                mode = Mode.END;
                quit = true;
                return true;
            }
            default -> out.println("unknown command '" + command + "'; h lists the commands");
        }
        out.flush();
        return false;
    }

    private boolean moveOn(Mode next, boolean running) {
        if (!running) {
            out.println("the run has ended: b goes back one event, q quits");
            out.flush();
            return false;
        }
        mode = next;
        return true;
    }

    private boolean back(boolean running) {
        int target = running ? step - 1 : step;
        if (running && step <= 1) {
            out.println("there is no event before step 1");
            out.flush();
            return false;
        }
        replayTo = target;
        abandoned = running;
        mode = Mode.EACH;
        return true;
    }

    private void showTask(String name) {
        JobView view = explainer.view();
        List<String> names = view.tasks().stream().map(TaskView::name).toList();
        if (name.isEmpty()) {
            out.println(names.isEmpty() ? "s needs a subtask's name, such as sum#0; none is deployed yet"
                    : "s needs a subtask, one of: " + String.join(", ", names));
            return;
        }
        view.task(name).ifPresentOrElse(task -> TaskReport.of(task).forEach(out::println),
                () -> out.println("no subtask '" + name + "' so far; the subtasks are: "
                        + (names.isEmpty() ? "none yet" : String.join(", ", names))));
    }

    private void ended(SimulationResult result) {
        passed();
        if (mode == Mode.FAULT) {
            out.println("no fault struck before the end of the run");
        } else if (mode == Mode.COORDINATOR) {
            out.println("the coordinator recorded nothing more before the end of the run");
        }
        out.println("the run ended after " + step + " events: " + result.verdict().outcome() + " ("
                + result.verdict().reason() + ")");
        out.println("run folder: " + display.apply(result.runDir()));
        out.flush();
    }
}
