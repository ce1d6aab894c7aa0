package io.snapsim.cli;

import io.snapsim.core.job.RestoredSnapshot;
import java.util.ArrayList;
import java.util.List;

/** The summary's {@code restored:} line: what a resumed run was submitted from and what it completed since. */
final class ResumeSummary {
    private ResumeSummary() {
    }

    /**
     * "checkpoint 3 of job 0a63... from /path/chk-3/_metadata; this run completed checkpoints 4..7".
     *
     * @param completedIds the ids of the checkpoints the run completed, in increasing order
     */
    static String describe(RestoredSnapshot restored, List<Long> completedIds) {
        return restored.describe() + " of job " + restored.jobId() + " from " + restored.metadataPath()
                + "; this run completed " + (completedIds.isEmpty() ? "no checkpoint"
                : (completedIds.size() == 1 ? "checkpoint " : "checkpoints ") + ranges(completedIds));
    }

    /** Consecutive ids as ranges: [4, 5, 6, 8] gives "4..6, 8". */
    static String ranges(List<Long> sortedIds) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= sortedIds.size(); i++) {
            if (i == sortedIds.size() || sortedIds.get(i) != sortedIds.get(i - 1) + 1) {
                long first = sortedIds.get(start);
                long last = sortedIds.get(i - 1);
                parts.add(first == last ? Long.toString(first) : first + ".." + last);
                start = i;
            }
        }
        return String.join(", ", parts);
    }
}
