package io.snapsim.core.sink;

import io.snapsim.core.operators.OperatorContext;
import io.snapsim.core.operators.StreamOperator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A non-transactional file sink: every record is appended to {@code plain-S.txt} at once and stays
 * there. After a failure the records replayed since the last checkpoint are written again, so the
 * output holds duplicates: the contrast to {@link TransactionalFileSinkOperator}.
 * Confined to the owning task.
 */
public final class PlainFileSinkOperator implements StreamOperator {
    private final Path directory;
    private BufferedWriter writer;
    private OperatorContext context;

    public PlainFileSinkOperator(Path directory) {
        this.directory = directory;
    }

    @Override
    public void setup(OperatorContext context) {
        this.context = context;
    }

    @Override
    public void open() throws IOException {
        Files.createDirectories(directory);
        writer = Files.newBufferedWriter(directory.resolve("plain-" + context.subtaskIndex() + ".txt"),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Override
    public void processElement(int input, Object record) throws IOException {
        writer.write(String.valueOf(record));
        writer.write('\n');
    }

    @Override
    public byte[] snapshotOperatorState(long checkpointId) throws IOException {
        writer.flush();
        return null;
    }

    /** This sink's folder, which a resumed run's verdict reads with its own output. */
    @Override
    public Path externalLocation() {
        return directory.toAbsolutePath();
    }

    @Override
    public void endInput(boolean checkpointingEnabled) throws IOException {
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }
}
