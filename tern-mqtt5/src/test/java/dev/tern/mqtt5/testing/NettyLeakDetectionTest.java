package dev.tern.mqtt5.testing;

import dev.tern.testing.NettyLeaks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The suite's leak guard must really catch a leaked buffer, or "no leaks" means nothing. */
class NettyLeakDetectionTest {

    @Test
    void leakDetectionRunsAtParanoid() {
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }

    @Test
    void aBufferDroppedWithoutReleaseIsReportedAsAFailure() {
        leakOneBuffer();
        assertThatThrownBy(() -> {
            for (int i = 0; i < 20; i++) {
                NettyLeaks.assertNoLeaks(true); // collection timing varies; it must show up within a few rounds
            }
        }).isInstanceOf(AssertionError.class).hasMessageContaining("LEAK").hasMessageContaining("leakOneBuffer");
    }

    private static void leakOneBuffer() {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        buf.writeLong(42);
        buf.touch("leakOneBuffer");
    }
}
