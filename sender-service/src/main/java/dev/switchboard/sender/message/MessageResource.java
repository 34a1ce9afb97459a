package dev.switchboard.sender.message;

import dev.switchboard.events.Message;
import dev.switchboard.sender.LimitsConfig;
import dev.switchboard.sender.auth.Caller;
import dev.switchboard.sender.chat.ChatIds;
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
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** {@code /api/v1/chats/{chatId}/messages}: send a message, page through history. */
@Path("/api/v1/chats/{chatId}/messages")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    private final MessageService messages;
    private final NewMessageValidator validator;
    private final LimitsConfig limits;

    public MessageResource(MessageService messages, NewMessageValidator validator, LimitsConfig limits) {
        this.messages = messages;
        this.validator = validator;
        this.limits = limits;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Message>> send(@RestPath String chatId, SendMessageRequest request,
                                           @RestHeader(NewMessageValidator.ORIGIN_HEADER) String originConnectionId,
                                           @Context SecurityContext security) {
        String senderId = Caller.userId(security);
        NewMessage message = validator.validate(request, originConnectionId);
        return messages.send(ChatIds.parse(chatId), senderId, message)
                .map(sent -> RestResponse.status(RestResponse.Status.CREATED, sent));
    }

    /** Query parameters arrive as strings so that a bad one is named in the 400, not rejected anonymously. */
    @GET
    public Uni<MessagePage> history(@RestPath String chatId, @RestQuery String afterSeq, @RestQuery String beforeSeq,
                                    @RestQuery String limit, @Context SecurityContext security) {
        String callerId = Caller.userId(security);
        PageRequest page = PageRequest.parse(afterSeq, beforeSeq, limit, limits.pageDefaultLimit(), limits.pageMaxLimit());
        return messages.page(ChatIds.parse(chatId), callerId, page);
    }
}
