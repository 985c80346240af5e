package dev.tern.mqtt5.internal.transport;

import dev.tern.mqtt5.internal.codec.DecoderSettings;
import dev.tern.mqtt5.internal.codec.MqttDecoder;
import dev.tern.mqtt5.internal.codec.MqttEncoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;

import java.util.List;

/**
 * Builds a connection's pipeline: the transport stages in order (proxy → TLS → WebSocket), then the
 * MQTT codec and the connection handler. The client core never knows which transport it runs on: the
 * last stage fires a transport-ready event, or, with no stage, the channel becoming active starts MQTT.
 */
public final class TernChannelInitializer extends ChannelInitializer<Channel> {

    public static final String ENCODER = "mqtt-encoder";
    public static final String DECODER = "mqtt-decoder";
    public static final String CONNECTION = "mqtt-connection";

    private final List<TransportStage> stages;
    private final DecoderSettings decoderSettings;
    private final MqttEncoder encoder;
    private final ChannelHandler connectionHandler;

    public TernChannelInitializer(List<TransportStage> stages, DecoderSettings decoderSettings, MqttEncoder encoder,
            ChannelHandler connectionHandler) {
        this.stages = stages;
        this.decoderSettings = decoderSettings;
        this.encoder = encoder;
        this.connectionHandler = connectionHandler;
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        for (int i = 0; i < stages.size(); i++) {
            stages.get(i).install(channel, i == stages.size() - 1);
        }
        pipeline.addLast(ENCODER, encoder);
        pipeline.addLast(DECODER, new MqttDecoder(decoderSettings));
        pipeline.addLast(CONNECTION, connectionHandler);
    }
}
