package dev.switchboard.sender.outbox;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** The relay's Redis user in the publisher tests: may publish everywhere, or everywhere but one event type. */
final class RedisAcl {

    static final String USER = "relay";
    static final String PASSWORD = "relay-password";

    private RedisAcl() {}

    static void mayPublishEverywhere(Vertx vertx, String url) {
        set(vertx, url, "on", ">" + PASSWORD, "~*", "&*", "+@all");
    }

    /** Channels of every event type but this one, in every partition. */
    static void mayPublishAllBut(Vertx vertx, String url, String eventType) {
        List<String> rules = new ArrayList<>(List.of("resetchannels"));
        Arrays.stream(dev.switchboard.events.EventType.values())
                .filter(t -> !t.wireName().equals(eventType))
                .flatMap(t -> IntStream.range(
                                0, EventPublisherContract.CHANNELS.partitions().count())
                        .mapToObj(p -> "&" + EventPublisherContract.CHANNELS.channel(t, p)))
                .forEach(rules::add);
        set(vertx, url, rules.toArray(String[]::new));
    }

    /** The URL of a node with the relay's credentials. */
    static String asRelay(String url) {
        return url.replace("redis://", "redis://" + USER + ":" + PASSWORD + "@");
    }

    private static void set(Vertx vertx, String url, String... rules) {
        Redis admin = Redis.createClient(vertx, url);
        try {
            Request setUser = Request.cmd(Command.ACL).arg("SETUSER").arg(USER);
            for (String rule : rules) {
                setUser.arg(rule);
            }
            admin.send(setUser).await().atMost(Duration.ofSeconds(10));
        } finally {
            admin.close();
        }
    }
}
