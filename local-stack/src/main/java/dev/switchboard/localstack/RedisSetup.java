package dev.switchboard.localstack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the services find Redis, in each topology of {@code switchboard.redis.mode}, as the environment the services
 * take: {@code standalone} (one URL), {@code sharded} (independent nodes; the first also serves rate limits and
 * health) and {@code cluster} (the seed nodes of a Redis Cluster, with cluster clients).
 */
public record RedisSetup(String mode, String hosts, List<String> shards) {

    public RedisSetup {
        shards = List.copyOf(shards);
    }

    public static RedisSetup standalone(String url) {
        return new RedisSetup("standalone", url, List.of());
    }

    public static RedisSetup sharded(List<String> urls) {
        return new RedisSetup("sharded", urls.getFirst(), urls);
    }

    /** @param seeds every node of the cluster, comma-separated */
    public static RedisSetup cluster(String seeds) {
        return new RedisSetup("cluster", seeds, List.of());
    }

    /** What every service is started with. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_REDIS_HOSTS", hosts);
        env.put("SWITCHBOARD_REDIS_MODE", mode);
        if (!shards.isEmpty()) {
            env.put("SWITCHBOARD_REDIS_SHARDS", String.join(",", shards));
        }
        if (mode.equals("cluster")) {
            // The application's clients (the sender's events, and its rate limits, which follow) speak the cluster
            // protocol.
            env.put("QUARKUS_REDIS_CLIENT_TYPE", "cluster");
        }
        return env;
    }

    /** For the start-up banner. */
    public String describe() {
        return switch (mode) {
            case "sharded" -> "sharded over " + String.join(", ", shards);
            case "cluster" -> "cluster, seeds " + hosts;
            default -> hosts;
        };
    }
}
