package org.hearth.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.internal.MqttState;
import org.eclipse.paho.mqttv5.client.wire.MqttInputStream;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;
import org.eclipse.paho.mqttv5.common.packet.MqttWireMessage;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Paho's own packet reader over a buffered socket and over a plain one (review-15): its reads resume after the socket's
 * read timeout (Paho's is 1 s) by whole arrays, not bytes, so a pause mid-packet, a packet larger than the buffer and
 * packets back to back must all come out intact and in order, and a socket the broker closes still gives what was sent.
 */
@Timeout(60)
class BufferedSocketsPahoReaderTest {

    private static MqttState state() {
        return (MqttState) Proxy.newProxyInstance(MqttState.class.getClassLoader(), new Class<?>[] {MqttState.class},
                (p, m, a) -> m.getReturnType() == int.class ? 0 : m.getReturnType() == boolean.class ? false : null);
    }

    private static byte[] packet(int id, int size, Random r) throws Exception {
        byte[] payload = new byte[size];
        r.nextBytes(payload);
        MqttPublish pub = new MqttPublish("hearth/h" + id + "/motion", new MqttMessage(payload, 1, false, null), new MqttProperties());
        pub.setMessageId(id);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(pub.getHeader());
        out.write(pub.getPayload());
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void everyPacketIntactAndInOrder_despitePausesMidBody(boolean buffered) throws Exception {
        Random r = new Random(7);
        int[] sizes = {10, 40_000, 30, 16_000, 16_400, 5, 100_000, 20, 20, 20, 8_000};
        List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            byte[] p = packet(i + 1, sizes[i], new Random(i));
            packets.add(p);
        }
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = (buffered ? new BufferedSockets() : SocketFactory.getDefault()).createSocket()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5_000);
            client.setSoTimeout(100); // Paho's is 1 s: the same path, shorter
            Thread writer;
            try (Socket peer = server.accept()) {
                peer.setTcpNoDelay(true);
                OutputStream out = peer.getOutputStream();
                writer = new Thread(() -> {
                    try {
                        for (int i = 0; i < packets.size(); i++) {
                            byte[] p = packets.get(i);
                            if (i % 3 == 2) {
                                out.write(p); // whole, back to back with the next
                                continue;
                            }
                            // the header and part of the body, a pause longer than the timeout, the rest in pieces
                            int first = Math.min(p.length, 8 + r.nextInt(Math.max(1, p.length / 2)));
                            out.write(p, 0, first);
                            out.flush();
                            Thread.sleep(250);
                            for (int at = first; at < p.length; ) {
                                int n = Math.min(p.length - at, 1 + r.nextInt(20_000));
                                out.write(p, at, n);
                                out.flush();
                                at += n;
                                if (r.nextInt(3) == 0) {
                                    Thread.sleep(150);
                                }
                            }
                        }
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                writer.start();
                MqttInputStream in = new MqttInputStream(state(), client.getInputStream(), "reader-test");
                List<MqttPublish> got = new ArrayList<>();
                int timeouts = 0;
                while (got.size() < packets.size()) {
                    MqttWireMessage m = in.readMqttWireMessage();
                    if (m == null) {
                        timeouts++;
                        continue;
                    }
                    got.add((MqttPublish) m);
                }
                writer.join();
                for (int i = 0; i < packets.size(); i++) {
                    assertThat(got.get(i).getMessageId()).isEqualTo(i + 1);
                    assertThat(got.get(i).getMessage().getPayload()).hasSize(sizes[i]);
                    byte[] expected = new byte[sizes[i]];
                    new Random(i).nextBytes(expected);
                    assertThat(got.get(i).getMessage().getPayload()).isEqualTo(expected);
                }
                assertThat(timeouts).as("reads that timed out mid-packet and resumed").isPositive();
                // the broker closes the socket: a packet already sent is still read, then EOF
                out.write(packet(99, 50, r));
                out.flush();
            }
            MqttInputStream in = new MqttInputStream(state(), client.getInputStream(), "reader-test");
            MqttWireMessage last = null;
            while (last == null) {
                last = in.readMqttWireMessage();
            }
            assertThat(((MqttPublish) last).getMessageId()).isEqualTo(99);
            assertThatThrownBy(() -> {
                while (true) {
                    in.readMqttWireMessage();
                }
            }).isInstanceOf(EOFException.class);
        }
    }
}
