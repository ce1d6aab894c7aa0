// The verdict step alone, for scripts/bench-verdict: compares a run folder's committed output with
// its reference's, as SimulationRunner does (same public API, default memory budget, scratch in the
// run folder), and prints one line of figures. scripts/bench-verdict compiles it and runs it as
//   java -Xmx2g -cp CLASSES BenchVerdictStep RUN_FOLDER
import io.snapsim.core.verdict.OutputComparison;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

final class BenchVerdictStep {
    public static void main(String[] args) {
        Path run = Path.of(args[0]).toAbsolutePath();
        long start = System.nanoTime();
        OutputComparison c = OutputComparison.compare(List.of(run.resolve("reference").resolve("output")),
                List.of(run.resolve("output")), Map.of(), Map.of(), run.resolve("verdict-scratch"));
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("verdict-step seconds=%.2f peak-heap-used-mib=%d max-heap-mib=%d budget-mib=%d"
                        + " reference=%d run=%d equal=%s%n", seconds, peak >> 20, Runtime.getRuntime().maxMemory() >> 20,
                OutputComparison.defaultMemoryBudget() >> 20, c.referenceRecords(), c.actualRecords(), c.outputEqual());
    }
}
