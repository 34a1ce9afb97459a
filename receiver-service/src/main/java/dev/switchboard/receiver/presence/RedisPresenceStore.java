package dev.switchboard.receiver.presence;

import dev.switchboard.events.EventChannels;
import dev.switchboard.events.EventType;
import dev.switchboard.receiver.redis.RedisPartitionClients;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Presence in Redis, per user in the user's partition (one slot in a cluster): {@code <prefix>presence:{tag}:c:<user>}
 * a sorted set of the user's connections scored by expiry, {@code ...:s:<user>} when last seen, and {@code ...:i} the
 * partition's index of users scored by their latest expiry (what the sweep reads). Every change is one script call
 * that also publishes the user's presenceChanged on the partition's channel when it flips them, so a user's events
 * follow the order of their changes whichever receivers make them. EVAL with the scripts' text: they are short, and
 * the busiest, the renewal, runs once per user per refresh interval.
 */
public final class RedisPresenceStore implements PresenceStore {

    static final String CONNECTED = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
            local before = redis.call('ZCARD', KEYS[1])
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
            redis.call('PEXPIREAT', KEYS[1], last[2])
            redis.call('ZADD', KEYS[3], 'GT', last[2], ARGV[4])
            redis.call('SET', KEYS[2], ARGV[3], 'EX', ARGV[8])
            if before == 0 then
              redis.call(ARGV[5], ARGV[6], ARGV[7])
              return 1
            end
            return 0
            """;

    static final String DISCONNECTED = """
            local removed = redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
            if removed == 1 and redis.call('ZCARD', KEYS[1]) == 0 then
              redis.call('ZREM', KEYS[3], ARGV[3])
              redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[7])
              redis.call(ARGV[4], ARGV[5], ARGV[6])
              return 1
            end
            return 0
            """;

    // XX: a connection already removed (closed, or swept while its receiver could not reach Redis) is not revived
    // here; the caller connects it again, which tells watchers if that brings the user back.
    static final String REFRESH = """
            local missing = {}
            for i = 3, #ARGV do
              if redis.call('ZADD', KEYS[1], 'XX', 'CH', ARGV[1], ARGV[i]) == 0
                 and not redis.call('ZSCORE', KEYS[1], ARGV[i]) then
                missing[#missing + 1] = ARGV[i]
              end
            end
            if redis.call('ZCARD', KEYS[1]) > 0 then
              local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
              redis.call('PEXPIREAT', KEYS[1], last[2])
              redis.call('ZADD', KEYS[2], 'GT', last[2], ARGV[2])
            end
            return missing
            """;

    static final String SWEEP = """
            local users = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, ARGV[2])
            for i = 1, #users, 2 do
              redis.call('ZREM', KEYS[1], users[i])
            end
            return users
            """;

    static final String EXPIRED = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            if redis.call('ZCARD', KEYS[1]) > 0 then
              return 0
            end
            redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[6])
            redis.call(ARGV[3], ARGV[4], ARGV[5])
            return 1
            """;

    static final String STATE = """
            local live = redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[1], '+inf')
            local seen = redis.call('GET', KEYS[2])
            return {live, seen or '0'}
            """;

    /** Renewal calls a refresh keeps in flight at once. */
    static final int REFRESH_IN_FLIGHT = 256;

    /** How long "last seen" is kept after the last change. */
    static final Duration SEEN_KEPT = Duration.ofDays(30);

    private final RedisPartitionClients clients;
    private final EventChannels channels;
    private final String prefix;

    public RedisPresenceStore(RedisPartitionClients clients, EventChannels channels) {
        this.clients = clients;
        this.channels = channels;
        this.prefix = channels.prefix() + "presence:";
    }

    @Override
    public CompletionStage<Void> connected(
            String userId, String connectionId, long expiresAtMillis, long nowMillis, String onlineEvent) {
        int partition = partition(userId);
        return eval(
                        partition,
                        CONNECTED,
                        keys(partition, userId),
                        connectionId,
                        Long.toString(expiresAtMillis),
                        Long.toString(nowMillis),
                        userId,
                        clients.publishCommand(),
                        channel(partition),
                        onlineEvent,
                        Long.toString(SEEN_KEPT.toSeconds()))
                .<Void>mapEmpty()
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Void> disconnected(String userId, String connectionId, long nowMillis, String offlineEvent) {
        int partition = partition(userId);
        return eval(
                        partition,
                        DISCONNECTED,
                        keys(partition, userId),
                        connectionId,
                        Long.toString(nowMillis),
                        userId,
                        clients.publishCommand(),
                        channel(partition),
                        offlineEvent,
                        Long.toString(SEEN_KEPT.toSeconds()))
                .<Void>mapEmpty()
                .toCompletionStage();
    }

    /**
     * One script call per user (a user's keys share a slot, different users' may not), at most
     * {@value #REFRESH_IN_FLIGHT} in flight at once: a receiver with 100,000 users must not queue 100,000 calls on
     * its pool (whose wait queue is bounded) every interval.
     */
    @Override
    public CompletionStage<List<Held>> refresh(List<Held> held, long expiresAtMillis) {
        Map<String, List<String>> byUser = new LinkedHashMap<>();
        held.forEach(
                h -> byUser.computeIfAbsent(h.userId(), u -> new ArrayList<>()).add(h.connectionId()));
        List<Map.Entry<String, List<String>>> users = new ArrayList<>(byUser.entrySet());
        List<Held> missing = new ArrayList<>();
        return refreshFrom(users, 0, expiresAtMillis, missing)
                .map(done -> missing)
                .toCompletionStage();
    }

    private Future<Void> refreshFrom(
            List<Map.Entry<String, List<String>>> users, int from, long expiresAtMillis, List<Held> missing) {
        if (from >= users.size()) {
            return Future.succeededFuture();
        }
        List<Map.Entry<String, List<String>>> batch =
                users.subList(from, Math.min(users.size(), from + REFRESH_IN_FLIGHT));
        List<Future<Response>> calls = new ArrayList<>(batch.size());
        for (Map.Entry<String, List<String>> user : batch) {
            int partition = partition(user.getKey());
            List<String> args = new ArrayList<>();
            args.add(Long.toString(expiresAtMillis));
            args.add(user.getKey());
            args.addAll(user.getValue());
            calls.add(eval(
                    partition,
                    REFRESH,
                    List.of(connectionsKey(partition, user.getKey()), indexKey(partition)),
                    args.toArray(String[]::new)));
        }
        return Future.all(calls).compose(all -> {
            for (int i = 0; i < calls.size(); i++) {
                String userId = batch.get(i).getKey();
                Response response = all.resultAt(i);
                if (response != null) {
                    response.forEach(item -> missing.add(new Held(userId, item.toString())));
                }
            }
            return refreshFrom(users, from + REFRESH_IN_FLIGHT, expiresAtMillis, missing);
        });
    }

    @Override
    public CompletionStage<List<Expired>> sweep(int partition, long nowMillis, int limit) {
        return eval(partition, SWEEP, List.of(indexKey(partition)), Long.toString(nowMillis), Integer.toString(limit))
                .map(response -> {
                    List<Expired> expired = new ArrayList<>();
                    for (int i = 0; response != null && i + 1 < response.size(); i += 2) {
                        expired.add(new Expired(response.get(i).toString(), (long)
                                Double.parseDouble(response.get(i + 1).toString())));
                    }
                    return expired;
                })
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Void> expired(String userId, long lastSeenMillis, long nowMillis, String offlineEvent) {
        int partition = partition(userId);
        return eval(
                        partition,
                        EXPIRED,
                        keys(partition, userId),
                        Long.toString(nowMillis),
                        Long.toString(lastSeenMillis),
                        clients.publishCommand(),
                        channel(partition),
                        offlineEvent,
                        Long.toString(SEEN_KEPT.toSeconds()))
                .<Void>mapEmpty()
                .toCompletionStage();
    }

    @Override
    public CompletionStage<List<State>> states(List<String> userIds, long nowMillis) {
        List<Future<State>> states = new ArrayList<>(userIds.size());
        for (String userId : userIds) {
            int partition = partition(userId);
            states.add(eval(
                            partition,
                            STATE,
                            List.of(connectionsKey(partition, userId), seenKey(partition, userId)),
                            Long.toString(nowMillis))
                    .map(response -> new State(
                            userId,
                            response.get(0).toLong() > 0,
                            Long.parseLong(response.get(1).toString()))));
        }
        return Future.all(states)
                .map(all -> {
                    List<State> result = new ArrayList<>(states.size());
                    for (int i = 0; i < states.size(); i++) {
                        result.add(all.resultAt(i));
                    }
                    return result;
                })
                .toCompletionStage();
    }

    Future<Response> eval(int partition, String script, List<String> keys, String... args) {
        Request eval = Request.cmd(Command.EVAL).arg(script).arg(keys.size());
        keys.forEach(eval::arg);
        for (String arg : args) {
            eval.arg(arg);
        }
        return clients.nodeOf().apply(partition).send(eval);
    }

    private List<String> keys(int partition, String userId) {
        return List.of(connectionsKey(partition, userId), seenKey(partition, userId), indexKey(partition));
    }

    int partition(String userId) {
        return channels.partitions().ofUser(userId);
    }

    private String tagged(int partition) {
        return prefix + "{" + channels.partitions().tag(partition) + "}:";
    }

    private String connectionsKey(int partition, String userId) {
        return tagged(partition) + "c:" + userId;
    }

    private String seenKey(int partition, String userId) {
        return tagged(partition) + "s:" + userId;
    }

    private String indexKey(int partition) {
        return tagged(partition) + "i";
    }

    private String channel(int partition) {
        return channels.channel(EventType.PRESENCE_CHANGED, partition);
    }
}
