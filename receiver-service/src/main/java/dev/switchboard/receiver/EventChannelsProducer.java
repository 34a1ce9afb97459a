package dev.switchboard.receiver;

import dev.switchboard.events.EventChannels;
import dev.switchboard.events.Partitions;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The deployment's channel names and partitions, built once from {@code switchboard.channel-prefix} and
 * {@code switchboard.partitions}: what the subscription listens on and what typing and presence publish on.
 */
public class EventChannelsProducer {

    @Produces
    @Singleton
    EventChannels channels(ReceiverConfig config) {
        return new EventChannels(config.channelPrefix(), new Partitions(config.partitions()));
    }
}
