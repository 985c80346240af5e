package dev.tern.mqtt5.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The relay's faults, checked with plain sockets against an echo server. */
@Timeout(20)
class FaultRelayTest {

    private ServerSocket echo;
    private Thread echoAcceptor;
    private FaultRelay relay;

    @BeforeEach
    void startEcho() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        echoAcceptor = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread t = new Thread(() -> {
                        try (s) {
                            s.getInputStream().transferTo(s.getOutputStream());
                        } catch (IOException ignored) {
                            // peer gone
                        }
                    }, "echo");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "echo-accept");
        echoAcceptor.setDaemon(true);
        echoAcceptor.start();
        relay = FaultRelay.to(echo.getLocalPort());
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
        echo.close();
        echoAcceptor.join(2_000);
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), relay.port());
        s.setSoTimeout(5_000);
        return s;
    }

    private static byte[] roundTrip(Socket s, byte[] bytes) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(bytes);
        out.flush();
        return s.getInputStream().readNBytes(bytes.length);
    }

    @Test
    void relaysAndCounts() throws Exception {
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "hello".getBytes())).isEqualTo("hello".getBytes());
        }
        assertThat(relay.bytesUp()).isEqualTo(5);
        assertThat(relay.bytesDown()).isEqualTo(5);
        assertThat(relay.connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void latencyDelaysEachDirection() throws Exception {
        relay.latency(150, 100);
        try (Socket s = connect()) {
            long start = System.nanoTime();
            assertThat(roundTrip(s, new byte[] {1, 2, 3})).containsExactly(1, 2, 3);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(250);
        }
    }

    @Test
    void bandwidthPacesBytes() throws Exception {
        relay.bandwidth(20_000);
        try (Socket s = connect()) {
            long start = System.nanoTime();
            assertThat(roundTrip(s, new byte[10_000])).hasSize(10_000);
            // 10 kB at 20 kB/s each way; the two directions overlap
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(400);
        }
    }

    @Test
    void splitWritesKeepTheBytes() throws Exception {
        relay.splitWrites(true);
        byte[] data = new byte[3_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        try (Socket s = connect()) {
            assertThat(roundTrip(s, data)).isEqualTo(data);
        }
    }

    @Test
    void resetClosesWithRst() throws Exception {
        try (Socket s = connect()) {
            roundTrip(s, new byte[] {1});
            assertThat(relay.reset()).isEqualTo(1);
            assertThatThrownBy(() -> {
                InputStream in = s.getInputStream();
                in.read();
            }).isInstanceOf(IOException.class).hasMessageContaining("reset");
        }
        assertThat(relay.activeConnections()).isZero();
    }

    @Test
    void blackholeDropsWithoutClosingAndHeals() throws Exception {
        try (Socket s = connect()) {
            roundTrip(s, new byte[] {1});
            relay.blackhole(true);
            s.getOutputStream().write(2);
            s.setSoTimeout(300);
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            assertThat(relay.activeConnections()).isEqualTo(1);
            relay.blackhole(false);
            s.setSoTimeout(5_000);
            assertThat(roundTrip(s, new byte[] {3})).containsExactly(3);
            assertThat(relay.bytesDropped()).isEqualTo(1);
        }
    }

    @Test
    void refuseClosesNewConnections() throws Exception {
        relay.refuse(true);
        try (Socket s = connect()) {
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        relay.refuse(false);
        try (Socket s = connect()) {
            assertThat(roundTrip(s, new byte[] {7})).containsExactly(7);
        }
        assertThat(relay.connectionsRefused()).isEqualTo(1);
    }

    @Test
    void closeEndsEveryThread() throws Exception {
        Socket s = connect();
        roundTrip(s, new byte[] {1});
        relay.close(); // joins every thread it started
        assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("fault-relay-" + relay.port() + "-"))
                .filter(Thread::isAlive)).isEmpty();
        s.close();
    }
}
