package io.snapsim.core.run;

import io.snapsim.core.verdict.Verdict;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Writes a run's report page ({@code index.html}) into its folder, drawn from the folder's record
 * and its verdict. The module {@code snapsim-report} provides one through {@link ServiceLoader}; the
 * runtime finds it there and never names it, so that the report, whose tests run the engine, and the
 * runtime, which writes run folders, do not depend on each other. Implementations are stateless.
 */
public interface RunReportWriter {

    /** Writes the report of {@code record}, whose verdict is {@code verdict}; returns the page's path. */
    Path write(RunRecord record, Verdict verdict);

    /** The writer on the class path, or empty when {@code snapsim-report} is not there. */
    static Optional<RunReportWriter> find() {
        return ServiceLoader.load(RunReportWriter.class, RunReportWriter.class.getClassLoader()).findFirst();
    }
}
