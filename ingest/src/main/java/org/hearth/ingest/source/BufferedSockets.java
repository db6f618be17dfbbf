package org.hearth.ingest.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose input is buffered, for the source's Paho client. Paho reads a packet's fixed header and length
 * a byte at a time from the socket's own stream, each byte a {@code read} system call, and asks {@code available()} before
 * every packet: about five system calls per reading, a quarter of the source's receiver thread at the morning peak
 * (BENCHMARKS.md, the live job's steady-state profile). Here one {@code read} takes whatever the broker has sent, often
 * several packets. TLS sockets need none of this: their stream already hands out decrypted records from a buffer.
 * Public for the end-to-end bench's publisher ({@code AsyncPahoPublisher} takes a socket factory), whose receiver reads
 * a PUBACK per reading the same way; for {@code tcp://} urls only (Paho refuses a plain factory for {@code ssl://}).
 */
public final class BufferedSockets extends SocketFactory {

    /** Enough for a few dozen readings; Paho copies each packet out of it at once. */
    static final int BUFFER_BYTES = 16 * 1024;

    @Override
    public Socket createSocket() {
        return new BufferedInputSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(null, new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(localHost, localPort), new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(null, new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(localAddress, localPort), new InetSocketAddress(address, port));
    }

    /** A buffered socket connected to {@code to}, bound first to {@code local} when one is given. */
    private static Socket connected(InetSocketAddress local, InetSocketAddress to) throws IOException {
        Socket s = new BufferedInputSocket();
        if (local != null) {
            s.bind(local);
        }
        s.connect(to);
        return s;
    }

    /** A socket that hands out one buffered input stream (the same each time: bytes read ahead must not be lost). */
    static final class BufferedInputSocket extends Socket {

        private InputStream in;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new AvailableFromBuffer(super.getInputStream());
            }
            return in;
        }
    }

    /** Answers {@code available()} from what it holds when it holds something, without asking the socket. */
    static final class AvailableFromBuffer extends BufferedInputStream {

        AvailableFromBuffer(InputStream socket) {
            super(socket, BUFFER_BYTES);
        }

        @Override
        public synchronized int available() throws IOException {
            int buffered = count - pos;
            return buffered > 0 ? buffered : super.available();
        }
    }
}
