package dev.switchboard.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** The {@code data} payloads of the events whose data is not simply a {@link Message} or {@link Chat}. */
public final class EventData {

    private EventData() {}

    /** messageDeleted */
    public record MessageDeleted(UUID id, UUID chatId, long seq) {}

    /**
     * chatUpdated: the chat after the change, the members it lost, who made the change, and the roles it changed
     * (members who joined with a role other than member, members whose role changed, and an owner appointed because
     * the last one left or stepped down).
     */
    public record ChatUpdated(
            UUID id,
            String name,
            List<String> memberIds,
            String createdBy,
            Instant createdAt,
            long lastSeq,
            HistoryVisibility historyVisibility,
            List<String> removedMemberIds,
            String actorId,
            Map<String, MemberRole> roleChanges) {
        public static ChatUpdated of(
                Chat chat, List<String> removedMemberIds, String actorId, Map<String, MemberRole> roleChanges) {
            return new ChatUpdated(
                    chat.id(),
                    chat.name(),
                    chat.memberIds(),
                    chat.createdBy(),
                    chat.createdAt(),
                    chat.lastSeq(),
                    chat.historyVisibility(),
                    List.copyOf(removedMemberIds),
                    actorId,
                    new TreeMap<>(roleChanges));
        }
    }

    /** chatMessageNotification: what a notification shows, the message as a preview (the full one is messageAdded). */
    public record ChatMessageNotification(UUID chatId, String chatName, String senderId, MessagePreview message) {}

    /** messageUpdateForChatList: the chat's line in a chat list, its newest message as a preview. */
    public record ChatListUpdate(UUID chatId, long lastSeq, MessagePreview lastMessage) {}

    /**
     * unreadCountUpdated as published: one event carries the new count of every member whose count changed. Up to
     * {@link Audience#LISTED_AT_MOST} counts travel as {@code "counts":{...}}, more as {@code "packedCounts":"..."}
     * (lines {@code "<userId> <count>"}, {@link PackedText}).
     */
    @JsonSerialize(using = UnreadCountsWriter.class)
    @JsonDeserialize(using = UnreadCountsReader.class)
    public record UnreadCounts(UUID chatId, Map<String, Long> counts) {

        /** The counts of an unreadCountUpdated data tree, in either form. */
        public static Map<String, Long> countsOf(JsonNode data) {
            Map<String, Long> counts = new LinkedHashMap<>();
            JsonNode packed = data.get("packedCounts");
            if (packed != null && packed.isTextual()) {
                for (String line : PackedText.unpack(packed.asText())) {
                    int space = line.lastIndexOf(' ');
                    if (space <= 0) {
                        throw new IllegalArgumentException("packed count without a count");
                    }
                    counts.put(line.substring(0, space), Long.parseLong(line.substring(space + 1)));
                }
                return counts;
            }
            JsonNode listed = data.get("counts");
            if (listed == null || !listed.isObject()) {
                throw new IllegalArgumentException("unreadCountUpdated without counts");
            }
            listed.fields().forEachRemaining(e -> {
                if (!e.getValue().canConvertToLong()) {
                    throw new IllegalArgumentException("count of " + e.getKey() + " is not an integer");
                }
                counts.put(e.getKey(), e.getValue().asLong());
            });
            return counts;
        }
    }

    static final class UnreadCountsWriter extends JsonSerializer<UnreadCounts> {
        @Override
        public void serialize(UnreadCounts value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("chatId", value.chatId().toString());
            if (value.counts().size() > Audience.LISTED_AT_MOST) {
                gen.writeStringField("packedCounts", PackedText.pack(PackedText.countLines(value.counts())));
            } else {
                gen.writeObjectFieldStart("counts");
                for (Map.Entry<String, Long> e : value.counts().entrySet()) {
                    gen.writeNumberField(e.getKey(), e.getValue());
                }
                gen.writeEndObject();
            }
            gen.writeEndObject();
        }
    }

    static final class UnreadCountsReader extends JsonDeserializer<UnreadCounts> {
        @Override
        public UnreadCounts deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            try {
                return new UnreadCounts(UUID.fromString(node.path("chatId").asText()), UnreadCounts.countsOf(node));
            } catch (IllegalArgumentException e) {
                throw context.weirdStringException(
                        String.valueOf(node.get("chatId")), UnreadCounts.class, e.getMessage());
            }
        }
    }

    /** unreadCountUpdated as one client sees it: cut down to that client's own count. */
    public record UnreadCount(UUID chatId, String userId, long unreadCount) {}

    /** messageReadUpdated */
    public record ReadMark(UUID chatId, String userId, long lastReadSeq, Instant readAt) {}

    /**
     * messageDeliveredUpdated: a chat's receipt state after delivered or read marks moved. {@code deliveredToAllSeq}
     * and {@code readByAllSeq} are the lowest marks over all members (every message up to them reached, or was read
     * by, everyone: the ticks of a group, and of each message in a 1:1); {@code marks} are the members whose marks
     * moved, at most a configured number, {@code marksOmitted} how many more moved in a coalesced event.
     */
    public record Receipts(
            UUID chatId, long deliveredToAllSeq, long readByAllSeq, List<ReceiptMark> marks, int marksOmitted) {
        public Receipts {
            marks = List.copyOf(marks);
        }
    }

    /** One member's marks in a {@link Receipts} event: read implies delivered, so delivered is never below read. */
    public record ReceiptMark(String userId, long lastDeliveredSeq, long lastReadSeq) {}

    /**
     * typing: a member started typing ({@code typing} true; the indicator shows until {@code until} unless renewed)
     * or stopped ({@code typing} false, {@code until} null). Published by receivers, never stored, at most once.
     */
    public record Typing(UUID chatId, String userId, boolean typing, Instant until) {}

    /**
     * presenceChanged: a user went online (their first open connection on any receiver) or offline (their last one
     * closed, or its receiver stopped refreshing it). {@code lastSeenAt}: when they were last known online (for an
     * online event, now). Published by receivers on the user's partition channel; the envelope has no chat.
     */
    public record Presence(String userId, boolean online, Instant lastSeenAt) {}
}
