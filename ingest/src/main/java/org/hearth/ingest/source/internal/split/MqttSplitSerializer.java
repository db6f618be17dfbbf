package org.hearth.ingest.source.internal.split;

import java.nio.charset.StandardCharsets;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Serializes a split as its id in UTF-8. */
public final class MqttSplitSerializer implements SimpleVersionedSerializer<MqttSplit> {

    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(MqttSplit split) {
        return split.splitId().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public MqttSplit deserialize(int version, byte[] serialized) {
        return new MqttSplit(new String(serialized, StandardCharsets.UTF_8));
    }
}
