package dev.tern.mqtt5.internal.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.tern.mqtt5.internal.codec.CodecFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

class Utf8Test {

    private static int validate(byte[] data) {
        ByteBuf buf = Unpooled.wrappedBuffer(data);
        try {
            return Utf8.validate(buf, 0, data.length);
        } finally {
            buf.release();
        }
    }

    @Test
    void asciiAndMultiByteTextAreValid() {
        assertThat(validate("hello".getBytes(StandardCharsets.UTF_8))).isEqualTo(Utf8.ASCII);
        assertThat(validate("\u00fc\u20ac\ud83d\ude00".getBytes(StandardCharsets.UTF_8))).isEqualTo(Utf8.NON_ASCII);
        assertThat(validate(bytes(0xEF, 0xBF, 0xBF))).as("U+FFFF is allowed").isEqualTo(Utf8.NON_ASCII);
        assertThat(validate(bytes(0x01, 0x7F))).as("controls are allowed").isEqualTo(Utf8.ASCII);
    }

    @Test
    void theRulesOfSection154AreEnforced() {
        assertThat(validate(bytes(0x61, 0x00))).as("U+0000").isEqualTo(Utf8.INVALID);
        assertThat(validate(bytes(0xC0, 0x80))).as("over-long U+0000").isEqualTo(Utf8.INVALID);
        assertThat(validate(bytes(0xC1, 0xBF))).as("over-long 2-byte").isEqualTo(Utf8.INVALID);
        assertThat(validate(bytes(0xE0, 0x80, 0xAF))).as("over-long 3-byte").isEqualTo(Utf8.INVALID);
        assertThat(validate(bytes(0xF0, 0x80, 0x80, 0xAF))).as("over-long 4-byte").isEqualTo(Utf8.INVALID);
        assertThat(validate(bytes(0xED, 0xA0, 0x80))).as("surrogate U+D800").isEqualTo(Utf8.INVALID);
        assertThat(validate(bytes(0xED, 0xBF, 0xBF))).as("surrogate U+DFFF").isEqualTo(Utf8.INVALID);
        assertThat(validate(bytes(0xF4, 0x90, 0x80, 0x80))).as("above U+10FFFF").isEqualTo(Utf8.INVALID);
        assertThat(validate(bytes(0xF5, 0x80, 0x80, 0x80))).as("lead byte F5").isEqualTo(Utf8.INVALID);
        assertThat(validate(bytes(0x80))).as("stray continuation").isEqualTo(Utf8.INVALID);
        assertThat(validate(bytes(0xE2, 0x82))).as("truncated").isEqualTo(Utf8.INVALID);
        assertThat(validate(bytes(0xE2, 0x28, 0xA1))).as("bad continuation").isEqualTo(Utf8.INVALID);
    }

    @Test
    void problemNamesWhatIsWrong() {
        assertThat(Utf8.problem("a\u0000")).contains("U+0000");
        assertThat(Utf8.problem("a\ud800b")).contains("unpaired surrogate");
        assertThat(Utf8.problem("\udc00")).contains("unpaired surrogate");
        assertThat(Utf8.problem("x".repeat(65_536))).contains("65535");
        assertThat(Utf8.problem("\u20ac".repeat(21_845))).isNull(); // exactly 65,535 bytes
    }
}
