package dev.switchboard.sender.outbox;

import dev.switchboard.sender.redis.RedisScript;

/**
 * The Lua script that publishes one partition's batch under its relay's epoch, atomically in Redis.
 * <p>
 * KEYS[1] is the partition's fence key (its hash tag is the partition's, so in a cluster it lives with the channels);
 * ARGV is the epoch, the publish command (PUBLISH, or SPUBLISH in a cluster), then channel and payload pairs. The fence
 * holds the newest epoch that has published: an older epoch publishes nothing and gets {@code FENCED <newest>}; an
 * equal or newer one raises the fence and publishes every pair, each under {@code pcall} so that a refused event
 * (an ACL, say) costs only itself. The answer is {@code OK} followed by one entry per event: empty when published,
 * else the error Redis gave it (Redis 6.2 puts the script's line before an ACL refusal: that is cut off).
 * <p>
 * Because a script runs alone, every publish of the older relay happened before the newer one's first: the two never
 * interleave. Written by hand (ADR 0012): no library does fencing of pub/sub.
 */
final class FencedPublishScript {

    static final String SOURCE = """
            local fence = redis.call('GET', KEYS[1])
            local epoch = tonumber(ARGV[1])
            if fence and tonumber(fence) > epoch then
              return {'FENCED', fence}
            end
            if not fence or tonumber(fence) < epoch then
              redis.call('SET', KEYS[1], ARGV[1])
            end
            local results = {'OK'}
            for i = 3, #ARGV, 2 do
              local reply = redis.pcall(ARGV[2], ARGV[i], ARGV[i + 1])
              if type(reply) == 'table' and reply.err then
                results[#results + 1] = string.gsub(reply.err, '^@user_script:%d+: ', '')
              else
                results[#results + 1] = ''
              end
            end
            return results
            """;

    static final RedisScript SCRIPT = new RedisScript(SOURCE);

    private FencedPublishScript() {}
}
