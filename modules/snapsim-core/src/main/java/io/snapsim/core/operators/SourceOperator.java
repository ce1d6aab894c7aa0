package io.snapsim.core.operators;

import io.snapsim.core.source.ReplayableSource;
import io.snapsim.core.source.SplitReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the splits of a {@link ReplayableSource} assigned to this subtask (split s goes to subtask
 * s % parallelism), round-robin, and emits their records. Its state is the position of each split.
 * Confined to the owning task.
 */
public final class SourceOperator implements StreamOperator {
    private final ReplayableSource<?> source;
    private final List<Integer> splits = new ArrayList<>();
    private final Map<String, Long> restoredPositions = new TreeMap<>();
    private final List<SplitReader<?>> readers = new ArrayList<>();
    private OperatorContext context;
    private int next;

    public SourceOperator(ReplayableSource<?> source) {
        this.source = source;
    }

    /** The key of a split's position in snapshots. */
    public static String splitKey(int split) {
        return "split-" + split;
    }

    @Override
    public void setup(OperatorContext context) {
        this.context = context;
        for (int s = context.subtaskIndex(); s < source.numberOfSplits(); s += context.parallelism()) {
            splits.add(s);
        }
    }

    /** Sets the positions to resume from; splits not named start at 0. */
    public void restorePositions(Map<String, Long> positions) {
        restoredPositions.clear();
        restoredPositions.putAll(positions);
    }

    @Override
    public void open() throws Exception {
        for (int s : splits) {
            readers.add(source.createReader(s, restoredPositions.getOrDefault(splitKey(s), 0L)));
        }
    }

    @Override
    public void processElement(int input, Object record) {
        throw new IllegalStateException("a source has no inputs");
    }

    /**
     * Emits up to {@code max} records, taking one record from each split in turn.
     *
     * @return the number emitted; fewer than max only when every split is exhausted
     */
    public int emit(int max) throws Exception {
        int emitted = 0;
        int exhaustedInARow = 0;
        while (emitted < max && !readers.isEmpty() && exhaustedInARow < readers.size()) {
            SplitReader<?> reader = readers.get(next);
            next = (next + 1) % readers.size();
            if (reader.hasNext()) {
                context.output().emit(reader.next());
                emitted++;
                exhaustedInARow = 0;
            } else {
                exhaustedInARow++;
            }
        }
        return emitted;
    }

    /** Each assigned split's position: the index of the next record it will emit. */
    public Map<String, Long> positions() {
        Map<String, Long> positions = new TreeMap<>();
        for (int i = 0; i < splits.size(); i++) {
            positions.put(splitKey(splits.get(i)), readers.get(i).position());
        }
        return positions;
    }

    @Override
    public void close() throws Exception {
        for (SplitReader<?> r : readers) {
            r.close();
        }
    }
}
