package io.snapsim.core.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The messages between a run's actors that its history shows, each as a pair of events: one the
 * sender recorded before it sent the message, and one the receiver recorded after it got it. These
 * pairs, with each actor's own order of events, are the happens-before relation a vector clock
 * follows (Lamport). Only pairs whose order the runtime guarantees are listed ({@link Kind}); a
 * history without {@code task-wired} events has no channel pairs. Record batches are not in the
 * history, so they give no pairs. Stateless.
 */
public final class HappensBefore {
    private static final String MASTER = "master";
    private static final String COORDINATOR = "coordinator";

    private HappensBefore() {
    }

    /** What kind of message links a pair of events. */
    public enum Kind {
        /** {@code barrier-sent} on an output channel, {@code barrier-received} on the input channel it feeds. */
        BARRIER,
        /** The sender's {@code end-of-input}, then {@code end-of-partition-received} on that channel. */
        END_OF_PARTITION,
        /** {@code checkpoint-triggered} (or a savepoint's), then a source task's first event of that checkpoint. */
        TRIGGER,
        /** A task's {@code acknowledged}, then the coordinator's {@code checkpoint-acknowledged-by-all}. */
        ACKNOWLEDGEMENT,
        /** {@code checkpoint-stored} (or {@code savepoint-completed}), then {@code checkpoint-complete-notified}. */
        COMPLETION_NOTICE,
        /** {@code checkpoint-aborted}, then a task's {@code checkpoint-abort-notified}. */
        ABORT_NOTICE,
        /** The master's {@code deploy}, then each task's first event of that attempt. */
        DEPLOYMENT,
        /** A task's {@code task-lifecycle} failed, then the master's {@code failover} for that failure. */
        FAILURE,
        /** Every other actor's last event, then {@code job-ended}: the master waits for the coordinator and every task. */
        JOB_END
    }

    /**
     * Event {@code send} (an index into the history) happened before event {@code receive}, through a
     * message of {@code kind}.
     */
    public record Message(Kind kind, int send, int receive) {
    }

    /** The messages among {@code history} (its events in history order), ordered by receiving event. */
    public static List<Message> of(List<HistoryEvent> history) {
        return new Pairing(history).pairs();
    }

    /** A task of one attempt. */
    private record TaskInAttempt(int attempt, String task) {
    }

    /** A task of one attempt taking part in one checkpoint. */
    private record CheckpointAtTask(int attempt, String task, long checkpoint) {
    }

    /** One output channel of a task, for one checkpoint's barrier. */
    private record BarrierOnChannel(int attempt, String task, int output, long checkpoint) {
    }

    /** One pass indexes what is sent, a second pairs each receipt with its send. Confined to one call. */
    private static final class Pairing {
        private final List<HistoryEvent> history;
        private final Channels channels;
        private final Map<BarrierOnChannel, ArrayDeque<Integer>> barriersSent = new HashMap<>();
        private final Map<TaskInAttempt, Integer> inputEnded = new HashMap<>();
        private final Map<Long, Integer> triggers = new HashMap<>();
        private final Map<Long, Integer> acknowledgedByAll = new HashMap<>();
        private final Map<Integer, Integer> deployments = new HashMap<>();
        private final Map<Long, Integer> latestCompletion = new HashMap<>();
        private final Map<Long, Integer> latestAbort = new HashMap<>();
        private final Map<Integer, List<Integer>> failures = new HashMap<>();
        private final Map<String, Integer> latestOfActor = new LinkedHashMap<>();
        private final Set<TaskInAttempt> seen = new HashSet<>();
        private final Set<CheckpointAtTask> triggered = new HashSet<>();
        private final List<Message> pairs = new ArrayList<>();

        Pairing(List<HistoryEvent> history) {
            this.history = history;
            this.channels = Channels.of(history);
        }

        List<Message> pairs() {
            for (int i = 0; i < history.size(); i++) {
                indexSend(i, history.get(i));
            }
            for (int i = 0; i < history.size(); i++) {
                HistoryEvent event = history.get(i);
                pairReceipt(i, event);
                if (isTask(event.actor())) {
                    pairTaskStart(i, event);
                }
                latestOfActor.put(event.actor(), i);
            }
            return List.copyOf(pairs);
        }

        private void indexSend(int i, HistoryEvent event) {
            if (event instanceof TaskEvents.BarrierSent b) {
                barriersSent.computeIfAbsent(new BarrierOnChannel(b.attempt(), b.actor(), b.channel(), b.checkpoint()),
                        k -> new ArrayDeque<>()).add(i);
            } else if (event instanceof TaskEvents.EndOfInput e) {
                inputEnded.put(new TaskInAttempt(e.attempt(), e.actor()), i);
            } else if (event instanceof CheckpointEvents.Triggered t) {
                triggers.put(t.checkpoint(), i);
            } else if (event instanceof CheckpointEvents.SavepointTriggered t) {
                triggers.put(t.checkpoint(), i);
            } else if (event instanceof CheckpointEvents.AcknowledgedByAll a) {
                acknowledgedByAll.put(a.checkpoint(), i);
            } else if (event instanceof JobEvents.Deployed d) {
                deployments.put(d.attempt(), i);
            }
        }

        private void pairReceipt(int i, HistoryEvent event) {
            if (event instanceof TaskEvents.BarrierReceived r) {
                channels.sender(r.attempt(), r.actor(), r.channel()).ifPresent(s -> add(Kind.BARRIER, barriersSent
                        .getOrDefault(new BarrierOnChannel(r.attempt(), s.task(), s.output(), r.checkpoint()),
                                new ArrayDeque<>()).poll(), i));
            } else if (event instanceof TaskEvents.EndOfPartitionReceived r) {
                channels.sender(r.attempt(), r.actor(), r.channel()).ifPresent(s -> add(Kind.END_OF_PARTITION,
                        inputEnded.get(new TaskInAttempt(r.attempt(), s.task())), i));
            } else if (event instanceof TaskEvents.Acknowledged a) {
                Integer all = acknowledgedByAll.get(a.checkpoint());
                if (all != null && all > i && history.get(all).attempt() == a.attempt()) {
                    add(Kind.ACKNOWLEDGEMENT, i, all);
                }
            } else {
                pairNotice(i, event);
            }
        }

        private void pairNotice(int i, HistoryEvent event) {
            if (event instanceof CheckpointEvents.Stored s) {
                latestCompletion.put(s.checkpoint(), i);
            } else if (event instanceof CheckpointEvents.SavepointCompleted s) {
                latestCompletion.put(s.checkpoint(), i);
            } else if (event instanceof CheckpointEvents.Aborted a) {
                latestAbort.put(a.checkpoint(), i);
            } else if (event instanceof TaskEvents.CompleteNotified n) {
                add(Kind.COMPLETION_NOTICE, latestCompletion.get(n.checkpoint()), i);
            } else if (event instanceof TaskEvents.AbortNotified n) {
                add(Kind.ABORT_NOTICE, latestAbort.get(n.checkpoint()), i);
            } else {
                pairJobEvent(i, event);
            }
        }

        private void pairJobEvent(int i, HistoryEvent event) {
            if (event instanceof TaskEvents.Lifecycle l && l.phase() == TaskPhase.FAILED) {
                failures.computeIfAbsent(l.attempt(), a -> new ArrayList<>()).add(i);
            } else if (event instanceof JobEvents.Failover f) {
                List<Integer> failed = failures.getOrDefault(f.attempt(), List.of());
                failed.stream().filter(t -> Objects.equals(((TaskEvents.Lifecycle) history.get(t)).message(), f.cause()))
                        .findFirst().ifPresent(t -> add(Kind.FAILURE, t, i));
            } else if (event instanceof JobEvents.Ended) {
                latestOfActor.forEach((actor, latest) -> {
                    if (!MASTER.equals(actor)) {
                        add(Kind.JOB_END, latest, i);
                    }
                });
            }
        }

        /** A task's first event of an attempt follows its deployment; a source's first of a checkpoint, the trigger. */
        private void pairTaskStart(int i, HistoryEvent event) {
            if (seen.add(new TaskInAttempt(event.attempt(), event.actor()))) {
                add(Kind.DEPLOYMENT, deployments.get(event.attempt()), i);
            }
            Long checkpoint = checkpointTakenPartIn(event);
            if (checkpoint != null && channels.isSource(event.attempt(), event.actor())
                    && triggered.add(new CheckpointAtTask(event.attempt(), event.actor(), checkpoint))) {
                Integer trigger = triggers.get(checkpoint);
                if (trigger != null && trigger < i && history.get(trigger).attempt() == event.attempt()) {
                    add(Kind.TRIGGER, trigger, i);
                }
            }
        }

        private void add(Kind kind, Integer send, int receive) {
            if (send != null && send != receive) {
                pairs.add(new Message(kind, send, receive));
            }
        }

        /** The checkpoint a task's event shows it taking part in, or null. */
        private static Long checkpointTakenPartIn(HistoryEvent event) {
            if (event instanceof TaskEvents.BarrierSent b) {
                return b.checkpoint();
            } else if (event instanceof TaskEvents.Snapshot s) {
                return s.checkpoint();
            } else if (event instanceof TaskEvents.Acknowledged a) {
                return a.checkpoint();
            } else if (event instanceof TaskEvents.SnapshotWriteFailed f) {
                return f.checkpoint();
            } else if (event instanceof FaultInjected f) {
                return f.checkpoint();
            }
            return null;
        }

        private static boolean isTask(String actor) {
            return !MASTER.equals(actor) && !COORDINATOR.equals(actor);
        }
    }
}
