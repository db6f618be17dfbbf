package org.hearth.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BufferedSocketsTest {

    @Test
    void readsAheadOnceAndHandsOutTheSameStream() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new BufferedSockets().createSocket()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5_000);
            try (Socket peer = server.accept()) {
                OutputStream out = peer.getOutputStream();
                out.write(new byte[] {0x30, 3, 'a', 'b', 'c', 0x30, 1, 'd'}); // two packets in one write
                out.flush();
                InputStream in = client.getInputStream();
                assertThat(client.getInputStream()).as("bytes read ahead stay with the one stream").isSameAs(in);
                DataInputStream data = new DataInputStream(in);
                assertThat(data.readUnsignedByte()).isEqualTo(0x30);
                // the rest of both packets came with the first read: answered from the buffer
                assertThat(in.available()).isEqualTo(7);
                byte[] body = new byte[data.readUnsignedByte()];
                data.readFully(body);
                assertThat(new String(body, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("abc");
                assertThat(data.readUnsignedByte()).isEqualTo(0x30);
                assertThat(data.readUnsignedByte()).isEqualTo(1);
                assertThat(data.readUnsignedByte()).isEqualTo('d');
                assertThat(in.available()).isZero();

                out.write(new byte[] {0x40, 2, 0, 7}); // a later packet: read from the socket again
                out.flush();
                assertThat(data.readInt()).isEqualTo(0x40020007);
            }
        }
    }

    @Test
    void aTimedOutReadLosesNothing() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new BufferedSockets().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket peer = server.accept()) {
            client.setSoTimeout(50); // Paho reads with a 1 s timeout and resumes the packet after it
            InputStream in = client.getInputStream();
            peer.getOutputStream().write(new byte[] {1, 2});
            assertThat(in.read()).isEqualTo(1);
            assertThat(in.read()).isEqualTo(2);
            assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
            peer.getOutputStream().write(new byte[] {3});
            assertThat(in.read()).isEqualTo(3);
        }
    }

    @Test
    void availableAsksTheSocketOnlyWhenItHoldsNothing() throws IOException {
        AtomicInteger asked = new AtomicInteger();
        InputStream socket = new ByteArrayInputStream(new byte[] {1, 2, 3}) {
            @Override
            public synchronized int available() {
                asked.incrementAndGet();
                return super.available();
            }
        };
        BufferedSockets.AvailableFromBuffer in = new BufferedSockets.AvailableFromBuffer(socket);

        assertThat(in.available()).isEqualTo(3);
        assertThat(asked).hasValue(1);
        assertThat(in.read()).isEqualTo(1);
        assertThat(in.available()).isEqualTo(2);
        assertThat(asked).as("two bytes held: the socket not asked").hasValue(1);
    }
}
