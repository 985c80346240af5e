package dev.tern.mqtt5.internal.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Properties {

    @Property(tries = 2000)
    void anyValidJavaStringEncodesToValidUtf8OfTheComputedLength(@ForAll String s) {
        if (Utf8.problem(s) != null) {
            return; // lone surrogates, U+0000 or too long: the builders refuse those before encoding
        }
        byte[] encoded = s.getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.encodedLength(s)).isEqualTo(encoded.length);
        assertThat(validate(encoded)).isNotEqualTo(Utf8.INVALID);
    }

    private static int validate(byte[] data) {
        ByteBuf buf = Unpooled.wrappedBuffer(data);
        try {
            return Utf8.validate(buf, 0, data.length);
        } finally {
            buf.release();
        }
    }
}
