package dev.switchboard.sender.chat;

import dev.switchboard.events.Chat;
import dev.switchboard.sender.auth.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;

/** {@code /api/v1/chats}: create a chat, read one. */
@Path("/api/v1/chats")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ChatResource {

    private final ChatService chats;
    private final NewChatValidator validator;

    public ChatResource(ChatService chats, NewChatValidator validator) {
        this.chats = chats;
        this.validator = validator;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Chat>> create(CreateChatRequest request, @Context SecurityContext security) {
        NewChat newChat = validator.validate(Caller.userId(security), request);
        return chats.create(newChat)
                .map(chat -> RestResponse.ResponseBuilder.<Chat>created(URI.create("/api/v1/chats/" + chat.id()))
                        .entity(chat).build());
    }

    @GET
    @Path("{chatId}")
    public Uni<Chat> get(@RestPath String chatId, @Context SecurityContext security) {
        return chats.get(ChatIds.parse(chatId), Caller.userId(security));
    }
}
