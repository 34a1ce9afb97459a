package dev.switchboard.localstack;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Serves the demo chat app (the built {@code clients/demo/dist}) with the JDK's file handler, and {@code /config.json}
 * telling the page the stack's sender and receiver ports (it builds the URLs with its own host name, so the page
 * works as {@code localhost}, {@code 127.0.0.1} or a LAN address alike).
 */
public final class DemoServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private DemoServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static DemoServer start(
            Path dist, String host, int port, List<Integer> senderPorts, List<Integer> receiverPorts) {
        byte[] config = configJson(senderPorts, receiverPorts).getBytes(StandardCharsets.UTF_8);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            server.createContext("/", SimpleFileServer.createFileHandler(dist.toAbsolutePath()));
            server.createContext("/config.json", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(200, config.length);
                try (var body = exchange.getResponseBody()) {
                    body.write(config);
                }
            });
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            server.start();
            return new DemoServer(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the demo on " + host + ":" + port, e);
        }
    }

    static String configJson(List<Integer> senderPorts, List<Integer> receiverPorts) {
        return "{\"senderPorts\":" + array(senderPorts) + ",\"receiverPorts\":" + array(receiverPorts) + "}";
    }

    private static String array(List<Integer> ports) {
        return ports.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
