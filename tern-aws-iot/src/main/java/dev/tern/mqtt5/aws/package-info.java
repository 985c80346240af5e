/**
 * Connecting Tern to AWS IoT Core: {@link dev.tern.mqtt5.aws.Mqtt5ClientBuilder} and its factories for every
 * authentication method IoT Core supports, and AWS credentials providers for WebSocket signing.
 */
package dev.tern.mqtt5.aws;
