package dev.switchboard.receiver.testing;

import dev.switchboard.localstack.EmbeddedRedis;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A real redis-server of the tests' own on a free port (never the one on 6379); fault tests stop and start it. */
public class EmbeddedRedisResource implements QuarkusTestResourceLifecycleManager {

    private static volatile EmbeddedRedis redis;

    public static EmbeddedRedis redis() {
        return redis;
    }

    @Override
    public Map<String, String> start() {
        redis = EmbeddedRedis.startOnFreePort();
        return Map.of("quarkus.redis.hosts", redis.url());
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.stop();
        }
    }
}
