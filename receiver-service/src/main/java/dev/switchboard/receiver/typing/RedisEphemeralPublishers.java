package dev.switchboard.receiver.typing;

import dev.switchboard.receiver.redis.RedisPartitionClients;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The {@link EphemeralPublisher} on the configured topology's clients. */
public class RedisEphemeralPublishers {

    @Produces
    @Singleton
    EphemeralPublisher publisher(RedisPartitionClients clients) {
        return new RedisEphemeralPublisher(clients);
    }
}
