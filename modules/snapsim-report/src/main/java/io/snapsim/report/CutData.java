package io.snapsim.report;

import io.snapsim.core.history.Channels;
import io.snapsim.core.history.CheckpointEvents;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.TaskEvents;
import io.snapsim.core.history.TaskPhase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cut of every checkpoint of a run, drawn from its history alone ({@link CheckpointCut}), with
 * a plain-language explanation of each ({@link CutExplanation}); and which one the page shows
 * first. Stateless.
 */
final class CutData {
    private CutData() {
    }

    /** The cuts of {@code history}'s checkpoints, in trigger order. */
    static List<CheckpointCut> cuts(List<HistoryEvent> history) {
        Positions positions = new Positions(history);
        Channels wiring = Channels.of(history);
        Map<Long, CheckpointCut> cuts = new LinkedHashMap<>();
        Map<String, Long> lastSent = new HashMap<>();
        List<HistoryEvent> ordered = positions.ordered();
        for (int seq = 0; seq < ordered.size(); seq++) {
            HistoryEvent e = ordered.get(seq);
            Long checkpoint = checkpointOf(e);
            if (e instanceof CheckpointEvents.Triggered t) {
                cuts.put(t.checkpoint(), new CheckpointCut(t.checkpoint(), t.kind(), e.attempt(), seq, e.time()));
            } else if (e instanceof CheckpointEvents.SavepointTriggered t) {
                cuts.put(t.checkpoint(), new CheckpointCut(t.checkpoint(), "savepoint", e.attempt(), seq, e.time()));
            } else if (checkpoint != null && cuts.containsKey(checkpoint)) {
                apply(cuts.get(checkpoint), e, seq, wiring, lastSent);
            } else if (isFailure(e)) {
                failed(cuts.values(), e, seq);
            }
        }
        return new ArrayList<>(cuts.values());
    }

    private static void apply(CheckpointCut cut, HistoryEvent e, long seq, Channels wiring, Map<String, Long> lastSent) {
        if (e instanceof TaskEvents.BarrierSent s) {
            CheckpointCut.Channel c = cut.sent(e.actor(), s.channel());
            c.sentSeq = seq;
            c.sentTime = e.time();
            c.sent = s.records();
            Long before = lastSent.put(e.attempt() + "\n" + e.actor() + "\n" + s.channel(), s.records());
            c.epoch = s.records() - (before == null ? 0 : before);
            snapshotAt(cut.task(e.actor()), seq, e.time());
        } else if (e instanceof TaskEvents.BarrierReceived r) {
            received(cut, r, seq, wiring);
        } else if (e instanceof TaskEvents.ChannelBlocked b) {
            CheckpointCut.Channel c = cut.into(e.actor(), b.channel());
            if (c != null) {
                c.blockedSeq = seq;
            }
        } else if (e instanceof TaskEvents.ChannelUnblocked u) {
            CheckpointCut.Channel c = cut.into(e.actor(), u.channel());
            if (c != null) {
                c.unblockedSeq = seq;
                c.held = u.held();
            }
        } else {
            applyToTask(cut, e, seq);
        }
    }

    private static void received(CheckpointCut cut, TaskEvents.BarrierReceived r, long seq, Channels wiring) {
        cut.task(r.actor()).hasInputs = true;
        TaskEvents.ChannelSender from = wiring.sender(r.attempt(), r.actor(), r.channel()).orElse(null);
        CheckpointCut.Channel c = from == null ? null : cut.outOf(from.task(), from.output());
        if (c != null) {
            cut.receivedBy(c, r.actor(), r.channel());
            c.receivedSeq = seq;
            c.receivedTime = r.time();
            c.received = r.records();
        }
    }

    private static void applyToTask(CheckpointCut cut, HistoryEvent e, long seq) {
        if (e instanceof TaskEvents.AlignmentStarted) {
            cut.task(e.actor()).alignStartSeq = seq;
            cut.task(e.actor()).alignStartTime = e.time();
        } else if (e instanceof TaskEvents.AlignmentCompleted || e instanceof TaskEvents.AlignmentAborted) {
            cut.task(e.actor()).alignEndSeq = seq;
            cut.task(e.actor()).alignEndTime = e.time();
        } else if (e instanceof TaskEvents.Snapshot s) {
            CheckpointCut.Task t = cut.task(e.actor());
            snapshotAt(t, seq, e.time());
            t.processed = s.records().isEmpty() ? null : s.records().get(0);
        } else if (e instanceof TaskEvents.Acknowledged) {
            cut.task(e.actor()).ackSeq = seq;
        } else if (e instanceof CheckpointEvents.Completed || e instanceof CheckpointEvents.SavepointCompleted) {
            end(cut, "completed", null, seq, e.time());
        } else if (e instanceof CheckpointEvents.Aborted a) {
            end(cut, "failed", a.reason() + ": " + a.message(), seq, e.time());
        }
    }

    /**
     * The task's state was captured by then: the history records the snapshot after the barriers
     * it forwarded, but the state was taken before them, so the cut lies at the first of the two.
     */
    private static void snapshotAt(CheckpointCut.Task t, long seq, long time) {
        if (t.snapshotSeq == null || seq < t.snapshotSeq) {
            t.snapshotSeq = seq;
            t.snapshotTime = time;
        }
    }

    private static void end(CheckpointCut cut, String status, String reason, long seq, long time) {
        if (cut.endSeq == null) {
            cut.status = status;
            cut.reason = reason;
            cut.endSeq = seq;
            cut.endTime = time;
        }
    }

    /** A task failing or cancelled marks every checkpoint of its attempt still open: it takes no further part. */
    private static void failed(Iterable<CheckpointCut> cuts, HistoryEvent e, long seq) {
        for (CheckpointCut cut : cuts) {
            if (cut.attempt == e.attempt() && cut.endSeq == null) {
                CheckpointCut.Task t = cut.task(e.actor());
                if (t.failedSeq == null) {
                    t.failedSeq = seq;
                    t.failedTime = e.time();
                }
            }
        }
    }

    private static boolean isFailure(HistoryEvent e) {
        return e instanceof TaskEvents.Lifecycle l && (l.phase() == TaskPhase.FAILED || l.phase() == TaskPhase.CANCELLED);
    }

    /** The checkpoint an event of a checkpoint's life belongs to, or null. */
    private static Long checkpointOf(HistoryEvent e) {
        if (e instanceof TaskEvents.BarrierSent s) {
            return s.checkpoint();
        } else if (e instanceof TaskEvents.BarrierReceived r) {
            return r.checkpoint();
        } else if (e instanceof TaskEvents.ChannelBlocked b) {
            return b.checkpoint();
        } else if (e instanceof TaskEvents.ChannelUnblocked u) {
            return u.checkpoint();
        } else if (e instanceof TaskEvents.AlignmentStarted a) {
            return a.checkpoint();
        } else if (e instanceof TaskEvents.AlignmentCompleted a) {
            return a.checkpoint();
        } else if (e instanceof TaskEvents.AlignmentAborted a) {
            return a.checkpoint();
        } else if (e instanceof TaskEvents.Snapshot s) {
            return s.checkpoint();
        } else if (e instanceof TaskEvents.Acknowledged a) {
            return a.checkpoint();
        }
        return checkpointOfCoordinator(e);
    }

    private static Long checkpointOfCoordinator(HistoryEvent e) {
        if (e instanceof CheckpointEvents.Completed c) {
            return c.checkpoint();
        } else if (e instanceof CheckpointEvents.SavepointCompleted c) {
            return c.checkpoint();
        } else if (e instanceof CheckpointEvents.Aborted a) {
            return a.checkpoint();
        }
        return null;
    }
}
