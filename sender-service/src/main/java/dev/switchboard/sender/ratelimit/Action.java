package dev.switchboard.sender.ratelimit;

/** What a limit counts; each has its own bucket per user, or per chat for {@link #CHAT_SEND}. */
public enum Action {
    SEND("send"),
    CHAT_SEND("chat_send"),
    EDIT("edit"),
    DELETE("delete"),
    READ("read"),
    DELIVERED("delivered"),
    CHAT_CREATE("chat_create"),
    CHAT_CHANGE("chat_change");

    private final String label;

    Action(String label) {
        this.label = label;
    }

    /** The metric tag and Redis key part. */
    public String label() {
        return label;
    }

    Limit limit(RateLimitConfig config) {
        return switch (this) {
            case SEND -> new Limit(config.sendPerMinute(), config.sendBurst());
            case CHAT_SEND -> new Limit(config.chatSendPerMinute(), config.chatSendBurst());
            case EDIT -> new Limit(config.editPerMinute(), config.editBurst());
            case DELETE -> new Limit(config.deletePerMinute(), config.deleteBurst());
            case READ -> new Limit(config.readPerMinute(), config.readBurst());
            case DELIVERED -> new Limit(config.deliveredPerMinute(), config.deliveredBurst());
            case CHAT_CREATE -> new Limit(config.chatCreatePerMinute(), config.chatCreateBurst());
            case CHAT_CHANGE -> new Limit(config.chatChangePerMinute(), config.chatChangeBurst());
        };
    }
}
