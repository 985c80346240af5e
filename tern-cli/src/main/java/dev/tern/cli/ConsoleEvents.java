package dev.tern.cli;

import dev.tern.mqtt5.AttemptingConnectEvent;
import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.DisconnectionEvent;
import dev.tern.mqtt5.LifecycleEvents;
import dev.tern.mqtt5.NegotiatedSettings;
import dev.tern.mqtt5.StoppedEvent;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Prints the five lifecycle events as they happen (unless quiet) and lets a command wait for the first
 * connection and for the stop. A failure before the first connection ends the wait: a command line tool
 * reports it instead of retrying forever.
 */
final class ConsoleEvents implements LifecycleEvents {

    private final PrintWriter out;
    private final boolean print;
    private final CompletableFuture<ConnectionSuccessEvent> connected = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    ConsoleEvents(PrintWriter out, boolean print) {
        this.out = out;
        this.print = print;
    }

    @Override
    public void onAttemptingConnect(AttemptingConnectEvent event) {
        say("AttemptingConnect: attempt " + event.attempt());
    }

    @Override
    public void onConnectionSuccess(ConnectionSuccessEvent event) {
        NegotiatedSettings s = event.negotiatedSettings();
        say("ConnectionSuccess: client id " + s.clientId() + ", session present " + event.connAck().sessionPresent()
                + ", keep alive " + s.serverKeepAliveSeconds() + " s, receive maximum " + s.receiveMaximumFromServer()
                + ", maximum QoS " + s.maximumQoS().code());
        connected.complete(event);
    }

    @Override
    public void onConnectionFailure(ConnectionFailureEvent event) {
        say("ConnectionFailure: " + event.error().kind() + ": " + event.error().getMessage());
        connected.completeExceptionally(event.error());
    }

    @Override
    public void onDisconnection(DisconnectionEvent event) {
        say("Disconnection: " + event.error().kind() + (event.disconnectPacket() != null
                ? " (" + event.disconnectPacket().reasonCode() + ")" : ""));
    }

    @Override
    public void onStopped(StoppedEvent event) {
        say("Stopped");
        stopped.complete(null);
    }

    private void say(String line) {
        if (print) {
            out.println("[lifecycle] " + line);
            out.flush();
        }
    }

    /** Waits for the first connection; a failure or the timeout is a {@link CliException}. */
    ConnectionSuccessEvent awaitConnected(Duration timeout) {
        try {
            return connected.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new CliException(ExitCode.NOT_CONNECTED, "could not connect: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new CliException(ExitCode.NOT_CONNECTED, "not connected within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERRUPTED, "interrupted");
        }
    }

    /** Waits (bounded) for the Stopped event; true if it came. */
    boolean awaitStopped(Duration timeout) {
        try {
            stopped.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
