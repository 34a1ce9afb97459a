package dev.switchboard.sender.admin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/** switchboard.admin.*: the operator API under /api/v1/admin (re-publish, dead letters). */
@ConfigMapping(prefix = "switchboard.admin")
public interface AdminConfig {

    /** Off: every path under /api/v1/admin answers 404. */
    @WithDefault("false")
    boolean enabled();

    /** Most messages one re-publish call queues; the answer's nextFromSeq says where to go on. */
    @WithDefault("10000")
    @Min(1)
    int republishMaxMessages();
}
