package dev.tern.mqtt5.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A proxy server from a Debian package (squid, danted) run by a test: its own temporary folder, the
 * process started with {@link ProcessBuilder} and its output in a log file, a bounded wait until its
 * ports accept connections, and {@link #close()} that stops it and removes the folder. A missing
 * binary fails the test with the package to install; it is never skipped.
 */
public final class ProxyProcess implements AutoCloseable {

    private final String name;
    private final Path folder;
    private final Path log;
    private Process process;

    /**
     * A new temporary folder for {@code name}. When running as root it is opened to every user: the
     * daemons drop to an unprivileged user (squid to {@code proxy}) that must read our files and write
     * its logs there.
     */
    ProxyProcess(String name) {
        this.name = name;
        try {
            folder = Files.createTempDirectory("tern-" + name);
            if (isRoot()) {
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log = folder.resolve(name + ".out");
    }

    Path folder() {
        return folder;
    }

    /** Writes {@code content} to {@code fileName} in the folder, readable by every user. */
    Path write(String fileName, String content) {
        try {
            Path file = folder.resolve(fileName);
            Files.writeString(file, content);
            readableByAll(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes a file in the folder readable by every user (the daemon's unprivileged user). */
    void readableByAll(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code command} with its output to a log in the folder, and waits until {@code ports} accept. */
    void start(List<String> command, Duration timeout, int... ports) {
        try {
            process = new ProcessBuilder(command)
                    .directory(folder.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new AssertionError("could not start " + command, e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int port : ports) {
            awaitListening(port, deadline, timeout);
        }
    }

    private void awaitListening(int port, long deadline, Duration timeout) {
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ": " + logs());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(20); // polling a port another process opens: there is no event to await
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
        throw new AssertionError(name + " did not listen on " + port + " within " + timeout + ": " + logs());
    }

    /** Everything the process and its log files in the folder wrote, for failure messages. */
    public String logs() {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".log")
                    || f.toString().endsWith(".out")).sorted()::iterator) {
                sb.append("\n--- ").append(file.getFileName()).append(":\n").append(read(file));
            }
        } catch (IOException e) {
            sb.append("(no logs: ").append(e).append(')');
        }
        return sb.toString();
    }

    /**
     * Waits (bounded) until {@code fileName} in the folder has a line containing every one of
     * {@code fragments}, and returns it. The file is written by another process: there is no event to
     * await, so this polls it.
     */
    String awaitLine(String fileName, Duration timeout, String... fragments) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : read(folder.resolve(fileName)).split("\n")) {
                if (Stream.of(fragments).allMatch(line::contains)) {
                    return line;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no line with " + List.of(fragments) + " in " + fileName + " within "
                        + timeout + ":" + logs());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deleteTree(folder);
    }

    /** The first of {@code candidates} that is executable; else fails, saying which package to install. */
    static String findBinary(String aptPackage, String... candidates) {
        for (String candidate : candidates) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new AssertionError(String.join(" or ", candidates) + " is not installed; install it with"
                + " 'apt-get install -y " + aptPackage + "' (.ci/run must install it for the interop profile)");
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs a short command to completion (bounded), failing with its output if it exits non-zero. */
    static String run(Duration timeout, String input, String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (input != null) {
                p.getOutputStream().write(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
            }
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError(command[0] + " exited with " + p.exitValue() + ": " + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("could not run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A loopback port nothing listens on (at the moment of asking). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a folder and everything in it; best effort. */
    public static void deleteTree(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
