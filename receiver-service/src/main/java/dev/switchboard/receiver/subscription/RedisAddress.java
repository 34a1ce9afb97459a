package dev.switchboard.receiver.subscription;

import java.net.URI;

/** A Redis URL as logs and health data may show it: scheme, host and port, never a user or a password. */
final class RedisAddress {

    private RedisAddress() {}

    static String withoutCredentials(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getHost() == null) {
                return "(unparseable Redis URL)";
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return "(unparseable Redis URL)";
        }
    }
}
