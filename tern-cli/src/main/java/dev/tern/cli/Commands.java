package dev.tern.cli;

import dev.tern.mqtt5.Mqtt5Exception;
import dev.tern.mqtt5.PublishResult;
import dev.tern.mqtt5.packets.QoS;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What the commands share: waiting for operations, describing their results. */
final class Commands {

    private Commands() {
    }

    static QoS qos(int code) {
        if (code < 0 || code > 2) {
            throw CliException.usage("QoS must be 0, 1 or 2, was " + code);
        }
        return QoS.fromCode(code);
    }

    /** The operation's result; a failure or the timeout is a {@link CliException} naming the operation. */
    static <T> T await(CompletableFuture<T> operation, Duration timeout, String what) {
        try {
            return operation.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String kind = cause instanceof Mqtt5Exception ? ((Mqtt5Exception) cause).kind() + ": " : "";
            throw new CliException(cause instanceof IllegalArgumentException ? ExitCode.USAGE : ExitCode.FAILED,
                    what + " failed: " + kind + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new CliException(ExitCode.FAILED, what + ": no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERRUPTED, "interrupted");
        }
    }

    static String describe(PublishResult result) {
        if (result.pubAck() != null) {
            return "PUBACK " + result.pubAck().reasonCode();
        }
        if (result.pubComp() != null) {
            return "PUBREC " + result.pubRec().reasonCode() + ", PUBCOMP " + result.pubComp().reasonCode();
        }
        if (result.pubRec() != null) {
            return "PUBREC " + result.pubRec().reasonCode();
        }
        return "sent (QoS 0, no acknowledgement)";
    }

    /** Whether the server refused the message in its acknowledgement. */
    static boolean refused(PublishResult result) {
        return (result.pubAck() != null && result.pubAck().reasonCode().isError())
                || (result.pubRec() != null && result.pubRec().reasonCode().isError());
    }
}
