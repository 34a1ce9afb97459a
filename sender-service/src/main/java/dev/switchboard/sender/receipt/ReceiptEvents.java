package dev.switchboard.sender.receipt;

import dev.switchboard.events.Audience;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventData;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds messageDeliveredUpdated, to every member of the chat. */
@ApplicationScoped
public class ReceiptEvents {

    private final EventCodec codec;

    public ReceiptEvents(EventCodec codec) {
        this.codec = codec;
    }

    public EventEnvelope messageDeliveredUpdated(
            UUID chatId,
            ReceiptTicks ticks,
            List<EventData.ReceiptMark> marks,
            int marksOmitted,
            List<String> memberIds,
            Instant at) {
        return codec.envelope(
                EventType.MESSAGE_DELIVERED_UPDATED,
                chatId,
                at,
                Audience.of(memberIds),
                new EventData.Receipts(chatId, ticks.deliveredToAllSeq(), ticks.readByAllSeq(), marks, marksOmitted));
    }
}
