/**
 * Connecting Tern to AWS IoT Core: {@link dev.tern.mqtt5.aws.Mqtt5ClientBuilder} and its factories for every
 * authentication method IoT Core supports, and AWS credentials providers for WebSocket signing.
 *
 * <p>The builder produces an ordinary {@link dev.tern.mqtt5.Mqtt5Client}: everything the core package
 * documents about operations, threads and errors applies. The credentials given to a factory (keys,
 * passwords, tokens, signatures) stay out of Tern's {@code toString()} results and exception messages.
 */
package dev.tern.mqtt5.aws;
