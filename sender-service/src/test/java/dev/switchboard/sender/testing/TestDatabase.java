package dev.switchboard.sender.testing;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Plain JDBC to the test database, outside the application's pools, to look at (and lock) what it wrote. */
public final class TestDatabase {

    private TestDatabase() {}

    public static Connection connect() {
        var config = ConfigProvider.getConfig();
        try {
            return DriverManager.getConnection(
                    config.getValue("quarkus.datasource.jdbc.url", String.class),
                    config.getValue("quarkus.datasource.username", String.class),
                    config.getValue("quarkus.datasource.password", String.class));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public record OutboxRecord(long id, String eventType, String payload, int attempts, String lastError) {}

    public static List<OutboxRecord> outbox(String chatId) {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT id, event_type, payload, attempts, last_error FROM outbox WHERE chat_id = ? ORDER BY id")) {
            s.setObject(1, UUID.fromString(chatId));
            List<OutboxRecord> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new OutboxRecord(
                            r.getLong(1), r.getString(2), r.getString(3), r.getInt(4), r.getString(5)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long queryLong(String sql, Object... params) {
        return querySingle(sql, params, r -> r.getLong(1));
    }

    public static String queryString(String sql, Object... params) {
        return querySingle(sql, params, r -> r.getString(1));
    }

    private static <T> T querySingle(String sql, Object[] params, Column<T> column) {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("no row for " + sql);
                }
                return column.read(r);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Column<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Runs a statement that returns nothing (bulk fixtures a test builds faster in SQL than through the API). */
    public static void execute(String sql, Object... params) {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean queryBoolean(String sql, Object... params) {
        return querySingle(sql, params, r -> r.getBoolean(1));
    }

    /**
     * Waits until the database clock has passed the chat's last activity by a millisecond (times are stored in
     * milliseconds), so that whatever happens next sorts strictly after it in the chat list.
     */
    public static void awaitClockPastActivityOf(String chatId) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> queryBoolean(
                        "SELECT clock_timestamp() >= last_activity_at + interval '1 millisecond' FROM chats WHERE id = ?",
                        UUID.fromString(chatId)));
    }
}
