package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.PingReqPacket;
import dev.tern.mqtt5.packets.PingRespPacket;
import org.junit.jupiter.api.Test;

import static dev.tern.mqtt5.internal.codec.CodecFixture.bytes;
import static dev.tern.mqtt5.internal.codec.CodecFixture.decodeAll;
import static dev.tern.mqtt5.internal.codec.VectorSupport.CLIENT;
import static dev.tern.mqtt5.internal.codec.VectorSupport.SERVER;
import static dev.tern.mqtt5.internal.codec.VectorSupport.assertRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PINGREQ (MQTT 5.0 section 3.12) and PINGRESP (section 3.13): a fixed header only, no variable header
 * and no payload. Expected bytes written by hand from the specification.
 */
class PingVectorsTest {

    @Test
    void aPingReqIsTheTwoBytesC0And00() {
        byte[] wire = bytes(
                0xC0, 0x00);         // PINGREQ (type 12, flags 0000), remaining length 0
        assertRoundTrip(PingReqPacket.INSTANCE, wire, SERVER);
    }

    @Test
    void aPingRespIsTheTwoBytesD0And00() {
        byte[] wire = bytes(
                0xD0, 0x00);         // PINGRESP (type 13, flags 0000), remaining length 0
        assertRoundTrip(PingRespPacket.INSTANCE, wire, CLIENT);
    }

    @Test
    void twoPingRespsBackToBackDecodeAsTwoPackets() {
        byte[] wire = bytes(
                0xD0, 0x00,          // PINGRESP, remaining length 0
                0xD0, 0x00);         // PINGRESP, remaining length 0
        assertThat(decodeAll(wire, CLIENT)).containsExactly(PingRespPacket.INSTANCE, PingRespPacket.INSTANCE);
    }
}
