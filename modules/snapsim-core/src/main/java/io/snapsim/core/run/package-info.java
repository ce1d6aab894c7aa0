/**
 * A simulation run as its folder records it: the inputs ({@code run.json}), what each job's history
 * says ({@link io.snapsim.core.run.JobRecord}), the final keyed states, and the verdict and summary
 * drawn from them alone. {@code snapsim check} and the runner both judge a run through this package,
 * so a folder judged twice gets the same verdict.
 */
package io.snapsim.core.run;
