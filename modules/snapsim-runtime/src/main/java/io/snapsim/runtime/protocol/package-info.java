/**
 * Every message between snapsim's actors, as sealed interfaces and records, one file per
 * conversation: {@link io.snapsim.runtime.protocol.DataPlane} (task to task),
 * {@link io.snapsim.runtime.protocol.TaskCoordination} (task and coordinator),
 * {@link io.snapsim.runtime.protocol.TaskLifecycle} (master and task),
 * {@link io.snapsim.runtime.protocol.MasterCoordination} (master and coordinator) and
 * {@link io.snapsim.runtime.protocol.JobControl} (the job's owner and the master). Each actor's inbox
 * is one sealed interface ({@link io.snapsim.runtime.protocol.TaskCommand},
 * {@link io.snapsim.runtime.protocol.CoordinatorCommand}, {@link io.snapsim.runtime.protocol.MasterCommand});
 * an actor's own messages (timers, adapted replies, completed I/O) implement its {@code Internal}.
 * Depends on core only: the actors depend on this package, never on each other's.
 */
package io.snapsim.runtime.protocol;
