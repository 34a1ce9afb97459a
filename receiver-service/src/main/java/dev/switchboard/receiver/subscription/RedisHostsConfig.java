package dev.switchboard.receiver.subscription;

import io.smallrye.config.ConfigMapping;
import java.util.List;

/** Where Redis is: the subscription uses the first of {@code quarkus.redis.hosts}, the app's one Redis setting. */
@ConfigMapping(prefix = "quarkus.redis")
public interface RedisHostsConfig {

    List<String> hosts();

    /** The node the subscription connects to. */
    default String subscriptionUrl() {
        return hosts().getFirst().trim();
    }
}
