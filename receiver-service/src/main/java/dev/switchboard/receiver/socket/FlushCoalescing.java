package dev.switchboard.receiver.socket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * Turns the flushes of one event-loop turn into one flush (one system call) per connection.
 * <p>
 * Vert.x flushes after every write made outside a read of the same connection, and every delivered frame is such a
 * write. When the loop is busy, several events' frames for a connection are written in one turn (see
 * EventLoopHandOff); a flush each would cost a system call each. Netty's {@link FlushConsolidationHandler}, first in
 * the pipeline so that every flush passes it, holds flushes back to the end of the turn (or until
 * {@link #FLUSH_AT_LATEST} are pending, so a long backlog still goes out in steady portions), and during a read
 * to the read's end, as Vert.x itself does. Nothing waits on a timer: the deferred flush is the next task on the
 * same loop.
 */
final class FlushCoalescing {

    static final String HANDLER_NAME = "switchboard-flush-coalescing";
    /** Pending flushes after which the handler flushes anyway. */
    static final int FLUSH_AT_LATEST = 64;

    private FlushCoalescing() {}

    /** Installs the handler once; a second call (or a channel already closed) leaves the pipeline as it is. */
    static void install(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(HANDLER_NAME) == null) {
            try {
                pipeline.addFirst(HANDLER_NAME, new FlushConsolidationHandler(FLUSH_AT_LATEST, true));
            } catch (IllegalArgumentException raced) {
                // installed meanwhile: names are unique per pipeline
            }
        }
    }
}
