package dev.tern.benchmarks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** The client side of the {@link ZeroCostSink}'s control channel: one connection, one query per call. */
final class SinkControl implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    SinkControl(String host, int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(5_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** {@return the number of PUBLISH packets the sink has received} */
    long count() throws IOException {
        out.write('\n');
        out.flush();
        long value = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("sink control channel closed");
            }
            if (b == '\n') {
                return value;
            }
            value = value * 10 + (b - '0');
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
