package dev.switchboard.it.testing;

import dev.switchboard.localstack.ServiceProcess;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The clients of a test class against a cluster: one dev token per user (made once), and every socket it opened. */
public final class ClusterClients implements AutoCloseable {

    private final SwitchboardCluster cluster;
    private final ApiClient api;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final List<SocketClient> sockets = new CopyOnWriteArrayList<>();

    public ClusterClients(SwitchboardCluster cluster, ApiClient api) {
        this.cluster = cluster;
        this.api = api;
    }

    public String token(String userId) {
        return tokens.computeIfAbsent(userId, user -> api.devToken(cluster.sender(0), user));
    }

    /** A socket of the user on that receiver, closed with the others. */
    public SocketClient connect(String userId, ServiceProcess receiver) {
        SocketClient socket = SocketClient.connect(userId, receiver, token(userId));
        sockets.add(socket);
        return socket;
    }

    @Override
    public void close() {
        sockets.forEach(SocketClient::close);
    }
}
