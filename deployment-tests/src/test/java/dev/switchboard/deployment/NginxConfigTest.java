package dev.switchboard.deployment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.deployment.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** deploy/nginx/nginx.conf: WebSockets to the receivers, REST to the senders. */
class NginxConfigTest {

    private static final Path CONFIG = Project.path("deploy/nginx/nginx.conf");

    @Test
    void proxiesWebSocketUpgradesToTheReceivers() throws IOException {
        String ws = locationBlock("/ws");
        assertTrue(ws.contains("proxy_pass http://receivers"), ws);
        assertTrue(ws.contains("proxy_http_version 1.1"), "WebSocket needs HTTP/1.1 upstream");
        assertTrue(ws.matches("(?s).*proxy_set_header\\s+Upgrade\\s+\\$http_upgrade\\s*;.*"), "passes Upgrade");
        assertTrue(
                ws.matches("(?s).*proxy_set_header\\s+Connection\\s+\\$connection_upgrade\\s*;.*"),
                "passes Connection");
        assertTrue(ws.matches("(?s).*proxy_read_timeout\\s+(\\d+h|\\d{3,}s?)\\s*;.*"), "long read timeout");
        assertTrue(
                config().contains("map $http_upgrade $connection_upgrade"), "Connection header derived from Upgrade");
    }

    @Test
    void proxiesTheApiToTheSenders() throws IOException {
        assertTrue(locationBlock("/api/").contains("proxy_pass http://senders"));
    }

    @Test
    void upstreamsNameTheComposeServices() throws IOException {
        String config = config();
        for (String server : new String[] {"sender-1:8081", "sender-2:8081", "receiver-1:8091", "receiver-2:8091"}) {
            assertTrue(config.contains("server " + server), "upstream server " + server);
        }
    }

    @Test
    void accessLogLeavesQueryStringsOutBecauseTheyMayHoldTokens() throws IOException {
        Matcher format = Pattern.compile("log_format\\s+\\w+\\s+([^;]*);").matcher(config());
        assertTrue(format.find(), "a custom log_format");
        assertTrue(
                !format.group(1).contains("$request ")
                        && !format.group(1).contains("$request_uri")
                        && !format.group(1).contains("$args"),
                "no query string in the access log: " + format.group(1));
    }

    private static String config() throws IOException {
        assertTrue(Files.isRegularFile(CONFIG), CONFIG + " exists");
        return Files.readString(CONFIG);
    }

    /** The body of "location [=] path { ... }" (location blocks here hold no nested braces). */
    private static String locationBlock(String path) throws IOException {
        Matcher m = Pattern.compile("location\\s+(?:=\\s*)?" + Pattern.quote(path) + "\\s*\\{([^}]*)}")
                .matcher(config());
        assertTrue(m.find(), "a location block for " + path);
        return m.group(1);
    }
}
