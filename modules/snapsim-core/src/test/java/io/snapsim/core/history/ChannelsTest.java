package io.snapsim.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Both ends of every channel, per attempt, from the task-wired events. */
class ChannelsTest {
    private static TaskEvents.Wired wired(int attempt, String task, TaskEvents.ChannelSender... inputs) {
        return new TaskEvents.Wired(1, task, attempt, List.of(inputs));
    }

    private final Channels channels = Channels.of(List.of(
            wired(0, "source#0"),
            wired(0, "sum#0", new TaskEvents.ChannelSender("source#0", 0), new TaskEvents.ChannelSender("source#1", 0)),
            wired(0, "sum#1", new TaskEvents.ChannelSender("source#0", 1)),
            wired(1, "sum#1", new TaskEvents.ChannelSender("source#1", 1))));

    @Test
    void namesTheSenderOfEachInputChannel() {
        assertThat(channels.sender(0, "sum#0", 1)).contains(new TaskEvents.ChannelSender("source#1", 0));
        assertThat(channels.sender(0, "sum#0", 2)).isEmpty();
        assertThat(channels.sender(0, "map#0", 0)).isEmpty();
    }

    @Test
    void namesTheReceiverOfEachOutputChannelInItsAttempt() {
        assertThat(channels.receiver(0, "source#0", 1)).contains(new Channels.Receiver("sum#1", 0));
        assertThat(channels.receiver(0, "source#1", 0)).contains(new Channels.Receiver("sum#0", 1));
        assertThat(channels.receiver(1, "source#1", 1)).contains(new Channels.Receiver("sum#1", 0));
        assertThat(channels.receiver(0, "source#1", 1)).as("wired in attempt 1 only").isEmpty();
    }

    @Test
    void tellsSourcesByTheirEmptyWiring() {
        assertThat(channels.isSource(0, "source#0")).isTrue();
        assertThat(channels.isSource(0, "sum#0")).isFalse();
        assertThat(channels.isSource(0, "source#1")).as("never wired").isFalse();
    }
}
