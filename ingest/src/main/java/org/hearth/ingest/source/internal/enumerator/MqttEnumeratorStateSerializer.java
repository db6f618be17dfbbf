package org.hearth.ingest.source.internal.enumerator;

import org.apache.flink.core.io.SimpleVersionedSerializer;

/** The empty enumerator state as zero bytes. */
public final class MqttEnumeratorStateSerializer implements SimpleVersionedSerializer<MqttEnumeratorState> {

    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(MqttEnumeratorState state) {
        return new byte[0];
    }

    @Override
    public MqttEnumeratorState deserialize(int version, byte[] serialized) {
        return new MqttEnumeratorState();
    }
}
