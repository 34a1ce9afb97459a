package dev.switchboard.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One sender or receiver running as its own operating-system process from the packaged Quarkus app, with its
 * output in a log file. Tests kill it with SIGKILL or stop it with SIGTERM like an orchestrator would.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final ServicePorts ports;
    private final Path logFile;
    private final Process process;

    private ServiceProcess(String name, ServicePorts ports, Path logFile, Process process) {
        this.name = name;
        this.ports = ports;
        this.logFile = logFile;
        this.process = process;
    }

    /** Starts {@code java -jar app} with the given environment; returns at once, see {@link #awaitReady}. */
    public static ServiceProcess start(
            String name, Path app, Map<String, String> env, ServicePorts ports, Path logFile, List<String> jvmOptions) {
        try {
            Files.createDirectories(logFile.getParent());
            List<String> command = new ArrayList<>();
            command.add(javaExecutable());
            command.addAll(jvmOptions);
            command.add("-jar");
            command.add(app.toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(env);
            return new ServiceProcess(name, ports, logFile, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** The java that runs this JVM, so children use the same JDK version. */
    static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Waits until {@code /q/health/ready} (management port) answers 200, failing early if the process dies. */
    public ServiceProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logFile);
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "; see " + logFile);
    }

    public String name() {
        return name;
    }

    /** The public port: the API of a sender, {@code /ws} of a receiver. */
    public int port() {
        return ports.http();
    }

    public int managementPort() {
        return ports.management();
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public String baseUrl() {
        return "http://" + ports.connectHost() + ":" + ports.http();
    }

    /** Health, metrics and (on a sender) OpenAPI and Swagger UI. */
    public String managementUrl() {
        return "http://" + ports.connectHost() + ":" + ports.management();
    }

    public String webSocketUrl() {
        return "ws://" + ports.connectHost() + ":" + ports.http() + "/ws";
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process gets no chance to clean up, as in a crash. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
    public void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!awaitExit(grace)) {
            kill();
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(15));
    }
}
