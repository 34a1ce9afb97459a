package dev.switchboard.sender.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A Lua script run by its digest (EVALSHA) and, when the server does not know it (a restart, a failover, a cluster
 * master that never ran it), in full (EVAL, which loads it). Each call falls back on its own: in a cluster every
 * master has its own script cache, and retrying calls that already ran would run them twice.
 */
public final class RedisScript {

    private final String source;
    private final String sha1;

    public RedisScript(String source) {
        this.source = source;
        this.sha1 = sha1(source);
    }

    public String source() {
        return source;
    }

    public String sha1() {
        return sha1;
    }

    /**
     * @param send          what reaches the server the call belongs on
     * @param keysAndArgs   appends the key count, keys and arguments to the call
     */
    public Uni<Response> run(Function<Request, Uni<Response>> send, Consumer<Request> keysAndArgs) {
        return send.apply(call(Command.EVALSHA, sha1, keysAndArgs))
                .onFailure(RedisScript::isNoScript)
                .recoverWithUni(() -> send.apply(call(Command.EVAL, source, keysAndArgs)));
    }

    /**
     * Several calls pipelined in one batch on one server, whose script cache they all share: all of them know the
     * script or none does.
     */
    public Uni<List<Response>> runAll(
            Function<List<Request>, Uni<List<Response>>> batch, List<Consumer<Request>> calls) {
        return batch.apply(calls(Command.EVALSHA, sha1, calls))
                .onFailure(RedisScript::isNoScript)
                .recoverWithUni(() -> batch.apply(calls(Command.EVAL, source, calls)));
    }

    private static List<Request> calls(Command command, String script, List<Consumer<Request>> calls) {
        return calls.stream()
                .map(keysAndArgs -> call(command, script, keysAndArgs))
                .toList();
    }

    private static Request call(Command command, String script, Consumer<Request> keysAndArgs) {
        Request request = Request.cmd(command).arg(script);
        keysAndArgs.accept(request);
        return request;
    }

    /** The server answered NOSCRIPT, here or in any cause (a batch reports it as {@code ERR [i] NOSCRIPT ...}). */
    static boolean isNoScript(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
