package dev.tern.mqtt5.internal.client;

import dev.tern.mqtt5.Acknowledgement;
import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.Mqtt5Exception;
import dev.tern.mqtt5.NegotiatedSettings;
import dev.tern.mqtt5.OfflineQueueBehavior;
import dev.tern.mqtt5.OperationStatistics;
import dev.tern.mqtt5.PublishReceivedEvent;
import dev.tern.mqtt5.PublishResult;
import dev.tern.mqtt5.ResubscribeEvent;
import dev.tern.mqtt5.internal.codec.IdentifiedPacket;
import dev.tern.mqtt5.internal.codec.InboundPublish;
import dev.tern.mqtt5.internal.codec.MqttPacketEncoder;
import dev.tern.mqtt5.internal.codec.Topics;
import dev.tern.mqtt5.packets.DisconnectReasonCode;
import dev.tern.mqtt5.packets.PacketType;
import dev.tern.mqtt5.packets.PubAckPacket;
import dev.tern.mqtt5.packets.PubAckReasonCode;
import dev.tern.mqtt5.packets.PubCompPacket;
import dev.tern.mqtt5.packets.PubCompReasonCode;
import dev.tern.mqtt5.packets.PubRecPacket;
import dev.tern.mqtt5.packets.PubRecReasonCode;
import dev.tern.mqtt5.packets.PubRelPacket;
import dev.tern.mqtt5.packets.PubRelReasonCode;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.packets.Subscription;
import dev.tern.mqtt5.packets.UnsubAckPacket;
import dev.tern.mqtt5.packets.UnsubscribePacket;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;

/**
 * The MQTT session as the client keeps it (MQTT 5.0 section 4.1) and the flow of operations through it:
 * the queue of operations not yet sent, the operations in flight by packet identifier, the QoS 2
 * messages received and not yet released, and the subscriptions granted.
 *
 * <p>Fields are labelled by lifetime. <b>Session</b> state survives reconnects when the server resumes
 * the session, and is resolved by policy when it does not. <b>Connection</b> state (send quota, topic
 * aliases, receive-maximum count) starts afresh with every CONNACK.
 *
 * <p>Runs on the client's event loop only, so it needs no locks. Operations arrive through
 * {@link #submit}; packets arrive from {@link MqttConnectionHandler}, which is the only handler that
 * talks to the session.
 */
@CallByThread("event loop")
final class Session {

    private static final Logger log = LoggerFactory.getLogger(Session.class);
    private static final PubAckPacket PUBACK_SUCCESS = PubAckPacket.of(PubAckReasonCode.SUCCESS);
    private static final PubRecPacket PUBREC_SUCCESS = PubRecPacket.of(PubRecReasonCode.SUCCESS);
    private static final Acknowledgement NO_ACKNOWLEDGEMENT = new Acknowledgement() {
        @Override
        public void acknowledge() {
        }

        @Override
        public boolean isAcknowledged() {
            return true;
        }
    };

    private final Mqtt5ClientOptions options;
    private final EventLoop loop;
    private final CallbackDispatcher dispatcher;
    private final Executor completionExecutor;

    // ---- session lifetime ------------------------------------------------------------------------
    /** Operations waiting to be sent on the current connection, in submission order. */
    private final OperationList queue = new OperationList();
    /** Operations sent on the current connection and not yet acknowledged, in send order. */
    private final OperationList inFlight = new OperationList();
    private final PacketIdPool packetIds = new PacketIdPool();
    /** Acknowledgements of received messages on their way to the loop: one wake-up and flush per batch. */
    private final LoopInbox<InboundAcknowledgement> acknowledgements;
    /** QoS 2 messages received, by packet identifier, until their PUBREL. */
    private final PacketIdTable<InboundQos2> inboundQos2 = new PacketIdTable<>();
    private final SubscriptionRegistry subscriptions = new SubscriptionRegistry();
    private boolean closed;
    /** Between a rotation's DISCONNECT and the next connection (or its failure). */
    private boolean rotating;

    // ---- connection lifetime ---------------------------------------------------------------------
    private MqttConnectionHandler connection;
    private NegotiatedSettings settings;
    /** How many more QoS 1 and 2 publishes the server accepts now (its Receive Maximum minus in flight). */
    private int sendQuota;
    /** QoS 1 and 2 messages received on this connection and not yet acknowledged. */
    private int inboundUnacknowledged;
    private OutboundTopicAliases aliases;

    // ---- statistics, read from any thread ---------------------------------------------------------
    private volatile long incompleteCount;
    private volatile long incompleteSize;
    private volatile long unackedCount;
    private volatile long unackedSize;

    Session(Mqtt5ClientOptions options, EventLoop loop, CallbackDispatcher dispatcher, Executor completionExecutor) {
        this.options = options;
        this.loop = loop;
        this.dispatcher = dispatcher;
        this.completionExecutor = completionExecutor;
        this.acknowledgements = new LoopInbox<>(loop, InboundAcknowledgement::send, () -> {
            if (connection != null) {
                connection.flushSoon();
            }
        }, ack -> { }); // the loop is gone, and with it the connection the acknowledgement was for
    }

    Executor completionExecutor() {
        return completionExecutor;
    }

    OperationStatistics statistics() {
        return new OperationStatistics(incompleteCount, incompleteSize, unackedCount, unackedSize);
    }

    // ==== operations in ===========================================================================

    void submit(Operation<?> op) {
        if (op.isDone()) {
            op.state = Operation.State.DONE; // withdrawn before it reached the loop
            return;
        }
        if (closed) {
            finish(op, null, new Mqtt5Exception(ErrorKind.CLIENT_CLOSED, "the client is closed"));
            return;
        }
        op.size = sizeOf(op);
        incompleteCount++;
        incompleteSize += op.size;
        if (connection == null && !keptWhileOffline(op)) {
            finish(op, null, new Mqtt5Exception(ErrorKind.NOT_CONNECTED, "the client is not connected, and "
                    + options.offlineQueueBehavior() + " does not keep " + describe(op) + " until it is"));
            return;
        }
        if (queue.size() >= options.maxQueuedOperations()) {
            finish(op, null, new Mqtt5Exception(ErrorKind.OFFLINE_QUEUE_FULL, queue.size()
                    + " operations are already waiting to be sent (maxQueuedOperations); this one is refused"
                    + " until the queue drains"));
            return;
        }
        queue.addLast(op);
        drain();
    }

    /** The application completed an operation's future itself: withdraw it. Any thread. */
    void withdraw(Operation<?> op) {
        loop.execute(() -> {
            if (op.state == Operation.State.DONE) {
                return;
            }
            op.orphaned = true;
            cancelAckTimeout(op);
            if (op.list == queue && op.packetId == 0) {
                queue.remove(op);
                op.state = Operation.State.DONE;
                incompleteCount--;
                incompleteSize -= op.size;
            }
            // Sent (or holding an identifier the server may know): the exchange completes silently.
        });
    }

    private boolean keptWhileOffline(Operation<?> op) {
        if (rotating) {
            return true;
        }
        OfflineQueueBehavior behavior = options.offlineQueueBehavior();
        if (op instanceof PublishOperation) {
            PublishOperation publish = (PublishOperation) op;
            if (publish.sentBefore) {
                return true; // the specification requires unacknowledged QoS 1 and 2 messages to be resent
            }
            if (publish.packet.qos() == QoS.AT_MOST_ONCE) {
                return false;
            }
            return behavior != OfflineQueueBehavior.FAIL_ALL_ON_DISCONNECT;
        }
        return behavior == OfflineQueueBehavior.FAIL_QOS0_PUBLISH_ON_DISCONNECT;
    }

    private static String describe(Operation<?> op) {
        if (op instanceof PublishOperation) {
            return "QoS " + ((PublishOperation) op).packet.qos().code() + " publishes";
        }
        return op.type() == PacketType.SUBSCRIBE ? "subscribes" : "unsubscribes";
    }

    private static long sizeOf(Operation<?> op) {
        if (op instanceof PublishOperation) {
            PublishOperation publish = (PublishOperation) op;
            return MqttPacketEncoder.packetSize(publish.packet);
        }
        if (op instanceof SubscribeOperation) {
            return MqttPacketEncoder.packetSize(((SubscribeOperation) op).packet);
        }
        return MqttPacketEncoder.packetSize(((UnsubscribeOperation) op).packet);
    }

    // ==== sending ==================================================================================

    /** Sends queued operations while the connection, the server's Receive Maximum and identifiers allow. */
    void drain() {
        if (connection == null) {
            return;
        }
        boolean wrote = false;
        while (!queue.isEmpty()) {
            if (!connection.isWritable()) {
                break; // resumed by channelWritabilityChanged
            }
            Operation<?> op = queue.first();
            if (op.usesSendQuota() && sendQuota <= 0) {
                break; // resumed by an acknowledgement; order is kept
            }
            if (op.packetId == 0 && needsPacketId(op) && packetIds.size() >= PacketIdPool.MAX) {
                break;
            }
            queue.remove(op);
            send(op);
            wrote = true;
            if (connection == null) {
                return; // sending failed the connection
            }
        }
        if (wrote) {
            connection.flushSoon();
        }
    }

    void onWritabilityChanged() {
        drain();
    }

    private static boolean needsPacketId(Operation<?> op) {
        return !(op instanceof PublishOperation) || ((PublishOperation) op).packet.qos() != QoS.AT_MOST_ONCE;
    }

    private void send(Operation<?> op) {
        if (op instanceof PublishOperation) {
            sendPublish((PublishOperation) op);
        } else if (op instanceof SubscribeOperation) {
            sendSubscribe((SubscribeOperation) op);
        } else {
            sendUnsubscribe((UnsubscribeOperation) op);
        }
    }

    private void sendPublish(PublishOperation op) {
        PublishPacket packet = op.packet;
        if (op.pubRec != null) {
            // Resumed session, PUBREC already received: continue with PUBREL.
            startInFlight(op, Operation.State.AWAITING_PUBCOMP);
            connection.write(new IdentifiedPacket<>(op.packetId, PubRelPacket.of(PubRelReasonCode.SUCCESS)));
            return;
        }
        if (!op.sentBefore) {
            String problem = unsupportedByServer(packet);
            if (problem != null) {
                finish(op, null, new Mqtt5Exception(ErrorKind.UNSUPPORTED_BY_SERVER, problem));
                return;
            }
        }
        if (op.size > settings.maximumPacketSizeToServer()) {
            finish(op, null, new dev.tern.mqtt5.PacketTooLargeException(PacketType.PUBLISH, op.size,
                    settings.maximumPacketSizeToServer()));
            return;
        }
        int alias = aliases.resolve(packet);
        boolean sendTopic = alias <= 0;
        op.topicAlias = Math.abs(alias);
        op.sendTopic = sendTopic;
        if (packet.qos() == QoS.AT_MOST_ONCE) {
            op.dup = false;
            ChannelPromise promise = connection.newPromise();
            promise.addListener(op);
            op.state = Operation.State.AWAITING_ACK;
            connection.write(op, promise);
            return;
        }
        if (op.packetId == 0) {
            packetIds.acquire(op);
        }
        op.dup = op.sentBefore;
        op.sentBefore = true;
        startInFlight(op, Operation.State.AWAITING_ACK);
        connection.write(op);
    }

    /** A QoS 0 publish's write ended: written, it is done; otherwise it failed with the connection. */
    void qos0Written(PublishOperation op, ChannelFuture written) {
        if (written.isSuccess()) {
            finish(op, PublishResult.qos0(), null);
        } else {
            finish(op, null, new Mqtt5Exception(ErrorKind.CONNECTION_LOST,
                    "the connection failed before the QoS 0 publish was written", written.cause()));
        }
    }

    private String unsupportedByServer(PublishPacket packet) {
        if (packet.qos().code() > settings.maximumQoS().code()) {
            return "QoS " + packet.qos().code() + " is above the server's Maximum QoS of "
                    + settings.maximumQoS().code();
        }
        if (packet.retain() && !settings.retainAvailable()) {
            return "the server does not support retained messages (Retain Available 0)";
        }
        return null;
    }

    private void sendSubscribe(SubscribeOperation op) {
        String problem = unsupportedByServer(op.packet);
        if (problem != null) {
            finish(op, null, new Mqtt5Exception(ErrorKind.UNSUPPORTED_BY_SERVER, problem));
            return;
        }
        if (op.size > settings.maximumPacketSizeToServer()) {
            finish(op, null, new dev.tern.mqtt5.PacketTooLargeException(PacketType.SUBSCRIBE, op.size,
                    settings.maximumPacketSizeToServer()));
            return;
        }
        packetIds.acquire(op);
        startInFlight(op, Operation.State.AWAITING_ACK);
        connection.write(new IdentifiedPacket<>(op.packetId, op.packet));
    }

    private String unsupportedByServer(SubscribePacket packet) {
        if (packet.subscriptionIdentifier() != null && !settings.subscriptionIdentifiersAvailable()) {
            return "the server does not support subscription identifiers";
        }
        for (Subscription s : packet.subscriptions()) {
            if (Topics.isShared(s.topicFilter()) && !settings.sharedSubscriptionsAvailable()) {
                return "the server does not support shared subscriptions: " + s.topicFilter();
            }
            if (Topics.isWildcardFilter(s.topicFilter()) && !settings.wildcardSubscriptionsAvailable()) {
                return "the server does not support wildcard subscriptions: " + s.topicFilter();
            }
        }
        return null;
    }

    private void sendUnsubscribe(UnsubscribeOperation op) {
        if (op.size > settings.maximumPacketSizeToServer()) {
            finish(op, null, new dev.tern.mqtt5.PacketTooLargeException(PacketType.UNSUBSCRIBE, op.size,
                    settings.maximumPacketSizeToServer()));
            return;
        }
        packetIds.acquire(op);
        startInFlight(op, Operation.State.AWAITING_ACK);
        connection.write(new IdentifiedPacket<>(op.packetId, op.packet));
    }

    private void startInFlight(Operation<?> op, Operation.State state) {
        op.state = state;
        inFlight.addLast(op);
        if (op.usesSendQuota()) {
            sendQuota--;
        }
        unackedCount++;
        unackedSize += op.size;
        if (options.ackTimeout() != null && op.ackTimeout == null && !op.orphaned) {
            op.ackTimeout = loop.schedule(() -> {
                op.ackTimeout = null;
                if (op.state != Operation.State.DONE && !op.orphaned) {
                    op.orphaned = true; // the exchange goes on, silently, so the session stays consistent
                    op.fail(new Mqtt5Exception(ErrorKind.ACK_TIMEOUT, "no acknowledgement within "
                            + options.ackTimeout().toMillis() + " ms (ackTimeout) for " + describeOne(op)));
                }
            }, options.ackTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Takes an in-flight operation out: identifier released, quota returned. */
    private void endInFlight(Operation<?> op) {
        if (inFlight.remove(op)) {
            if (op.usesSendQuota()) {
                sendQuota++;
            }
            unackedCount--;
            unackedSize -= op.size;
        }
        packetIds.release(op);
        cancelAckTimeout(op);
    }

    private static void cancelAckTimeout(Operation<?> op) {
        if (op.ackTimeout != null) {
            op.ackTimeout.cancel(false);
            op.ackTimeout = null;
        }
    }

    /** Completes (or fails) an operation that is out of every list. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void finish(Operation op, Object result, Throwable error) {
        if (op.state == Operation.State.DONE) {
            return;
        }
        op.state = Operation.State.DONE;
        cancelAckTimeout(op);
        packetIds.release(op);
        incompleteCount--;
        incompleteSize -= op.size;
        if (error == null) {
            op.succeed(result);
        } else {
            op.fail(error);
        }
    }

    private static String describeOne(Operation<?> op) {
        if (op instanceof PublishOperation) {
            PublishPacket p = ((PublishOperation) op).packet;
            return "the QoS " + p.qos().code() + " publish to " + p.topic() + " (packet identifier " + op.packetId + ")";
        }
        return "the " + op.type() + " with packet identifier " + op.packetId;
    }

    // ==== acknowledgements in ======================================================================

    void onPubAck(int packetId, PubAckPacket pubAck) {
        Operation<?> op = packetIds.get(packetId);
        if (!(op instanceof PublishOperation) || op.state != Operation.State.AWAITING_ACK
                || ((PublishOperation) op).packet.qos() != QoS.AT_LEAST_ONCE) {
            connection.protocolViolation(DisconnectReasonCode.PROTOCOL_ERROR,
                    "PUBACK for packet identifier " + packetId + ", which no QoS 1 publish is waiting for");
            return;
        }
        endInFlight(op);
        finish(op, PublishResult.qos1(pubAck), null);
        drain();
    }

    void onPubRec(int packetId, PubRecPacket pubRec) {
        Operation<?> op = packetIds.get(packetId);
        if (!(op instanceof PublishOperation) || ((PublishOperation) op).packet.qos() != QoS.EXACTLY_ONCE
                || op.list != inFlight) {
            connection.protocolViolation(DisconnectReasonCode.PROTOCOL_ERROR,
                    "PUBREC for packet identifier " + packetId + ", which no QoS 2 publish is waiting for");
            return;
        }
        PublishOperation publish = (PublishOperation) op;
        if (op.state == Operation.State.AWAITING_PUBCOMP) {
            connection.write(new IdentifiedPacket<>(packetId, PubRelPacket.of(PubRelReasonCode.SUCCESS)));
            connection.flushSoon();
            return;
        }
        if (pubRec.reasonCode().isError()) {
            endInFlight(op);
            finish(op, PublishResult.qos2(pubRec, null), null);
            drain();
            return;
        }
        publish.pubRec = pubRec;
        op.state = Operation.State.AWAITING_PUBCOMP;
        connection.write(new IdentifiedPacket<>(packetId, PubRelPacket.of(PubRelReasonCode.SUCCESS)));
        connection.flushSoon();
    }

    void onPubComp(int packetId, PubCompPacket pubComp) {
        Operation<?> op = packetIds.get(packetId);
        if (!(op instanceof PublishOperation) || op.state != Operation.State.AWAITING_PUBCOMP) {
            connection.protocolViolation(DisconnectReasonCode.PROTOCOL_ERROR,
                    "PUBCOMP for packet identifier " + packetId + ", which no PUBREL is waiting for");
            return;
        }
        endInFlight(op);
        finish(op, PublishResult.qos2(((PublishOperation) op).pubRec, pubComp), null);
        drain();
    }

    void onSubAck(int packetId, SubAckPacket subAck) {
        Operation<?> op = packetIds.get(packetId);
        if (!(op instanceof SubscribeOperation) || op.state != Operation.State.AWAITING_ACK) {
            connection.protocolViolation(DisconnectReasonCode.PROTOCOL_ERROR,
                    "SUBACK for packet identifier " + packetId + ", which no SUBSCRIBE is waiting for");
            return;
        }
        SubscribeOperation subscribe = (SubscribeOperation) op;
        if (subAck.reasonCodes().size() != subscribe.packet.subscriptions().size()) {
            connection.protocolViolation(DisconnectReasonCode.PROTOCOL_ERROR, "SUBACK has "
                    + subAck.reasonCodes().size() + " reason codes for a SUBSCRIBE of "
                    + subscribe.packet.subscriptions().size() + " topic filters [MQTT-3.8.4-6]");
            return;
        }
        endInFlight(op);
        subscriptions.granted(subscribe.packet, subAck, subscribe.callback);
        finish(op, subAck, null);
        if (subscribe.resubscribe && options.onResubscribe() != null) {
            Consumer<ResubscribeEvent> listener = options.onResubscribe();
            ResubscribeEvent event = new ResubscribeEvent(subscribe.packet, subAck, null);
            dispatcher.execute("onResubscribe", () -> listener.accept(event));
        }
        drain();
    }

    void onUnsubAck(int packetId, UnsubAckPacket unsubAck) {
        Operation<?> op = packetIds.get(packetId);
        if (!(op instanceof UnsubscribeOperation) || op.state != Operation.State.AWAITING_ACK) {
            connection.protocolViolation(DisconnectReasonCode.PROTOCOL_ERROR,
                    "UNSUBACK for packet identifier " + packetId + ", which no UNSUBSCRIBE is waiting for");
            return;
        }
        UnsubscribeOperation unsubscribe = (UnsubscribeOperation) op;
        if (unsubAck.reasonCodes().size() != unsubscribe.packet.topicFilters().size()) {
            connection.protocolViolation(DisconnectReasonCode.PROTOCOL_ERROR, "UNSUBACK has "
                    + unsubAck.reasonCodes().size() + " reason codes for an UNSUBSCRIBE of "
                    + unsubscribe.packet.topicFilters().size() + " topic filters [MQTT-3.10.4-5]");
            return;
        }
        endInFlight(op);
        subscriptions.removed(unsubscribe.packet, unsubAck);
        finish(op, unsubAck, null);
        drain();
    }

    // ==== messages in ==============================================================================

    /** Book-keeping of one QoS 2 message received, until its PUBREL. */
    private static final class InboundQos2 {
        boolean acknowledged;
        /** The connection whose receive-maximum count includes this message. */
        MqttConnectionHandler countedOn;
    }

    void onPublish(InboundPublish inbound) {
        PublishPacket packet = inbound.packet();
        int packetId = inbound.packetId();
        switch (packet.qos()) {
            case AT_MOST_ONCE:
                deliver(packet, NO_ACKNOWLEDGEMENT);
                return;
            case AT_LEAST_ONCE:
                if (!countInbound()) {
                    return;
                }
                deliver(packet, new InboundAcknowledgement(connection, packetId, null));
                return;
            default:
                InboundQos2 known = inboundQos2.get(packetId);
                if (known != null) {
                    // A resend of a message we have: never deliver twice; PUBREC again if already given.
                    if (known.countedOn != connection) {
                        if (!countInbound()) {
                            return;
                        }
                        known.countedOn = connection;
                    }
                    if (known.acknowledged) {
                        connection.write(new IdentifiedPacket<>(packetId, PubRecPacket.of(PubRecReasonCode.SUCCESS)));
                        connection.flushSoon();
                    }
                    return;
                }
                if (!countInbound()) {
                    return;
                }
                InboundQos2 record = new InboundQos2();
                record.countedOn = connection;
                inboundQos2.put(packetId, record);
                deliver(packet, new InboundAcknowledgement(null, packetId, record));
        }
    }

    /** Counts a QoS 1 or 2 message against the client's Receive Maximum; false if that broke the limit. */
    private boolean countInbound() {
        if (inboundUnacknowledged >= settings.receiveMaximumFromClient()) {
            connection.protocolViolation(DisconnectReasonCode.RECEIVE_MAXIMUM_EXCEEDED, "the server sent more than "
                    + settings.receiveMaximumFromClient() + " unacknowledged QoS 1 and 2 messages (Receive Maximum)");
            return false;
        }
        inboundUnacknowledged++;
        return true;
    }

    void onPubRel(int packetId, PubRelPacket pubRel) {
        InboundQos2 record = inboundQos2.remove(packetId);
        PubCompReasonCode code = record != null ? PubCompReasonCode.SUCCESS
                : PubCompReasonCode.PACKET_IDENTIFIER_NOT_FOUND;
        if (record != null && record.countedOn == connection) {
            inboundUnacknowledged--;
        }
        connection.write(new IdentifiedPacket<>(packetId, PubCompPacket.of(code)));
        connection.flushSoon();
    }

    private void deliver(PublishPacket packet, Acknowledgement acknowledgement) {
        List<Consumer<PublishReceivedEvent>> callbacks = subscriptions.callbacksFor(packet.topic());
        Consumer<PublishReceivedEvent> callback;
        if (callbacks.isEmpty()) {
            callback = options.onPublishReceived();
        } else if (callbacks.size() == 1) {
            callback = callbacks.get(0);
        } else {
            // Every matching subscription's callback gets the message, even if an earlier one throws.
            callback = event -> {
                RuntimeException failure = null;
                for (Consumer<PublishReceivedEvent> c : callbacks) {
                    try {
                        c.accept(event);
                    } catch (RuntimeException e) {
                        if (failure == null) {
                            failure = e;
                        } else {
                            failure.addSuppressed(e);
                        }
                    }
                }
                if (failure != null) {
                    throw failure;
                }
            };
        }
        if (callback == null) {
            acknowledgement.acknowledge();
            return;
        }
        PublishReceivedEvent event = new PublishReceivedEvent(packet, acknowledgement);
        dispatcher.publishReceived(callback, event, acknowledgement::acknowledge);
    }

    /**
     * The acknowledgement of one received message. Runs on the event loop whichever thread calls it, and
     * only while the connection that received the message is up (for QoS 1; QoS 2 checks the session).
     */
    private static final AtomicIntegerFieldUpdater<InboundAcknowledgement> ACKNOWLEDGED =
            AtomicIntegerFieldUpdater.newUpdater(InboundAcknowledgement.class, "acknowledged");

    /** The acknowledgement of one QoS 1 or 2 message, given by the application from any thread. */
    private final class InboundAcknowledgement implements Acknowledgement, LoopInbox.Link<InboundAcknowledgement> {
        /** QoS 1: the connection that received the message, whose count it is in. Null for QoS 2. */
        private final MqttConnectionHandler receivedOn;
        private final int packetId;
        /** QoS 2: the message's record until its PUBREL. Null for QoS 1. */
        private final InboundQos2 record;
        volatile int acknowledged;
        private InboundAcknowledgement nextInInbox;

        InboundAcknowledgement(MqttConnectionHandler receivedOn, int packetId, InboundQos2 record) {
            this.receivedOn = receivedOn;
            this.packetId = packetId;
            this.record = record;
        }

        @Override
        public void acknowledge() {
            if (ACKNOWLEDGED.compareAndSet(this, 0, 1)) {
                acknowledgements.offer(this);
            }
        }

        @Override
        public boolean isAcknowledged() {
            return acknowledged != 0;
        }

        @CallByThread("event loop")
        void send() {
            if (record == null) {
                if (connection != receivedOn) {
                    return; // a new connection must not acknowledge the old one's identifiers
                }
                inboundUnacknowledged--;
                connection.write(new IdentifiedPacket<>(packetId, PUBACK_SUCCESS));
            } else {
                if (inboundQos2.get(packetId) != record) {
                    return; // the session ended meanwhile
                }
                record.acknowledged = true;
                if (connection != null) {
                    connection.write(new IdentifiedPacket<>(packetId, PUBREC_SUCCESS));
                }
            }
        }

        @Override
        public InboundAcknowledgement nextInInbox() {
            return nextInInbox;
        }

        @Override
        public void nextInInbox(InboundAcknowledgement next) {
            nextInInbox = next;
        }
    }

    // ==== connection lifecycle ======================================================================

    /** A CONNACK succeeded: resume or reset the session, then send what waits. */
    void connected(MqttConnectionHandler handler, NegotiatedSettings negotiated, boolean sessionPresent) {
        rotating = false;
        connection = handler;
        settings = negotiated;
        sendQuota = negotiated.receiveMaximumFromServer();
        inboundUnacknowledged = 0;
        aliases = new OutboundTopicAliases(options.topicAliasing(), negotiated.topicAliasMaximumToServer());
        OperationList front = new OperationList();
        List<Operation<?>> inFlightInOrder = drainList(inFlight);
        for (Operation<?> op : inFlightInOrder) {
            unackedCount--; // counted again when resent
            unackedSize -= op.size;
            cancelAckTimeout(op);
        }
        if (sessionPresent) {
            // [MQTT-4.4.0-1]: resend unacknowledged PUBLISH and PUBREL, in order, with their identifiers.
            for (Operation<?> op : inFlightInOrder) {
                op.state = Operation.State.QUEUED;
                front.addLast(op);
            }
        } else {
            inboundQos2.clear();
            for (Operation<?> op : inFlightInOrder) {
                packetIds.release(op);
                PublishOperation publish = (PublishOperation) op;
                if (publish.pubRec != null) {
                    // PUBREC received: the server had taken the message over before it lost the session.
                    finish(op, PublishResult.qos2(publish.pubRec, null), null);
                } else if (options.offlineQueueBehavior() == OfflineQueueBehavior.FAIL_ALL_ON_DISCONNECT
                        || op.orphaned) {
                    finish(op, null, new Mqtt5Exception(ErrorKind.SESSION_LOST, "the server did not resume the"
                            + " session, so " + describeOne(op) + " was not delivered; it is not resent under "
                            + options.offlineQueueBehavior()));
                } else {
                    publish.sentBefore = false;
                    op.state = Operation.State.QUEUED;
                    front.addLast(op);
                }
            }
            for (Operation<?> op = queue.first(); op != null; op = op.next) {
                packetIds.release(op);
                if (op instanceof PublishOperation) {
                    ((PublishOperation) op).sentBefore = false;
                    ((PublishOperation) op).pubRec = null;
                }
            }
            if (options.resubscribeOnSessionLoss()) {
                OperationList resubscribes = new OperationList();
                for (SubscriptionRegistry.SubscribeOperationTemplate template : subscriptions.restorePackets()) {
                    SubscribeOperation op = new SubscribeOperation(this, completionExecutor, template.packet(),
                            template.callback, true);
                    op.size = sizeOf(op);
                    incompleteCount++;
                    incompleteSize += op.size;
                    resubscribes.addLast(op);
                }
                front.prependAll(resubscribes);
            }
        }
        queue.prependAll(front);
        drain();
    }

    /**
     * The connection is gone. Keeps what the session needs (unacknowledged QoS 1 and 2 publishes) and
     * what the offline queue behaviour keeps; fails the rest with {@code cause}'s kind.
     */
    void disconnected(ErrorKind kind, String reason) {
        connection = null;
        settings = null;
        aliases = null;
        inboundUnacknowledged = 0;
        // A rotation is the client's own, immediate reconnection: nothing is dropped for it, and what is
        // submitted until the next connection waits for it, whatever the offline queue behaviour.
        rotating = kind == ErrorKind.CONNECTION_ROTATED;
        OperationList requeue = new OperationList();
        for (Operation<?> op : drainList(inFlight)) {
            if (op instanceof PublishOperation) {
                inFlight.addLast(op); // stays in flight: resent if the session is resumed
                continue;
            }
            unackedCount--;
            unackedSize -= op.size;
            packetIds.release(op);
            cancelAckTimeout(op);
            if (keptWhileOffline(op) && !op.orphaned) {
                op.state = Operation.State.QUEUED;
                requeue.addLast(op);
            } else {
                finish(op, null, new Mqtt5Exception(kind, reason + "; " + describeOne(op) + " got no answer"));
            }
        }
        queue.prependAll(requeue);
        applyOfflinePolicy(kind, reason);
    }

    /**
     * The connection that should have followed a rotation did not come: from now on the offline queue
     * behaviour applies, to what waits and to what comes.
     */
    void reconnectionFailed(ErrorKind kind, String reason) {
        if (rotating) {
            rotating = false;
            applyOfflinePolicy(kind, reason);
        }
    }

    private void applyOfflinePolicy(ErrorKind kind, String reason) {
        for (Operation<?> op = queue.first(); op != null; ) {
            Operation<?> next = op.next;
            if (!keptWhileOffline(op) || (op.orphaned && op.packetId == 0)) {
                queue.remove(op);
                finish(op, null, new Mqtt5Exception(kind, reason + "; " + describe(op) + " are not kept under "
                        + options.offlineQueueBehavior()));
            }
            op = next;
        }
    }

    /** Fails everything for good. */
    void close() {
        closed = true;
        Mqtt5Exception error = new Mqtt5Exception(ErrorKind.CLIENT_CLOSED, "the client was closed");
        for (Operation<?> op : drainList(inFlight)) {
            packetIds.release(op);
            finish(op, null, error);
        }
        for (Operation<?> op : drainList(queue)) {
            packetIds.release(op);
            finish(op, null, error);
        }
        inboundQos2.clear();
        unackedCount = 0;
        unackedSize = 0;
    }

    private static List<Operation<?>> drainList(OperationList list) {
        List<Operation<?>> ops = new ArrayList<>(list.size());
        Operation<?> op;
        while ((op = list.removeFirst()) != null) {
            ops.add(op);
        }
        return ops;
    }

    boolean isConnected() {
        return connection != null;
    }

    NegotiatedSettings settings() {
        return settings;
    }

    /**
     * The server disconnected with a reason that blames a message (too large, bad topic, unsupported QoS or
     * retain, bad payload format). The server handles packets in order, so the culprit is the oldest
     * unacknowledged publish: fail it rather than resend it into the same disconnect forever.
     */
    void failPoisonMessage(DisconnectReasonCode reason) {
        for (Operation<?> op = inFlight.first(); op != null; op = op.next) {
            if (op instanceof PublishOperation && op.state == Operation.State.AWAITING_ACK) {
                inFlight.remove(op);
                unackedCount--;
                unackedSize -= op.size;
                log.debug("failing {} after the server disconnected with {}", op, reason);
                finish(op, null, new Mqtt5Exception(ErrorKind.UNSUPPORTED_BY_SERVER, reason,
                        "the server disconnected with " + reason + " after " + describeOne(op)
                                + "; it is failed instead of being sent again", null));
                return;
            }
        }
    }
}
