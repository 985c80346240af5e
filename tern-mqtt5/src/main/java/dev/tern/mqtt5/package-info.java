/**
 * The Tern MQTT 5 client: {@link dev.tern.mqtt5.Mqtt5Client}, its options, lifecycle events, results
 * and errors.
 *
 * <p>Create a client with {@link dev.tern.mqtt5.Mqtt5Client#create} from
 * {@link dev.tern.mqtt5.Mqtt5ClientOptions}, {@code start()} it, and use the futures its operations
 * return. Operations never throw for a runtime failure: their futures complete exceptionally with a
 * {@link dev.tern.mqtt5.Mqtt5Exception} whose {@link dev.tern.mqtt5.ErrorKind} says what went wrong. Only
 * a programming error, such as a null argument, throws at once.
 *
 * <p>Option and value classes are immutable and built with builders that check each argument. Durations
 * are {@link java.time.Duration}s; MQTT intervals keep the unit in their name
 * ({@code ...Seconds}). Packets live in {@link dev.tern.mqtt5.packets}, and transport settings (TLS,
 * WebSocket, proxies) in {@link dev.tern.mqtt5.transport}.
 */
package dev.tern.mqtt5;
