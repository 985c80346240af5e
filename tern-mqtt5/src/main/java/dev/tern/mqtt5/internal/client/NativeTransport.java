package dev.tern.mqtt5.internal.client;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Chooses between Netty's native epoll transport and NIO: epoll where its natives load (Linux on x86-64
 * or ARM64, unless {@code -Dio.netty.transport.noNative=true}), NIO everywhere else. Measured on loopback
 * through Mosquitto, the native transport's cheaper wake-ups are what a one-at-a-time round trip spends
 * most of its client time on.
 */
public final class NativeTransport {

    private NativeTransport() {
    }

    /** A new group of the best transport available here. */
    static EventLoopGroup newGroup(int threads, DefaultThreadFactory threadFactory) {
        if (Epoll.AVAILABLE) {
            return Epoll.newGroup(threads, threadFactory);
        }
        return new NioEventLoopGroup(threads, threadFactory);
    }

    /** The socket channel class for an event loop of either kind (an application may give its own group). */
    public static Class<? extends SocketChannel> socketChannelFor(EventLoop loop) {
        return socketChannelFor(loop.parent());
    }

    /** The socket channel class for a group of either kind. */
    public static Class<? extends SocketChannel> socketChannelFor(EventLoopGroup group) {
        if (Epoll.AVAILABLE && Epoll.owns(group)) {
            return Epoll.socketChannel();
        }
        return NioSocketChannel.class;
    }

    /** Touches the epoll classes only when they are on the class path. */
    private static final class Epoll {

        static final boolean AVAILABLE = available();

        private static boolean available() {
            try {
                return io.netty.channel.epoll.Epoll.isAvailable();
            } catch (LinkageError e) {
                return false; // the application excluded the epoll artifacts
            }
        }

        static EventLoopGroup newGroup(int threads, DefaultThreadFactory threadFactory) {
            return new io.netty.channel.epoll.EpollEventLoopGroup(threads, threadFactory);
        }

        static boolean owns(EventLoopGroup group) {
            return group instanceof io.netty.channel.epoll.EpollEventLoopGroup;
        }

        static Class<? extends SocketChannel> socketChannel() {
            return io.netty.channel.epoll.EpollSocketChannel.class;
        }
    }
}
