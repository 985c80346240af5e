package dev.tern.mqtt5.aws.internal;

import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.Mqtt5Exception;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.packets.UnsubscribePacket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IotCoreLimitsTest {

    private static PublishPacket publish(String topic, int payloadBytes, QoS qos) {
        return PublishPacket.builder().topic(topic).payload(new byte[payloadBytes]).qos(qos).build();
    }

    @Test
    void payloadsUpTo128KiBPass() {
        assertThat(IotCoreLimits.checkPublish(publish("a/b", 128 * 1024, QoS.AT_LEAST_ONCE))).isNull();
        Mqtt5Exception error = IotCoreLimits.checkPublish(publish("a/b", 128 * 1024 + 1, QoS.AT_LEAST_ONCE));
        assertThat(error.kind()).isEqualTo(ErrorKind.UNSUPPORTED_BY_SERVER);
        assertThat(error).hasMessageContaining("131072").hasMessageContaining("131073");
    }

    @Test
    void qos2IsRefused() {
        assertThat(IotCoreLimits.checkPublish(publish("a", 1, QoS.EXACTLY_ONCE))).hasMessageContaining("QoS 2");
        assertThat(IotCoreLimits.checkSubscribe(SubscribePacket.of("a/#", QoS.EXACTLY_ONCE)))
                .hasMessageContaining("QoS 2");
    }

    @Test
    void topicsHaveAtMost7Slashes() {
        assertThat(IotCoreLimits.checkPublish(publish("1/2/3/4/5/6/7/8", 0, QoS.AT_MOST_ONCE))).isNull();
        assertThat(IotCoreLimits.checkPublish(publish("1/2/3/4/5/6/7/8/9", 0, QoS.AT_MOST_ONCE)))
                .hasMessageContaining("7 slashes");
    }

    @Test
    void basicIngestPrefixIsNotCounted() {
        assertThat(IotCoreLimits.checkPublish(publish("$aws/rules/myRule/1/2/3/4/5/6/7/8", 0, QoS.AT_MOST_ONCE)))
                .isNull();
        assertThat(IotCoreLimits.checkPublish(publish("$aws/rules/myRule/1/2/3/4/5/6/7/8/9", 0, QoS.AT_MOST_ONCE)))
                .isNotNull();
        assertThat(IotCoreLimits.checkPublish(publish("$aws/rules/r/" + "x".repeat(256), 0, QoS.AT_MOST_ONCE)))
                .isNull();
    }

    @Test
    void topicsHaveAtMost256Bytes() {
        assertThat(IotCoreLimits.checkPublish(publish("x".repeat(256), 0, QoS.AT_MOST_ONCE))).isNull();
        assertThat(IotCoreLimits.checkPublish(publish("x".repeat(257), 0, QoS.AT_MOST_ONCE)))
                .hasMessageContaining("256 bytes");
        // Bytes, not characters: 86 three-byte characters are 258 bytes.
        assertThat(IotCoreLimits.checkPublish(publish("€".repeat(86), 0, QoS.AT_MOST_ONCE))).isNotNull();
    }

    @Test
    void sharedSubscriptionPrefixIsNotCountedInFilters() {
        assertThat(IotCoreLimits.checkSubscribe(SubscribePacket.of("$share/group/1/2/3/4/5/6/7/#", QoS.AT_LEAST_ONCE)))
                .isNull();
        assertThat(IotCoreLimits.checkSubscribe(SubscribePacket.of("1/2/3/4/5/6/7/8/#", QoS.AT_LEAST_ONCE)))
                .isNotNull();
    }

    @Test
    void atMostEightFiltersPerSubscribe() {
        SubscribePacket.Builder eight = SubscribePacket.builder();
        for (int i = 0; i < 8; i++) {
            eight.subscription("t/" + i, QoS.AT_LEAST_ONCE);
        }
        assertThat(IotCoreLimits.checkSubscribe(eight.build())).isNull();
        eight.subscription("t/8", QoS.AT_LEAST_ONCE);
        assertThat(IotCoreLimits.checkSubscribe(eight.build())).hasMessageContaining("this one has 9");
        String[] nine = new String[9];
        for (int i = 0; i < 9; i++) {
            nine[i] = "t/" + i;
        }
        assertThat(IotCoreLimits.checkUnsubscribe(UnsubscribePacket.of(nine))).isNotNull();
    }

    @Test
    void connectLimits() {
        assertThatCode(() -> IotCoreLimits.checkConnect(ConnectPacket.builder().clientId("x".repeat(128))
                .keepAliveIntervalSeconds(1200).build())).doesNotThrowAnyException();
        assertThatThrownBy(() -> IotCoreLimits.checkConnect(ConnectPacket.builder().clientId("x".repeat(129))
                .keepAliveIntervalSeconds(60).build())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("128 bytes");
        assertThatThrownBy(() -> IotCoreLimits.checkConnect(ConnectPacket.builder().clientId("c")
                .keepAliveIntervalSeconds(29).build())).hasMessageContaining("30 to 1200");
        assertThatThrownBy(() -> IotCoreLimits.checkConnect(ConnectPacket.builder().clientId("c")
                .keepAliveIntervalSeconds(1201).build())).hasMessageContaining("was 1201");
    }
}
