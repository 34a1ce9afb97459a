package dev.switchboard.receiver.socket;

import io.netty.buffer.ByteBuf;
import io.quarkus.runtime.Startup;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import jakarta.inject.Singleton;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The one place that reaches past websockets-next's API, and why: delivery writes the same pre-encoded frame to
 * thousands of connections a second, and {@code WebSocketConnection.sendText} costs per write a String-to-UTF-8
 * encoding, a Mutiny {@code Uni}, a {@code CompletionStage} and a Vert.x promise, plus a task on the connection's
 * event loop; together they were a third of the receiver's CPU under fan-out. Writing the shared bytes straight to
 * the Vert.x {@link ServerWebSocket} under the connection costs one small frame object and one promise.
 * <p>
 * websockets-next (Quarkus 3.33) does not expose that socket: {@code WebSocketConnectionImpl.webSocket()} is
 * package-private. It is reached here with a private method-handle lookup, resolved once when the application
 * starts, so that a Quarkus version without it fails at start-up (and in UnderlyingWebSocketTest), not at the first
 * connection. Vert.x has no public way to make a text frame from bytes either; {@link WebSocketFrameImpl}'s public
 * constructor is what Vert.x itself uses for that. <b>Revisit both on every Quarkus or Vert.x upgrade.</b>
 */
@Startup
@Singleton
public class UnderlyingWebSocket {

    static final String CONNECTION_CLASS = "io.quarkus.websockets.next.runtime.WebSocketConnectionImpl";

    private final MethodHandle webSocket;

    public UnderlyingWebSocket() {
        this.webSocket = resolve();
    }

    /** The Vert.x socket a websockets-next server connection writes to. */
    public ServerWebSocket of(WebSocketConnection connection) {
        try {
            return (ServerWebSocket) (WebSocketBase) webSocket.invokeExact(connection);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot reach the Vert.x socket of connection " + connection.id(), e);
        }
    }

    /** A final text frame whose payload is these UTF-8 bytes, taken as they are (no copy, no validation). */
    public static WebSocketFrame textFrame(ByteBuf utf8) {
        return new WebSocketFrameImpl(WebSocketFrameType.TEXT, utf8, true);
    }

    private static MethodHandle resolve() {
        try {
            Class<?> implementation =
                    Class.forName(CONNECTION_CLASS, false, WebSocketConnection.class.getClassLoader());
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(implementation, MethodHandles.lookup());
            return lookup.findVirtual(implementation, "webSocket", MethodType.methodType(WebSocketBase.class))
                    .asType(MethodType.methodType(WebSocketBase.class, WebSocketConnection.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "websockets-next no longer has " + CONNECTION_CLASS + ".webSocket(): "
                            + "UnderlyingWebSocket must be adapted to this Quarkus version",
                    e);
        }
    }
}
