package dev.switchboard.sender.outbox;

import dev.switchboard.events.EventChannels;
import dev.switchboard.events.Partitions;
import dev.switchboard.sender.SenderConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The deployment's partitions and channel names, built once (the tag table takes a moment) and shared. */
public class Partitioning {

    @Produces
    @Singleton
    Partitions partitions(SenderConfig config) {
        return new Partitions(config.partitions());
    }

    @Produces
    @Singleton
    EventChannels channels(SenderConfig config, Partitions partitions) {
        return new EventChannels(config.channelPrefix(), partitions);
    }
}
