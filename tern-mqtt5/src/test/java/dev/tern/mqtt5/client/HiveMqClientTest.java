package dev.tern.mqtt5.client;

import dev.tern.mqtt5.testing.HiveMqBroker;

/** The real-broker contract against HiveMQ Community Edition, embedded: part of every test run. */
class HiveMqClientTest extends RealBrokerContract {

    @Override
    String host() {
        return "127.0.0.1";
    }

    @Override
    int port() {
        return HiveMqBroker.get().port();
    }
}
