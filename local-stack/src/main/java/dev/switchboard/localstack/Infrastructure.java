package dev.switchboard.localstack;

import java.net.URI;

/**
 * Where Redis and PostgreSQL are, in the forms the services take. Built from the embedded servers or from the
 * {@code REDIS_URL} / {@code DATABASE_URL} variables of the contract.
 */
public record Infrastructure(
        RedisSetup redis, String databaseHostPort, String databaseName, String databaseUser, String databasePassword) {

    public static Infrastructure of(EmbeddedRedis redis, EmbeddedDatabase database) {
        return of(RedisSetup.standalone(redis.url()), database);
    }

    public static Infrastructure of(RedisSetup redis, EmbeddedDatabase database) {
        return new Infrastructure(
                redis,
                "127.0.0.1:" + database.port(),
                EmbeddedDatabase.DATABASE,
                EmbeddedDatabase.USER,
                EmbeddedDatabase.PASSWORD);
    }

    /** @param databaseUrl {@code postgresql://user:password@host:port/db} */
    public static Infrastructure fromUrls(String redisUrl, String databaseUrl) {
        URI uri = URI.create(databaseUrl);
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("DATABASE_URL must look like postgresql://user:password@host:port/db");
        }
        String userInfo = uri.getUserInfo() == null ? "postgres:" : uri.getUserInfo();
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        String password = colon < 0 ? "" : userInfo.substring(colon + 1);
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String database = uri.getPath() == null || uri.getPath().length() <= 1
                ? "postgres"
                : uri.getPath().substring(1);
        return new Infrastructure(
                RedisSetup.standalone(redisUrl), uri.getHost() + ":" + port, database, user, password);
    }

    /** The same database with another Redis topology. */
    public Infrastructure withRedis(RedisSetup setup) {
        return new Infrastructure(setup, databaseHostPort, databaseName, databaseUser, databasePassword);
    }

    /** {@code QUARKUS_REDIS_HOSTS}: the one Redis, the first shard, or the cluster's seeds. */
    public String redisUrl() {
        return redis.hosts();
    }

    public String reactiveDatabaseUrl() {
        return "postgresql://" + databaseHostPort + "/" + databaseName;
    }

    public String jdbcDatabaseUrl() {
        return "jdbc:postgresql://" + databaseHostPort + "/" + databaseName;
    }
}
