package dev.tern.mqtt5.client;

import dev.tern.mqtt5.testing.MosquittoBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * The real-broker contract against Mosquitto 2 (Debian package), started on a free loopback port. In the
 * {@code interop} profile, which {@code .ci/run} uses after installing the package.
 */
@Tag("interop")
class MosquittoClientTest extends RealBrokerContract {

    private static MosquittoBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = MosquittoBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    String host() {
        return "127.0.0.1";
    }

    @Override
    int port() {
        return broker.port();
    }
}
