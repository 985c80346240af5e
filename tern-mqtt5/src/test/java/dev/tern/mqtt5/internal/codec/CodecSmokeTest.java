package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import org.junit.jupiter.api.Test;

import static dev.tern.mqtt5.internal.codec.CodecFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class CodecSmokeTest {

    @Test
    void aQos1PublishSurvivesEncodeAndDecode() {
        PublishPacket packet = PublishPacket.builder().topic("a/b").payload("hi").qos(QoS.AT_LEAST_ONCE).build();
        byte[] wire = encode(OutboundPublish.of(packet, 7, false));
        InboundPublish decoded = (InboundPublish) decodeOne(wire);
        assertThat(decoded.packet()).isEqualTo(packet);
        assertThat(decoded.packetId()).isEqualTo(7);
    }
}
