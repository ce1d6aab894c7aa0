package io.snapsim.core.api.state;

/**
 * Names a piece of keyed state and its kind. The name is the state's identity in snapshots, so it
 * must stay the same across versions of a job for state to be restored.
 */
public sealed interface StateDescriptor permits ValueStateDescriptor, ListStateDescriptor, MapStateDescriptor {
    String name();
}
