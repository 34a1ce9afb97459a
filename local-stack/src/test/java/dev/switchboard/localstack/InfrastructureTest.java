package dev.switchboard.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InfrastructureTest {

    @Test
    void databaseUrlOfTheContractBecomesReactiveAndJdbcUrls() {
        Infrastructure infra =
                Infrastructure.fromUrls("redis://db:6379", "postgresql://app:s3cret@db.internal:6543/chat");
        assertEquals("app", infra.databaseUser());
        assertEquals("s3cret", infra.databasePassword());
        assertEquals("postgresql://db.internal:6543/chat", infra.reactiveDatabaseUrl());
        assertEquals("jdbc:postgresql://db.internal:6543/chat", infra.jdbcDatabaseUrl());
    }

    @Test
    void missingPortMeansTheDefault() {
        assertEquals(
                "jdbc:postgresql://db:5432/chat",
                Infrastructure.fromUrls("redis://r:6379", "postgresql://u:p@db/chat")
                        .jdbcDatabaseUrl());
    }

    @Test
    void otherSchemesAreRefused() {
        assertThrows(
                IllegalArgumentException.class, () -> Infrastructure.fromUrls("redis://r:6379", "mysql://u:p@db/chat"));
    }
}
