package io.snapsim.runtime.fault;

import io.snapsim.core.sim.Faults.NetworkKind;

/**
 * A network fault on every channel from a subtask of operator {@code from} to a subtask of
 * operator {@code to}, from time {@code atTime} (absolute milliseconds of the job's clock).
 */
public record ChannelFault(int faultIndex, NetworkKind kind, String from, String to, long atTime, long delay) {
}
