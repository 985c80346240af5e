package dev.tern.mqtt5.aws.internal;

import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.Mqtt5Exception;
import dev.tern.mqtt5.NegotiatedSettings;
import dev.tern.mqtt5.OperationStatistics;
import dev.tern.mqtt5.PublishReceivedEvent;
import dev.tern.mqtt5.PublishResult;
import dev.tern.mqtt5.packets.AuthPacket;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.packets.UnsubAckPacket;
import dev.tern.mqtt5.packets.UnsubscribePacket;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A client that refuses what AWS IoT Core would refuse ({@link IotCoreLimits}) and holds publishes to IoT
 * Core's rates ({@link PublishThrottle}); everything else goes straight to the wrapped client.
 */
public final class IotCoreLimitedClient implements Mqtt5Client {

    /** One daemon thread for every limited client's release timer: it only moves publishes along. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "tern-iot-publish-throttle");
        thread.setDaemon(true);
        return thread;
    });

    private final Mqtt5Client delegate;
    private final PublishThrottle throttle;

    public IotCoreLimitedClient(Mqtt5Client delegate) {
        this.delegate = delegate;
        this.throttle = new PublishThrottle(IotCoreLimits.MAX_PUBLISHES_PER_SECOND,
                IotCoreLimits.MAX_PUBLISH_BYTES_PER_SECOND, System::nanoTime,
                (task, delay) -> TIMER.schedule(task, delay, TimeUnit.NANOSECONDS), delegate::publish);
    }

    @Override
    public Mqtt5ClientOptions options() {
        return delegate.options();
    }

    @Override
    public void start() {
        delegate.start();
    }

    @Override
    public void stop() {
        delegate.stop();
    }

    @Override
    public void stop(DisconnectPacket disconnect) {
        delegate.stop(disconnect);
    }

    @Override
    public CompletableFuture<PublishResult> publish(PublishPacket publish) {
        if (publish == null) {
            return delegate.publish(null);
        }
        Mqtt5Exception refused = IotCoreLimits.checkPublish(publish);
        return refused != null ? CompletableFuture.failedFuture(refused) : throttle.submit(publish);
    }

    @Override
    public CompletableFuture<SubAckPacket> subscribe(SubscribePacket subscribe) {
        Mqtt5Exception refused = subscribe == null ? null : IotCoreLimits.checkSubscribe(subscribe);
        return refused != null ? CompletableFuture.failedFuture(refused) : delegate.subscribe(subscribe);
    }

    @Override
    public CompletableFuture<SubAckPacket> subscribe(SubscribePacket subscribe,
            Consumer<PublishReceivedEvent> callback) {
        Mqtt5Exception refused = subscribe == null ? null : IotCoreLimits.checkSubscribe(subscribe);
        return refused != null ? CompletableFuture.failedFuture(refused) : delegate.subscribe(subscribe, callback);
    }

    @Override
    public CompletableFuture<UnsubAckPacket> unsubscribe(UnsubscribePacket unsubscribe) {
        Mqtt5Exception refused = unsubscribe == null ? null : IotCoreLimits.checkUnsubscribe(unsubscribe);
        return refused != null ? CompletableFuture.failedFuture(refused) : delegate.unsubscribe(unsubscribe);
    }

    @Override
    public CompletableFuture<AuthPacket> reauthenticate() {
        return delegate.reauthenticate();
    }

    @Override
    public boolean isConnected() {
        return delegate.isConnected();
    }

    @Override
    public NegotiatedSettings negotiatedSettings() {
        return delegate.negotiatedSettings();
    }

    @Override
    public OperationStatistics operationStatistics() {
        return delegate.operationStatistics();
    }

    @Override
    public void close() {
        delegate.close();
        // The closed client fails them with CLIENT_CLOSED, as it would have had they not been held.
        throttle.flush();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
