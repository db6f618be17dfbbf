package org.hearth.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceEnumerator;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceReader;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.hearth.models.json.HearthJson;

/**
 * A bounded FLIP-27 source over replay files, merged by event time ({@link MergedLines}). One split,
 * so one reader: the order of records, and with it every decision downstream, is fixed by the files.
 */
public final class ReplayFileSource implements Source<ReplayRecord, ReplaySplit, Collection<ReplaySplit>> {

    private static final long serialVersionUID = 1L;

    private final List<String> files;
    private final ReplayFormat format;
    private final String homesYaml;

    public ReplayFileSource(List<Path> files, ReplayFormat format, String homesYaml) {
        this.files = files.stream().map(p -> p.toAbsolutePath().toString()).toList();
        this.format = format;
        this.homesYaml = homesYaml;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<ReplayRecord, ReplaySplit> createReader(SourceReaderContext ctx) {
        return new IteratorSourceReader<>(ctx);
    }

    @Override
    public SplitEnumerator<ReplaySplit, Collection<ReplaySplit>> createEnumerator(SplitEnumeratorContext<ReplaySplit> ctx) {
        return new IteratorSourceEnumerator<>(ctx, List.of(new ReplaySplit(files, format, homesYaml, 0)));
    }

    @Override
    public SplitEnumerator<ReplaySplit, Collection<ReplaySplit>> restoreEnumerator(
            SplitEnumeratorContext<ReplaySplit> ctx, Collection<ReplaySplit> checkpoint) {
        return new IteratorSourceEnumerator<>(ctx, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<ReplaySplit> getSplitSerializer() {
        return new SplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<Collection<ReplaySplit>> getEnumeratorCheckpointSerializer() {
        return new CheckpointSerializer();
    }

    static final class SplitSerializer implements SimpleVersionedSerializer<ReplaySplit> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(ReplaySplit split) throws IOException {
            return HearthJson.json().writeValueAsBytes(split);
        }

        @Override
        public ReplaySplit deserialize(int version, byte[] bytes) throws IOException {
            return HearthJson.json().readValue(bytes, ReplaySplit.class);
        }
    }

    static final class CheckpointSerializer implements SimpleVersionedSerializer<Collection<ReplaySplit>> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Collection<ReplaySplit> splits) throws IOException {
            return HearthJson.json().writeValueAsBytes(new ArrayList<>(splits));
        }

        @Override
        public Collection<ReplaySplit> deserialize(int version, byte[] bytes) throws IOException {
            return HearthJson.json().readValue(bytes,
                    HearthJson.json().getTypeFactory().constructCollectionType(List.class, ReplaySplit.class));
        }
    }
}
