package dev.switchboard.receiver.delivery;

import dev.switchboard.events.EventCodec;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One codec (and so one ObjectMapper) for the whole instance: decoding events and encoding client frames. */
public class EventCodecProducer {

    @Produces
    @Singleton
    EventCodec eventCodec() {
        return new EventCodec();
    }
}
