package dev.switchboard.sender.testing;

import dev.switchboard.events.EventCodec;
import io.quarkus.arc.Arc;
import io.vertx.mutiny.core.Vertx;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where most event tests start: an {@link EventLog} subscribed before anything happens, fresh users (ids no other
 * test uses) and, if asked, a chat of them all created by the first. Open it in {@code @BeforeEach}, close it in
 * {@code @AfterEach}.
 */
public final class ChatScene implements AutoCloseable {

    private final EventLog events;
    private final Map<String, String> users;
    private final String chatId;

    private ChatScene(EventLog events, Map<String, String> users, String chatId) {
        this.events = events;
        this.users = users;
        this.chatId = chatId;
    }

    /** Subscribed, with these users (by name: "alice" becomes "alice-1a2b3c4d"); no chat. */
    public static ChatScene withUsers(String... names) {
        EventLog events = EventLog.subscribe(
                Arc.container().instance(Vertx.class).get(),
                Arc.container().instance(EventCodec.class).get());
        Map<String, String> users = new LinkedHashMap<>();
        for (String name : names) {
            users.put(name, Api.user(name));
        }
        return new ChatScene(events, users, null);
    }

    /** Subscribed, with these users and a chat of them all, created by the first. */
    public static ChatScene withChat(String creator, String... members) {
        ChatScene scene = withUsers(concat(creator, members));
        String chatId = Api.createChat(
                scene.user(creator), Arrays.stream(members).map(scene::user).toArray(String[]::new));
        return new ChatScene(scene.events, scene.users, chatId);
    }

    public EventLog events() {
        return events;
    }

    /** The id of the user made for this name. */
    public String user(String name) {
        String id = users.get(name);
        if (id == null) {
            throw new IllegalArgumentException("no user " + name + " in this scene, only " + users.keySet());
        }
        return id;
    }

    public String chatId() {
        if (chatId == null) {
            throw new IllegalStateException("this scene has no chat: use withChat");
        }
        return chatId;
    }

    @Override
    public void close() {
        events.close();
    }

    private static String[] concat(String first, String... rest) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }
}
