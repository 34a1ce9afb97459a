package dev.switchboard.sender.json;

import dev.switchboard.events.EventCodec;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The codec events are encoded with. Its own mapper rather than Quarkus' one so that nothing configured for the
 * REST layer (quarkus.jackson.*) can change the wire format that the golden files pin.
 */
public class EventCodecProducer {

    @Produces
    @Singleton
    EventCodec eventCodec() {
        return new EventCodec();
    }
}
