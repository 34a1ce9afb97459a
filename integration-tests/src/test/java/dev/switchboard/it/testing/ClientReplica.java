package dev.switchboard.it.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.localstack.ServiceProcess;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a well-behaved client ends up holding for one chat: the messages pushed to it, de-duplicated by id, plus what
 * it reads back from history after the last contiguous seq it holds (which is what the contract asks of a client
 * after a {@code resync} or a reconnect).
 */
public final class ClientReplica {

    private final SortedMap<Long, String> idBySeq = new TreeMap<>();

    /** Adds messages; a second, different id for the same seq is a contract violation. */
    public void add(Iterable<JsonNode> messages) {
        for (JsonNode message : messages) {
            long seq = message.path("seq").asLong();
            String id = message.path("id").asText();
            String previous = idBySeq.putIfAbsent(seq, id);
            if (previous != null && !previous.equals(id)) {
                throw new AssertionError("seq " + seq + " carried two message ids: " + previous + " and " + id);
            }
        }
    }

    public long contiguousUpTo() {
        long expected = 1;
        for (long seq : idBySeq.keySet()) {
            if (seq != expected) {
                break;
            }
            expected++;
        }
        return expected - 1;
    }

    /** Reads history after the last contiguous seq until the server says there is no more. */
    public void catchUp(ApiClient api, ServiceProcess sender, String token, String chatId) {
        boolean more = true;
        while (more) {
            JsonNode page = api.history(sender, token, chatId, contiguousUpTo(), 200);
            add(page.path("messages"));
            more = page.path("hasMore").asBoolean();
        }
    }

    /** True when this replica holds exactly the seqs 1..n, each once. */
    public boolean holdsExactly(long n) {
        return idBySeq.size() == n && (n == 0 || idBySeq.lastKey() == n) && contiguousUpTo() == n;
    }

    public Map<Long, String> view() {
        return idBySeq;
    }
}
