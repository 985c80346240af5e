package dev.tern.mqtt5.aws.testing;

import dev.tern.mqtt5.internal.codec.DecoderSettings;
import dev.tern.mqtt5.internal.codec.MqttPacketDecoder;
import dev.tern.mqtt5.internal.codec.MqttPacketEncoder;
import dev.tern.mqtt5.testing.TestPki;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately plain client for testing {@link IotGateway} without Tern's client: a JDK {@link SSLSocket}
 * (ALPN and client certificate as the test says, SNI {@code localhost} set explicitly), MQTT packets encoded and decoded with
 * Tern's codec, and a hand-written WebSocket upgrade and framing. Every read is bounded by a socket timeout.
 */
final class RawClient implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 10_000;

    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;
    private final MqttPacketDecoder decoder = new MqttPacketDecoder(DecoderSettings.client());
    private InputStream mqttIn;
    private boolean webSocket;

    private RawClient(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.mqttIn = in;
    }

    /**
     * Connects to {@code gateway} with TLS and completes the handshake.
     *
     * @param alpn the ALPN protocols to offer, none if empty
     * @param identity the client certificate to present, or null
     */
    static RawClient connect(IotGateway gateway, List<String> alpn, TestPki.Identity identity, X509Certificate trusted)
            throws Exception {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(gateway.host(), gateway.port()), TIMEOUT_MILLIS);
        plain.setSoTimeout(TIMEOUT_MILLIS);
        SSLSocket socket = (SSLSocket) context(identity, trusted).getSocketFactory()
                .createSocket(plain, "localhost", gateway.port(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        // explicitly: the JDK sends no SNI for a name without a dot, such as localhost
        parameters.setServerNames(List.of(new SNIHostName("localhost")));
        parameters.setApplicationProtocols(alpn.toArray(new String[0]));
        socket.setSSLParameters(parameters);
        try {
            socket.startHandshake();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new RawClient(socket);
    }

    static RawClient connect(IotGateway gateway, List<String> alpn, TestPki.Identity identity) throws Exception {
        return connect(gateway, alpn, identity, gateway.caCertificate());
    }

    private static SSLContext context(TestPki.Identity identity, X509Certificate trusted) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", trusted);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        KeyManagerFactory keyManagers = null;
        if (identity != null) {
            char[] password = "secret".toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("key", identity.privateKey, password, identity.chain.toArray(new X509Certificate[0]));
            keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(),
                new SecureRandom());
        return context;
    }

    String negotiatedAlpn() {
        return socket.getApplicationProtocol();
    }

    // ---- MQTT --------------------------------------------------------------------------------------------

    /** Sends {@code packet} (encoded by Tern's encoder), in one binary frame after an upgrade. */
    void send(Object packet) throws IOException {
        ByteBuf encoded = MqttPacketEncoder.encode(UnpooledByteBufAllocator.DEFAULT, packet,
                DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE);
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(encoded);
        } finally {
            encoded.release();
        }
        if (webSocket) {
            sendFrame(0x2, bytes);
        } else {
            out.write(bytes);
            out.flush();
        }
    }

    /** Reads the next MQTT packet (across frames after an upgrade) and decodes it with Tern's client decoder. */
    Object readPacket() throws Exception {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        int header = readByte(mqttIn);
        packet.write(header);
        int remaining = 0;
        for (int shift = 0; ; shift += 7) {
            int b = readByte(mqttIn);
            packet.write(b);
            remaining |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        packet.write(readFully(mqttIn, remaining));
        ByteBuf buffer = Unpooled.wrappedBuffer(packet.toByteArray());
        try {
            return decoder.decode(buffer);
        } finally {
            buffer.release();
        }
    }

    /** True if the gateway closed the connection (end of stream or reset) within the socket timeout. */
    boolean closedByPeer() {
        try {
            return mqttIn.read() < 0;
        } catch (IOException e) {
            return !(e instanceof java.net.SocketTimeoutException);
        }
    }

    // ---- WebSocket -------------------------------------------------------------------------------------------

    /** The HTTP answer to an upgrade request. */
    record HttpAnswer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Sends a WebSocket upgrade for {@code target} (path and query as given) with {@code Host: host} and
     * {@code Sec-WebSocket-Protocol: mqtt} unless {@code protocol} says otherwise (null: no such header).
     * After a 101, {@link #send} and {@link #readPacket} go through binary frames.
     */
    HttpAnswer upgrade(String target, String host, String protocol) throws IOException {
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        StringBuilder request = new StringBuilder()
                .append("GET ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce)).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        if (protocol != null) {
            request.append("Sec-WebSocket-Protocol: ").append(protocol).append("\r\n");
        }
        request.append("\r\n");
        out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();

        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            head.write(readByte(in));
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        String body = "";
        if (headers.containsKey("content-length")) {
            body = new String(readFully(in, Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
        }
        if (status == 101) {
            webSocket = true;
            mqttIn = new FramePayloads();
        }
        return new HttpAnswer(status, headers, body);
    }

    /** Sends one masked frame with FIN set. */
    void sendFrame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift));
            }
        }
        byte[] mask = new byte[4];
        new SecureRandom().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** The opcodes of the server's frames read so far (binary = 2, close = 8). */
    final List<Integer> serverOpcodes = new ArrayList<>();

    /** The payloads of the server's binary and continuation frames as one stream; end of stream at a close frame. */
    private final class FramePayloads extends InputStream {
        private byte[] current = new byte[0];
        private int position;
        private boolean closed;

        @Override
        public int read() throws IOException {
            while (position >= current.length) {
                if (closed || !nextFrame()) {
                    return -1;
                }
            }
            return current[position++] & 0xFF;
        }

        private boolean nextFrame() throws IOException {
            int first = in.read();
            if (first < 0) {
                closed = true;
                return false;
            }
            int second = readByte(in);
            long length = second & 0x7F;
            if (length == 126) {
                length = (readByte(in) << 8) | readByte(in);
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | readByte(in);
                }
            }
            if ((second & 0x80) != 0) {
                throw new IOException("the server masked a frame");
            }
            byte[] payload = readFully(in, (int) length);
            int opcode = first & 0x0F;
            serverOpcodes.add(opcode);
            if (opcode == 0x8) {
                closed = true;
                return false;
            }
            current = opcode == 0x2 || opcode == 0x0 ? payload : new byte[0];
            position = 0;
            return true;
        }
    }

    // ---- bytes ---------------------------------------------------------------------------------------------

    private static int readByte(InputStream stream) throws IOException {
        int b = stream.read();
        if (b < 0) {
            throw new EOFException("the gateway closed the connection");
        }
        return b;
    }

    private static byte[] readFully(InputStream stream, int length) throws IOException {
        byte[] bytes = new byte[length];
        int read = 0;
        while (read < length) {
            int n = stream.read(bytes, read, length - read);
            if (n < 0) {
                throw new EOFException("the gateway closed the connection after " + read + " of " + length + " bytes");
            }
            read += n;
        }
        return bytes;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
