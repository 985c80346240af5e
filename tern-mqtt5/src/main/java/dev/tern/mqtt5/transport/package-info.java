/**
 * How a client reaches its server: TLS ({@link dev.tern.mqtt5.transport.TlsOptions}), MQTT over
 * WebSocket ({@link dev.tern.mqtt5.transport.WebSocketOptions}, with a handshake transformer for
 * per-connection credentials), and HTTP CONNECT or SOCKS5 proxies.
 *
 * <p>The layers stack in one order: TCP, then the proxy tunnel (with TLS to an HTTPS proxy), then TLS
 * to the server, then WebSocket, then MQTT. Each is optional. All options here are immutable, and none
 * of them prints a password, key or signature.
 */
package dev.tern.mqtt5.transport;
