package dev.switchboard.sender;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;

/** The configurable limits of the contract (switchboard.limits.*). */
@ConfigMapping(prefix = "switchboard.limits")
public interface LimitsConfig {

    /** Longest message content accepted, in UTF-8 bytes (413 beyond). */
    @WithDefault("16384")
    @Min(1)
    int contentMaxBytes();

    /** Longest chat name, in characters. */
    @WithDefault("200")
    @Min(1)
    int chatNameMaxLength();

    /** Most members a chat may have, creator included. */
    @WithDefault("1000")
    @Min(1)
    int chatMaxMembers();

    /** Longest clientMessageId, in characters. */
    @WithDefault("128")
    @Min(1)
    int clientMessageIdMaxLength();

    /** Page size when a request gives no limit: message history and the chat list (GET /api/v1/chats). */
    @WithDefault("50")
    @Min(1)
    int pageDefaultLimit();

    /** Largest page a request may ask for (limit=...): message history and the chat list. */
    @WithDefault("200")
    @Min(1)
    int pageMaxLimit();

    /**
     * Largest page of any list in bytes (estimated): a page ends at the limit or at this, whichever comes first, and
     * says there is more. At least a message at the content limit.
     */
    @WithDefault("1048576")
    @Min(65536)
    int pageMaxBytes();

    @AssertTrue(message = "switchboard.limits.page-default-limit must not be above switchboard.limits.page-max-limit")
    default boolean isDefaultPageWithinTheMaximum() {
        return pageDefaultLimit() <= pageMaxLimit();
    }
}
