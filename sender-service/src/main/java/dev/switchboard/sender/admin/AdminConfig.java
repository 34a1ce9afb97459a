package dev.switchboard.sender.admin;

import io.smallrye.config.ConfigMapping;

/** switchboard.admin.*: the operator API under /api/v1/admin. Meanings in application.properties. */
@ConfigMapping(prefix = "switchboard.admin")
public interface AdminConfig {

    boolean enabled();

    /** Most messages one re-publish call writes to the outbox. */
    int republishMaxMessages();
}
