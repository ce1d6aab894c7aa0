/**
 * Deterministic execution of the actor runtime: the same actors as a live run, on one executor
 * whose next task is picked by a seeded generator, under virtual time, driven by one thread.
 *
 * <p>{@link io.snapsim.runtime.deterministic.DeterministicRuntime} is the entry point: it creates a
 * typed actor system whose dispatchers run on a
 * {@link io.snapsim.runtime.deterministic.DeterministicExecutor} (bound through
 * {@link io.snapsim.runtime.deterministic.DeterministicDispatcherConfigurator}) and whose timers
 * fall due on a {@link io.snapsim.runtime.deterministic.VirtualTimeScheduler}, read by a
 * {@link io.snapsim.runtime.deterministic.VirtualClock}. A seed fixes the history, so a failing
 * seed is a reproducible bug report. The Pekko settings involved are in
 * {@code snapsim-deterministic.conf}, with the reason for each.
 */
package io.snapsim.runtime.deterministic;
