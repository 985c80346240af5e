package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.AuthPacket;
import dev.tern.mqtt5.packets.AuthReasonCode;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.ConnectReasonCode;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.DisconnectReasonCode;
import dev.tern.mqtt5.packets.PayloadFormatIndicator;
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
import dev.tern.mqtt5.packets.RetainHandling;
import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.SubAckReasonCode;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.packets.Subscription;
import dev.tern.mqtt5.packets.UnsubAckPacket;
import dev.tern.mqtt5.packets.UnsubAckReasonCode;
import dev.tern.mqtt5.packets.UnsubscribePacket;
import dev.tern.mqtt5.packets.UserProperty;
import dev.tern.mqtt5.packets.WillMessage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * jqwik generators for every packet, with every property independently present or absent, so that
 * round trips exercise each field and each combination of optional fields.
 */
public final class PacketArbitraries {

    private PacketArbitraries() {
    }

    // ---- building blocks ------------------------------------------------------------------------

    /** Valid MQTT strings: ASCII, BMP text without surrogates or U+0000, and supplementary characters. */
    public static Arbitrary<String> strings(int maxLength) {
        Arbitrary<String> ascii = Arbitraries.strings().withCharRange('\u0001', '\u007f').ofMaxLength(maxLength);
        Arbitrary<String> bmp = Arbitraries.strings()
                .withCharRange('\u0001', '\ud7ff').withCharRange('\ue000', '\uffff').ofMaxLength(maxLength);
        Arbitrary<String> withEmoji = Combinators.combine(ascii, Arbitraries.of("\ud83d\ude00", "\ud800\udc00",
                "\udbff\udfff", "\u00fc", "\u20ac", "\uffff")).as((a, e) -> a + e + a);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, ascii), net.jqwik.api.Tuple.of(2, bmp), net.jqwik.api.Tuple.of(1, withEmoji));
    }

    static <T> Arbitrary<T> maybe(Arbitrary<T> value) {
        return value.injectNull(0.5);
    }

    public static Arbitrary<byte[]> binary(int maxLength) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxLength);
    }

    public static Arbitrary<List<UserProperty>> userProperties() {
        Arbitrary<UserProperty> property = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.of("a", "key", "dup"), strings(10)), strings(12))
                .as(UserProperty::of);
        return property.list().ofMaxSize(4);
    }

    static Arbitrary<String> level() {
        return strings(6).map(s -> s.replace("/", "").replace("+", "").replace("#", ""));
    }

    /** Topic names: levels joined by '/', may start with '$', never empty, no wildcards. */
    public static Arbitrary<String> topicNames() {
        return level().list().ofMinSize(1).ofMaxSize(5).map(levels -> String.join("/", levels))
                .map(t -> t.isEmpty() ? "t" : t);
    }

    /** Topic filters, including '+', '#', and shared subscriptions. */
    public static Arbitrary<String> topicFilters() {
        Arbitrary<String> levelOrPlus = Arbitraries.oneOf(level(), Arbitraries.just("+"));
        Arbitrary<String> plain = Combinators.combine(levelOrPlus.list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.of(false, true)).as((levels, hash) -> {
                    String f = String.join("/", levels);
                    return hash ? (f.isEmpty() ? "#" : f + "/#") : (f.isEmpty() ? "x" : f);
                });
        Arbitrary<String> shared = Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5), plain)
                .as((group, filter) -> "$share/" + group + "/" + filter);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, plain), net.jqwik.api.Tuple.of(1, shared));
    }

    static Arbitrary<Long> fourByteInts() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 0xFFFF_FFFFL), Arbitraries.of(0L, 0xFFFF_FFFFL));
    }

    static Arbitrary<Integer> twoByteInts(int min) {
        return Arbitraries.oneOf(Arbitraries.integers().between(min, 0xFFFF), Arbitraries.of(min, 0xFFFF));
    }

    static Arbitrary<Integer> variableByteInts() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 268_435_455),
                Arbitraries.of(1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455));
    }

    /** Packet identifiers, 1 to 65,535. */
    public static Arbitrary<Integer> packetIds() {
        return twoByteInts(1);
    }

    /** Applies each optional setter with probability one half. */
    @SafeVarargs
    static <B> Arbitrary<B> withOptional(Arbitrary<B> builders, Arbitrary<Function<B, B>>... setters) {
        Arbitrary<B> result = builders;
        for (Arbitrary<Function<B, B>> setter : setters) {
            Arbitrary<B> previous = result;
            result = Combinators.combine(previous, setter.injectNull(0.5)).as((b, f) -> f == null ? b : f.apply(b));
        }
        return result;
    }

    // ---- packets ----------------------------------------------------------------------------------

    public static Arbitrary<PublishPacket> publishes(boolean withSubscriptionIds) {
        Arbitrary<PublishPacket.Builder> base = Combinators.combine(topicNames(), binary(300),
                Arbitraries.of(QoS.class), Arbitraries.of(false, true))
                .as((topic, payload, qos, retain) -> PublishPacket.builder().topic(topic).payload(payload).qos(qos)
                        .retain(retain));
        Arbitrary<PublishPacket.Builder> built = withOptional(base,
                Arbitraries.of(PayloadFormatIndicator.class).map(v -> b -> b.payloadFormatIndicator(v)),
                fourByteInts().map(v -> b -> b.messageExpiryIntervalSeconds(v)),
                strings(20).map(v -> b -> b.contentType(v)),
                topicNames().map(v -> b -> b.responseTopic(v)),
                binary(20).map(v -> b -> b.correlationData(v)),
                userProperties().map(v -> b -> b.userProperties(v)));
        if (withSubscriptionIds) {
            built = withOptional(built, variableByteInts().list().ofMinSize(1).ofMaxSize(3)
                    .map(v -> b -> b.subscriptionIdentifiers(v)));
        }
        return built.map(PublishPacket.Builder::build);
    }

    public static Arbitrary<WillMessage> wills() {
        Arbitrary<WillMessage.Builder> base = Combinators.combine(topicNames(), binary(50),
                Arbitraries.of(QoS.class), Arbitraries.of(false, true))
                .as((topic, payload, qos, retain) -> WillMessage.builder().topic(topic).payload(payload).qos(qos)
                        .retain(retain));
        return withOptional(base,
                fourByteInts().map(v -> b -> b.delayIntervalSeconds(v)),
                Arbitraries.of(PayloadFormatIndicator.class).map(v -> b -> b.payloadFormatIndicator(v)),
                fourByteInts().map(v -> b -> b.messageExpiryIntervalSeconds(v)),
                strings(20).map(v -> b -> b.contentType(v)),
                topicNames().map(v -> b -> b.responseTopic(v)),
                binary(20).map(v -> b -> b.correlationData(v)),
                userProperties().map(v -> b -> b.userProperties(v)))
                .map(WillMessage.Builder::build);
    }

    public static Arbitrary<ConnectPacket> connects() {
        Arbitrary<ConnectPacket.Builder> base = Combinators.combine(strings(23), Arbitraries.of(false, true),
                twoByteInts(0)).as((id, clean, keepAlive) -> ConnectPacket.builder().clientId(id).cleanStart(clean)
                        .keepAliveIntervalSeconds(keepAlive));
        Arbitrary<ConnectPacket.Builder> withProps = withOptional(base,
                strings(30).map(v -> b -> b.username(v)),
                binary(30).map(v -> b -> b.password(v)),
                fourByteInts().map(v -> b -> b.sessionExpiryIntervalSeconds(v)),
                twoByteInts(1).map(v -> b -> b.receiveMaximum(v)),
                Arbitraries.longs().between(1, 0xFFFF_FFFFL).map(v -> b -> b.maximumPacketSize(v)),
                twoByteInts(0).map(v -> b -> b.topicAliasMaximum(v)),
                Arbitraries.of(false, true).map(v -> b -> b.requestResponseInformation(v)),
                Arbitraries.of(false, true).map(v -> b -> b.requestProblemInformation(v)),
                userProperties().map(v -> b -> b.userProperties(v)),
                wills().map(v -> b -> b.will(v)));
        Arbitrary<Function<ConnectPacket.Builder, ConnectPacket.Builder>> auth = Combinators.combine(
                strings(15), maybe(binary(30))).as((m, d) -> b -> b.authenticationMethod(m).authenticationData(d));
        return withOptional(withProps, auth).map(ConnectPacket.Builder::build);
    }

    public static Arbitrary<ConnAckPacket> connAcks() {
        Arbitrary<ConnAckPacket.Builder> base = Combinators.combine(Arbitraries.of(ConnectReasonCode.class),
                Arbitraries.of(false, true)).as((code, present) -> ConnAckPacket.builder().reasonCode(code)
                        .sessionPresent(present && !code.isError()));
        Arbitrary<ConnAckPacket.Builder> withProps = withOptional(base,
                fourByteInts().map(v -> b -> b.sessionExpiryIntervalSeconds(v)),
                twoByteInts(1).map(v -> b -> b.receiveMaximum(v)),
                Arbitraries.of(QoS.AT_MOST_ONCE, QoS.AT_LEAST_ONCE).map(v -> b -> b.maximumQoS(v)),
                Arbitraries.of(false, true).map(v -> b -> b.retainAvailable(v)),
                Arbitraries.longs().between(1, 0xFFFF_FFFFL).map(v -> b -> b.maximumPacketSize(v)),
                strings(23).map(v -> b -> b.assignedClientIdentifier(v)),
                twoByteInts(0).map(v -> b -> b.topicAliasMaximum(v)),
                strings(30).map(v -> b -> b.reasonString(v)),
                userProperties().map(v -> b -> b.userProperties(v)),
                Arbitraries.of(false, true).map(v -> b -> b.wildcardSubscriptionsAvailable(v)),
                Arbitraries.of(false, true).map(v -> b -> b.subscriptionIdentifiersAvailable(v)),
                Arbitraries.of(false, true).map(v -> b -> b.sharedSubscriptionsAvailable(v)),
                twoByteInts(0).map(v -> b -> b.serverKeepAliveSeconds(v)),
                strings(20).map(v -> b -> b.responseInformation(v)),
                strings(20).map(v -> b -> b.serverReference(v)));
        Arbitrary<Function<ConnAckPacket.Builder, ConnAckPacket.Builder>> auth = Combinators.combine(
                strings(15), maybe(binary(30))).as((m, d) -> b -> b.authenticationMethod(m).authenticationData(d));
        return withOptional(withProps, auth).map(ConnAckPacket.Builder::build);
    }

    public static Arbitrary<PubAckPacket> pubAcks() {
        return Combinators.combine(Arbitraries.of(PubAckReasonCode.class), maybe(strings(20)), userProperties())
                .as((c, r, u) -> PubAckPacket.builder().reasonCode(c).reasonString(r).userProperties(u).build());
    }

    public static Arbitrary<PubRecPacket> pubRecs() {
        return Combinators.combine(Arbitraries.of(PubRecReasonCode.class), maybe(strings(20)), userProperties())
                .as((c, r, u) -> PubRecPacket.builder().reasonCode(c).reasonString(r).userProperties(u).build());
    }

    public static Arbitrary<PubRelPacket> pubRels() {
        return Combinators.combine(Arbitraries.of(PubRelReasonCode.class), maybe(strings(20)), userProperties())
                .as((c, r, u) -> PubRelPacket.builder().reasonCode(c).reasonString(r).userProperties(u).build());
    }

    public static Arbitrary<PubCompPacket> pubComps() {
        return Combinators.combine(Arbitraries.of(PubCompReasonCode.class), maybe(strings(20)), userProperties())
                .as((c, r, u) -> PubCompPacket.builder().reasonCode(c).reasonString(r).userProperties(u).build());
    }

    public static Arbitrary<Subscription> subscriptions() {
        return Combinators.combine(topicFilters(), Arbitraries.of(QoS.class), Arbitraries.of(false, true),
                Arbitraries.of(false, true), Arbitraries.of(RetainHandling.class))
                .as((filter, qos, noLocal, rap, rh) -> Subscription.builder().topicFilter(filter).qos(qos)
                        .noLocal(noLocal && !Topics.isShared(filter)).retainAsPublished(rap).retainHandling(rh)
                        .build());
    }

    public static Arbitrary<SubscribePacket> subscribes() {
        return Combinators.combine(subscriptions().list().ofMinSize(1).ofMaxSize(5), maybe(variableByteInts()),
                userProperties())
                .as((subs, id, props) -> SubscribePacket.builder().subscriptions(subs).subscriptionIdentifier(id)
                        .userProperties(props).build());
    }

    public static Arbitrary<SubAckPacket> subAcks() {
        return Combinators.combine(Arbitraries.of(SubAckReasonCode.class).list().ofMinSize(1).ofMaxSize(6),
                maybe(strings(20)), userProperties())
                .as((codes, r, u) -> SubAckPacket.builder().reasonCodes(codes).reasonString(r).userProperties(u)
                        .build());
    }

    public static Arbitrary<UnsubscribePacket> unsubscribes() {
        return Combinators.combine(topicFilters().list().ofMinSize(1).ofMaxSize(5), userProperties())
                .as((filters, props) -> UnsubscribePacket.builder().topicFilters(filters).userProperties(props)
                        .build());
    }

    public static Arbitrary<UnsubAckPacket> unsubAcks() {
        return Combinators.combine(Arbitraries.of(UnsubAckReasonCode.class).list().ofMinSize(1).ofMaxSize(6),
                maybe(strings(20)), userProperties())
                .as((codes, r, u) -> UnsubAckPacket.builder().reasonCodes(codes).reasonString(r).userProperties(u)
                        .build());
    }

    /** DISCONNECTs a client may send (no server-only codes, session expiry allowed). */
    public static Arbitrary<DisconnectPacket> clientDisconnects() {
        List<DisconnectReasonCode> codes = Arrays.stream(DisconnectReasonCode.values())
                .filter(DisconnectDecoder::sentByClient).collect(java.util.stream.Collectors.toList());
        return Combinators.combine(Arbitraries.of(codes), maybe(fourByteInts()), maybe(strings(20)),
                userProperties())
                .as((c, e, r, u) -> DisconnectPacket.builder().reasonCode(c).sessionExpiryIntervalSeconds(e)
                        .reasonString(r).userProperties(u).build());
    }

    /** DISCONNECTs a server may send (no session expiry, server reference allowed). */
    public static Arbitrary<DisconnectPacket> serverDisconnects() {
        List<DisconnectReasonCode> codes = Arrays.stream(DisconnectReasonCode.values())
                .filter(DisconnectDecoder::sentByServer).collect(java.util.stream.Collectors.toList());
        return Combinators.combine(Arbitraries.of(codes), maybe(strings(20)), maybe(strings(20)), userProperties())
                .as((c, ref, r, u) -> DisconnectPacket.builder().reasonCode(c).serverReference(ref).reasonString(r)
                        .userProperties(u).build());
    }

    /** AUTH packets a server ({@code fromServer}) or a client may send (Table 3-13). */
    public static Arbitrary<AuthPacket> auths(boolean fromServer) {
        Arbitrary<AuthReasonCode> codes = fromServer
                ? Arbitraries.of(AuthReasonCode.SUCCESS, AuthReasonCode.CONTINUE_AUTHENTICATION)
                : Arbitraries.of(AuthReasonCode.CONTINUE_AUTHENTICATION, AuthReasonCode.REAUTHENTICATE);
        Arbitrary<AuthPacket> full = Combinators.combine(codes, strings(15),
                maybe(binary(30)), maybe(strings(20)), userProperties())
                .as((c, m, d, r, u) -> AuthPacket.builder().reasonCode(c).authenticationMethod(m)
                        .authenticationData(d).reasonString(r).userProperties(u).build());
        return fromServer ? Arbitraries.oneOf(full, Arbitraries.just(AuthPacket.builder().build())) : full;
    }
}
