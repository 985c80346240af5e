package dev.tern.mqtt5.aws.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tern.mqtt5.testing.HttpConnectProxy;
import dev.tern.mqtt5.transport.HttpProxyOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The AWS SDK's HTTP client SPI on Tern's transport, driven directly (no SDK service client) against the
 * JDK's HTTP server and raw sockets on loopback.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TernSdkHttpClientTest {

    private HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    /** A request as the server saw it; header names in lower case. */
    private static final class Seen {
        final String method;
        final String rawPath;
        final String rawQuery;
        final Map<String, List<String>> headers;
        final String body;

        Seen(HttpExchange exchange, String body) {
            method = exchange.getRequestMethod();
            rawPath = exchange.getRequestURI().getRawPath();
            rawQuery = exchange.getRequestURI().getRawQuery();
            headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
            this.body = body;
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.stop(0);
        }
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    /** Answers every request with 201, a header and a body, after recording it. */
    private int startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                seen.add(new Seen(exchange, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                byte[] body = "{\"answer\":42}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("X-Answer", "a1");
                exchange.getResponseHeaders().add("X-Answer", "a2");
                exchange.sendResponseHeaders(201, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        return server.getAddress().getPort();
    }

    private static SdkHttpFullRequest.Builder request(String host, int port) {
        return SdkHttpFullRequest.builder().protocol("http").host(host).port(port).method(SdkHttpMethod.POST)
                .encodedPath("/");
    }

    private static HttpExecuteResponse execute(TernSdkHttpClient client, SdkHttpFullRequest request, String body)
            throws IOException {
        HttpExecuteRequest.Builder execute = HttpExecuteRequest.builder().request(request);
        if (body != null) {
            execute.contentStreamProvider(ContentStreamProvider.fromUtf8String(body));
        }
        return client.prepareRequest(execute.build()).call();
    }

    private static String body(HttpExecuteResponse response) throws IOException {
        try (InputStream in = response.responseBody().orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void sendsMethodPathQueryHeadersAndBodyAndReturnsTheWholeResponse() throws Exception {
        int port = startServer();
        TernSdkHttpClient client = new TernSdkHttpClient(null, null, Duration.ofSeconds(5));

        HttpExecuteResponse response = execute(client, request("127.0.0.1", port).method(SdkHttpMethod.PUT)
                .encodedPath("/a%20b/c").appendRawQueryParameter("x", "1").appendRawQueryParameter("y", "two")
                .appendHeader("X-Test", "v1").appendHeader("X-Test", "v2").build(), "hello");

        assertThat(response.httpResponse().statusCode()).isEqualTo(201);
        assertThat(response.httpResponse().statusText()).contains("Created");
        assertThat(response.httpResponse().matchingHeaders("x-answer")).containsExactly("a1", "a2");
        assertThat(body(response)).isEqualTo("{\"answer\":42}");

        assertThat(seen).hasSize(1);
        Seen request = seen.get(0);
        assertThat(request.method).isEqualTo("PUT");
        assertThat(request.rawPath).isEqualTo("/a%20b/c");
        assertThat(request.rawQuery).isEqualTo("x=1&y=two");
        assertThat(request.headers.get("x-test")).containsExactly("v1", "v2");
        assertThat(request.headers.get("host")).containsExactly("127.0.0.1:" + port);
        assertThat(request.headers.get("content-length")).containsExactly("5");
        assertThat(request.headers.get("connection")).containsExactly("close");
        assertThat(request.body).isEqualTo("hello");
    }

    @Test
    void aRequestWithoutABodySaysContentLengthZeroAndAnEmptyPathBecomesSlash() throws Exception {
        int port = startServer();
        TernSdkHttpClient client = new TernSdkHttpClient(null, null, Duration.ofSeconds(5));

        execute(client, request("127.0.0.1", port).method(SdkHttpMethod.GET).encodedPath("").build(), null);

        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).method).isEqualTo("GET");
        assertThat(seen.get(0).rawPath).isEqualTo("/");
        assertThat(seen.get(0).headers.get("content-length")).containsExactly("0");
    }

    @Test
    void throughAProxyTheTunnelIsToTheServicesNameNotAnAddressResolvedHere() throws Exception {
        int port = startServer();
        HttpConnectProxy proxy = HttpConnectProxy.builder().basicAuth("u", "p").start();
        closeables.add(proxy);
        TernSdkHttpClient client = new TernSdkHttpClient(HttpProxyOptions.builder("127.0.0.1", proxy.port())
                .basicAuth("u", "p").build(), null, Duration.ofSeconds(5));

        HttpExecuteResponse response = execute(client, request("localhost", port).build(), "{}");

        assertThat(response.httpResponse().statusCode()).isEqualTo(201);
        assertThat(proxy.targets()).containsExactly("localhost:" + port);
        assertThat(seen.get(0).headers.get("host")).containsExactly("localhost:" + port);
    }

    @Test
    void aRefusedConnectionIsAnIOExceptionNamingTheAddress() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        TernSdkHttpClient client = new TernSdkHttpClient(null, null, Duration.ofSeconds(5));

        Throwable thrown = catchThrowable(() -> execute(client, request("127.0.0.1", port).build(), "{}"));

        assertThat(thrown).isInstanceOf(IOException.class).hasMessageContaining("127.0.0.1:" + port)
                .hasMessageContaining("refused");
    }

    @Test
    void aConnectionClosedBeforeTheResponseIsAnIOException() throws Exception {
        RawServer hangUp = new RawServer(socket -> {
            socket.getInputStream().read(new byte[1024]); // the request has arrived
            socket.close();
        });
        closeables.add(hangUp);
        TernSdkHttpClient client = new TernSdkHttpClient(null, null, Duration.ofSeconds(5));

        Throwable thrown = catchThrowable(() -> execute(client, request("127.0.0.1", hangUp.port()).build(), "{}"));

        assertThat(thrown).isInstanceOf(IOException.class)
                .hasMessageContaining("the connection closed before the response");
    }

    @Test
    void noAnswerFailsAfterTwiceTheTimeout() throws Exception {
        RawServer silent = new RawServer(socket -> { });
        closeables.add(silent);
        TernSdkHttpClient client = new TernSdkHttpClient(null, null, Duration.ofMillis(300));

        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> execute(client, request("127.0.0.1", silent.port()).build(), "{}"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(thrown).isInstanceOf(IOException.class)
                .hasMessage("no answer from 127.0.0.1:" + silent.port() + " within 600 ms");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(600)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void abortEndsACallThatIsWaitingForTheAnswer() throws Exception {
        RawServer silent = new RawServer(socket -> { });
        closeables.add(silent);
        TernSdkHttpClient client = new TernSdkHttpClient(null, null, Duration.ofSeconds(20));
        ExecutableHttpRequest call = client.prepareRequest(HttpExecuteRequest.builder()
                .request(request("127.0.0.1", silent.port()).build())
                .contentStreamProvider(ContentStreamProvider.fromUtf8String("{}")).build());

        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> catchThrowable(call::call));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (silent.accepted() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(silent.accepted()).isEqualTo(1);
        long start = System.nanoTime();
        call.abort();

        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    /** Accepts TCP connections on loopback and hands each to {@code behaviour} on its own thread. */
    private static final class RawServer implements AutoCloseable {

        interface Behaviour {
            void on(Socket socket) throws IOException;
        }

        private final ServerSocket socket;
        private final List<Socket> connections = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        RawServer(Behaviour behaviour) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket connection = socket.accept();
                        connections.add(connection);
                        behaviour.on(connection);
                    } catch (IOException e) {
                        if (socket.isClosed()) {
                            return;
                        }
                    }
                }
            }, "raw-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return connections.size();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            for (Socket connection : connections) {
                connection.close();
            }
            acceptor.join(5_000);
        }
    }
}
