package dev.switchboard.receiver.testing;

import static org.awaitility.Awaitility.await;

import dev.switchboard.receiver.subscription.EventIngest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the {@code @QuarkusTest}s that talk to the running receiver over real sockets and publish to its embedded
 * Redis (annotate the subclass with {@code @QuarkusTest @WithTestResource(EmbeddedRedisResource.class)}): each test
 * starts subscribed, with a publisher open; sockets opened with {@link #connect} are closed after it.
 */
public abstract class LiveReceiverTest {

    @TestHTTPResource("/ws")
    protected URI http;

    @Inject
    protected Vertx vertx;

    @Inject
    protected EventIngest subscriber;

    protected RedisPublisher publisher;

    private final List<TestSocket> sockets = new ArrayList<>();

    @BeforeEach
    void subscribedWithAPublisher() {
        await().atMost(TestSocket.WAIT).until(subscriber::isSubscribed);
        publisher = newPublisher();
    }

    @AfterEach
    void closeSocketsAndPublisher() {
        sockets.forEach(TestSocket::close);
        sockets.clear();
        publisher.close();
    }

    /** The WebSocket endpoint of the receiver under test. */
    protected URI ws() {
        return URI.create(http.toString().replaceFirst("^http", "ws"));
    }

    /** A socket of this user (token in the header), closed after the test. */
    protected TestSocket connect(String userId) {
        TestSocket socket = TestSocket.connect(ws(), TestTokens.valid(userId));
        sockets.add(socket);
        return socket;
    }

    /** A publisher of its own, for a test that restarts Redis (the caller closes it). */
    protected RedisPublisher newPublisher() {
        return new RedisPublisher(vertx, EmbeddedRedisResource.redis().url());
    }
}
