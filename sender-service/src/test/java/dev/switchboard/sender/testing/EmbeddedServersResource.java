package dev.switchboard.sender.testing;

import dev.switchboard.localstack.EmbeddedDatabase;
import dev.switchboard.localstack.EmbeddedRedis;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real PostgreSQL and a real Redis on free ports for the tests, never the servers that may run on the machine.
 * Fields annotated {@link InjectEmbeddedRedis} / {@link InjectEmbeddedDatabase} get the server so that a test can
 * stop and restart it (on the same port, keeping its data).
 */
public class EmbeddedServersResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedDatabase database;
    private EmbeddedRedis redis;

    @Override
    public Map<String, String> start() {
        redis = EmbeddedRedis.startOnFreePort();
        database = EmbeddedDatabase.startOnFreePort();
        return Map.of(
                "quarkus.datasource.reactive.url", database.reactiveUrl(),
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", EmbeddedDatabase.USER,
                "quarkus.datasource.password", EmbeddedDatabase.PASSWORD,
                "quarkus.redis.hosts", redis.url());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                redis, new TestInjector.AnnotatedAndMatchesType(InjectEmbeddedRedis.class, EmbeddedRedis.class));
        injector.injectIntoFields(
                database,
                new TestInjector.AnnotatedAndMatchesType(InjectEmbeddedDatabase.class, EmbeddedDatabase.class));
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
