package dev.switchboard.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The one JSON codec of the contract. Both services use it (and configure their framework's ObjectMapper
 * through {@link #configure}) so that the REST answers and the events print times and ids the same way.
 */
public final class EventCodec {

    /** ISO-8601 UTC with exactly three fraction digits, as the contract requires. */
    public static final DateTimeFormatter TIME_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper;

    public EventCodec() {
        this(configure(new ObjectMapper()));
    }

    public EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Applies the contract's JSON conventions to an existing mapper (for example Quarkus' own). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        SimpleModule times = new SimpleModule("switchboard-times");
        times.addSerializer(Instant.class, new MillisInstantSerializer());
        return mapper.registerModule(new JavaTimeModule())
                .registerModule(times)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Builds an envelope with a fresh time-ordered id; {@code data} is any payload record of the contract. */
    public EventEnvelope envelope(EventType type, UUID chatId, Instant occurredAt, Audience audience, Object data) {
        return new EventEnvelope(
                EventEnvelope.VERSION,
                TimeOrderedIds.next(),
                type,
                chatId,
                occurredAt.truncatedTo(ChronoUnit.MILLIS),
                audience,
                toTree(data));
    }

    public JsonNode toTree(Object value) {
        return mapper.valueToTree(value);
    }

    public String encode(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] encodeToBytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @throws InvalidEventException when the payload is not JSON, lacks a field of the envelope, names an
     *                               unknown event type or has a version this codec does not understand
     */
    public EventEnvelope decode(String json) {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #decode(String)} of UTF-8 bytes, as they come off the wire. */
    public EventEnvelope decode(byte[] json) {
        return decode(json, 0, json.length);
    }

    /** {@link #decode(String)} of {@code length} UTF-8 bytes from {@code offset}. */
    public EventEnvelope decode(byte[] json, int offset, int length) {
        EventEnvelope envelope;
        try {
            envelope = mapper.readValue(json, offset, length, EventEnvelope.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidEventException("cannot decode event: " + e.getMessage(), e);
        }
        return checked(envelope);
    }

    /** Reads only what decides whether anyone wants an encoded envelope ({@link EnvelopeGlance}). */
    public EnvelopeGlance glance() {
        return new EnvelopeGlance(mapper.getFactory());
    }

    private static EventEnvelope checked(EventEnvelope envelope) {
        if (envelope.v() != EventEnvelope.VERSION) {
            throw new InvalidEventException("unsupported event version " + envelope.v(), null);
        }
        if (envelope.id() == null
                || envelope.type() == null
                || envelope.occurredAt() == null
                || envelope.audience() == null
                || envelope.data() == null) {
            throw new InvalidEventException("event lacks id, type, occurredAt, audience or data", null);
        }
        return envelope;
    }

    public <T> T dataAs(EventEnvelope envelope, Class<T> type) {
        try {
            return mapper.treeToValue(envelope.data(), type);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(
                    "cannot read data of " + envelope.type().wireName() + ": " + e.getMessage(), e);
        }
    }

    public static String formatTime(Instant instant) {
        return TIME_FORMAT.format(instant);
    }

    /** Thrown for a payload that is not an event of this contract version. */
    public static final class InvalidEventException extends RuntimeException {
        public InvalidEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final class MillisInstantSerializer extends StdSerializer<Instant> {
        MillisInstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(TIME_FORMAT.format(value));
        }
    }
}
