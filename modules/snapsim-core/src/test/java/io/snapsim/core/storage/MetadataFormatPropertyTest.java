package io.snapsim.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.state.KeyGroupRange;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MetadataFormatPropertyTest {

    @Property(tries = 300)
    void serializeThenDeserializeIsIdentity(@ForAll("metadata") CheckpointMetadata md) {
        byte[] bytes = MetadataFormat.serialize(md);

        assertThat(MetadataFormat.deserialize(bytes, Path.of("/prop/chk-1/_metadata"))).isEqualTo(md);
    }

    @Provide
    Arbitrary<CheckpointMetadata> metadata() {
        return Combinators.combine(
                        text().injectNull(0.1),
                        Arbitraries.longs(),
                        Arbitraries.longs(),
                        Arbitraries.longs(),
                        Arbitraries.of(SnapshotKind.class),
                        Arbitraries.of("NO_EXTERNALIZED_CHECKPOINTS", "DELETE_ON_CANCELLATION", "RETAIN_ON_CANCELLATION")
                                .injectNull(0.2),
                        operator().list().ofMaxSize(4))
                .as(CheckpointMetadata::new);
    }

    private Arbitrary<OperatorStateSnapshot> operator() {
        return Combinators.combine(
                        text(),
                        text().injectNull(0.1),
                        Arbitraries.integers().between(1, 8),
                        Arbitraries.integers().between(0, 1 << 15),
                        subtask().list().ofMaxSize(4))
                .as((id, name, parallelism, extra, subtasks) ->
                        new OperatorStateSnapshot(id, name, parallelism, parallelism + extra, subtasks));
    }

    private Arbitrary<SubtaskStateSnapshot> subtask() {
        Arbitrary<KeyGroupRange> keyGroups = Combinators.combine(
                        Arbitraries.integers().between(0, 1 << 15), Arbitraries.integers().between(0, 300))
                .as((start, size) -> new KeyGroupRange(start, start + size - 1));
        return Combinators.combine(
                        Arbitraries.integers().between(0, 1000),
                        keyGroups,
                        handle(),
                        handle(),
                        Arbitraries.maps(text(), Arbitraries.longs()).ofMaxSize(5))
                .as(SubtaskStateSnapshot::new);
    }

    private Arbitrary<StateHandle> handle() {
        Arbitrary<StateHandle> inline = Arbitraries.bytes().array(byte[].class).ofMaxSize(64).map(StateHandle.Inline::new);
        Arbitrary<StateHandle> file = Combinators.combine(
                        segment().list().ofMinSize(1).ofMaxSize(4),
                        Arbitraries.of(true, false),
                        Arbitraries.longs().greaterOrEqual(0),
                        Arbitraries.longs())
                .as((segments, relative, size, crc) ->
                        new StateHandle.File((relative ? "" : "/") + String.join("/", segments), relative, size, crc));
        return Arbitraries.oneOf(inline, file).injectNull(0.2);
    }

    /** Names with non-ASCII letters and punctuation, but valid Unicode (no unpaired surrogates). */
    private Arbitrary<String> text() {
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('0', '9')
                .withChars(" -_.:/\u00e9\u00fc\u4e2d\u03bb")
                .ofMaxLength(24);
    }

    private Arbitrary<String> segment() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars("-_.0123456789").ofMinLength(1).ofMaxLength(10)
                .filter(s -> !s.equals("..") && !s.equals("."));
    }

    @Property(tries = 50)
    void everyHandleKeepsItsSizeAcrossARoundTrip(@ForAll("metadata") CheckpointMetadata md) {
        CheckpointMetadata back = MetadataFormat.deserialize(MetadataFormat.serialize(md), Path.of("m"));

        assertThat(back.stateSize()).isEqualTo(md.stateSize());
        assertThat(back.isSelfContained()).isEqualTo(md.isSelfContained());
    }
}
