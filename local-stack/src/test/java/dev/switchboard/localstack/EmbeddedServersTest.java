package dev.switchboard.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedServersTest {

    @Test
    void redisAnswersPingAndComesBackOnTheSamePortAfterARestart() throws Exception {
        try (EmbeddedRedis redis = EmbeddedRedis.startOnFreePort()) {
            assertEquals("+PONG", ping(redis.port()));
            redis.stop();
            redis.start();
            assertEquals("+PONG", ping(redis.port()));
        }
    }

    @Test
    void postgresKeepsItsRowsAcrossARestart() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.startOnFreePort()) {
            try (Connection c = DriverManager.getConnection(
                            db.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (x int)");
                s.execute("INSERT INTO t VALUES (7)");
            }
            db.stop();
            db.start();
            try (Connection c = DriverManager.getConnection(
                            db.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT x FROM t")) {
                assertTrue(rs.next());
                assertEquals(7, rs.getInt(1));
            }
        }
    }

    private static String ping(int port) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }
}
