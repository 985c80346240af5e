package dev.tern.cli;

import dev.tern.mqtt5.packets.PayloadFormatIndicator;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.UserProperty;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** How {@code tern sub} prints a message: the payload, the topic and payload, or one JSON object per line. */
enum MessageFormat {
    PAYLOAD,
    TOPIC,
    PROPERTIES,
    JSON;

    String format(PublishPacket p) {
        switch (this) {
            case PAYLOAD:
                return p.payloadAsString();
            case TOPIC:
                return p.topic() + " " + p.payloadAsString();
            case PROPERTIES:
                return p.topic() + " " + p.payloadAsString() + properties(p);
            default:
                return json(p);
        }
    }

    private static String properties(PublishPacket p) {
        StringBuilder s = new StringBuilder("  [qos=" + p.qos().code());
        if (p.retain()) {
            s.append(", retain");
        }
        if (p.contentType() != null) {
            s.append(", content-type=").append(p.contentType());
        }
        if (p.responseTopic() != null) {
            s.append(", response-topic=").append(p.responseTopic());
        }
        if (p.correlationData() != null) {
            s.append(", correlation-data=").append(text(p.correlationData()));
        }
        if (p.messageExpiryIntervalSeconds() != null) {
            s.append(", message-expiry=").append(p.messageExpiryIntervalSeconds());
        }
        if (p.payloadFormatIndicator() == PayloadFormatIndicator.UTF_8) {
            s.append(", utf8");
        }
        for (UserProperty u : p.userProperties()) {
            s.append(", ").append(u.name()).append('=').append(u.value());
        }
        if (!p.subscriptionIdentifiers().isEmpty()) {
            s.append(", subscription-ids=").append(p.subscriptionIdentifiers());
        }
        return s.append(']').toString();
    }

    static String json(PublishPacket p) {
        StringBuilder s = new StringBuilder("{");
        field(s, "topic", p.topic());
        s.append(",\"qos\":").append(p.qos().code()).append(",\"retain\":").append(p.retain());
        String text = utf8(p.payloadAsBytes());
        if (text != null) {
            s.append(',');
            field(s, "payload", text);
        } else {
            s.append(',');
            field(s, "payloadBase64", Base64.getEncoder().encodeToString(p.payloadAsBytes()));
        }
        if (p.contentType() != null) {
            s.append(',');
            field(s, "contentType", p.contentType());
        }
        if (p.responseTopic() != null) {
            s.append(',');
            field(s, "responseTopic", p.responseTopic());
        }
        if (p.correlationData() != null) {
            s.append(',');
            field(s, "correlationDataBase64", Base64.getEncoder().encodeToString(p.correlationData()));
        }
        if (p.messageExpiryIntervalSeconds() != null) {
            s.append(",\"messageExpiryInterval\":").append(p.messageExpiryIntervalSeconds());
        }
        if (p.payloadFormatIndicator() == PayloadFormatIndicator.UTF_8) {
            s.append(",\"payloadFormatUtf8\":true");
        }
        if (!p.userProperties().isEmpty()) {
            // An array of pairs: names may repeat and their order matters.
            s.append(",\"userProperties\":[");
            for (int i = 0; i < p.userProperties().size(); i++) {
                UserProperty u = p.userProperties().get(i);
                s.append(i == 0 ? "[" : ",[");
                string(s, u.name());
                s.append(',');
                string(s, u.value());
                s.append(']');
            }
            s.append(']');
        }
        if (!p.subscriptionIdentifiers().isEmpty()) {
            s.append(",\"subscriptionIdentifiers\":").append(p.subscriptionIdentifiers());
        }
        return s.append('}').toString();
    }

    private static String text(byte[] bytes) {
        String text = utf8(bytes);
        return text != null ? text : "base64:" + Base64.getEncoder().encodeToString(bytes);
    }

    /** The bytes as text if they are valid UTF-8, else null. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void field(StringBuilder s, String name, String value) {
        string(s, name);
        s.append(':');
        string(s, value);
    }

    private static void string(StringBuilder s, String value) {
        s.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"':
                    s.append("\\\"");
                    break;
                case '\\':
                    s.append("\\\\");
                    break;
                case '\n':
                    s.append("\\n");
                    break;
                case '\r':
                    s.append("\\r");
                    break;
                case '\t':
                    s.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
            }
        }
        s.append('"');
    }
}
