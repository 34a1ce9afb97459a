package dev.switchboard.sender.message;

import dev.switchboard.events.Message;
import dev.switchboard.sender.LimitsConfig;
import dev.switchboard.sender.auth.Caller;
import dev.switchboard.sender.membership.ChatIds;
import dev.switchboard.sender.ratelimit.Action;
import dev.switchboard.sender.ratelimit.RateLimiter;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** {@code /api/v1/chats/{chatId}/messages}: send a message, page through history, edit and delete a message. */
@Path("/api/v1/chats/{chatId}/messages")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Messages")
public class MessageResource {

    private final MessageService messages;
    private final MessageEditor editor;
    private final NewMessageValidator validator;
    private final LimitsConfig limits;
    private final RateLimiter limiter;

    public MessageResource(
            MessageService messages,
            MessageEditor editor,
            NewMessageValidator validator,
            LimitsConfig limits,
            RateLimiter limiter) {
        this.limiter = limiter;
        this.messages = messages;
        this.editor = editor;
        this.validator = validator;
        this.limits = limits;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Send a message",
            description = "The message gets the chat's next seq and marks the chat read up to it for the sender. "
                    + "content is never interpreted (contentType text by default, or any short token such as "
                    + "ciphertext). With a clientMessageId the send is idempotent: a retry by the same sender in the "
                    + "same chat answers 200 with the original message and publishes nothing. Publishes "
                    + "messageAdded (not to the connection named by Switchboard-Origin-Connection), "
                    + "chatMessageNotification, messageUpdateForChatList and unreadCountUpdated.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SendMessageRequest.class),
                            examples = @ExampleObject(name = "send", ref = "SendMessageRequest")))
    @APIResponse(
            responseCode = "201",
            description = "The new message.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Message.class),
                            examples = @ExampleObject(name = "message", ref = "Message")))
    @APIResponse(
            responseCode = "200",
            description = "The original message: this sender already used this " + "clientMessageId in this chat.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Message.class),
                            examples = @ExampleObject(name = "message", ref = "Message")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "413", ref = "ContentTooLarge")
    public Uni<RestResponse<Message>> send(
            @RestPath String chatId,
            SendMessageRequest request,
            @Parameter(
                            description = "connectionId from the WebSocket welcome: that "
                                    + "one connection does not get the messageAdded echo.")
                    @RestHeader(NewMessageValidator.ORIGIN_HEADER)
                    String originConnectionId,
            @Context SecurityContext security) {
        String senderId = Caller.userId(security);
        NewMessage message = validator.validate(request, originConnectionId);
        UUID chat = ChatIds.parse(chatId);
        return limiter.admitSend(senderId, chat)
                .chain(() -> messages.send(chat, senderId, message))
                .invoke(sent -> {
                    if (sent.created()) {
                        limiter.sent(chat);
                    }
                })
                .map(sent -> RestResponse.status(
                        sent.created() ? RestResponse.Status.CREATED : RestResponse.Status.OK, sent.message()));
    }

    /** Query parameters arrive as strings so that a bad one is named in the 400, not rejected anonymously. */
    @GET
    @Operation(
            summary = "Page through a chat's history",
            description = "afterSeq: messages with a higher seq, ascending (catching up). beforeSeq: messages with a "
                    + "lower seq, newest first (scrolling back). Neither: from the first message. hasMore says "
                    + "another page lies further in the same direction. Deleted messages appear as tombstones.")
    @APIResponse(
            responseCode = "200",
            description = "One page of messages.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = MessagePage.class),
                            examples = @ExampleObject(name = "page", ref = "MessagePage")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<MessagePage> history(
            @RestPath String chatId,
            @Parameter(
                            description = "Messages with a seq above this one, ascending.",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "0"),
                            example = "0")
                    @RestQuery
                    String afterSeq,
            @Parameter(
                            description = "Messages with a seq below this one, newest first.",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "0"),
                            example = "100")
                    @RestQuery
                    String beforeSeq,
            @Parameter(
                            description = "Messages per page, 1 to 200; default 50.",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"),
                            example = "50")
                    @RestQuery
                    String limit,
            @Context SecurityContext security) {
        String callerId = Caller.userId(security);
        PageRequest page =
                PageRequest.parse(afterSeq, beforeSeq, limit, limits.pageDefaultLimit(), limits.pageMaxLimit());
        return messages.page(ChatIds.parse(chatId), callerId, page);
    }

    @PATCH
    @Path("{messageId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Edit a message",
            description = "Author only. Replaces content (contentType stays) and sets editedAt. A deleted message "
                    + "cannot be edited: 409. Publishes messageUpdated, and messageUpdateForChatList when it is the "
                    + "chat's newest message.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = EditMessageRequest.class),
                            examples = @ExampleObject(name = "edit", ref = "EditMessageRequest")))
    @APIResponse(
            responseCode = "200",
            description = "The message after the edit.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Message.class),
                            examples = @ExampleObject(name = "message", ref = "EditedMessage")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "413", ref = "ContentTooLarge")
    public Uni<Message> edit(
            @RestPath String chatId,
            @RestPath String messageId,
            EditMessageRequest request,
            @Context SecurityContext security) {
        String callerId = Caller.userId(security);
        String content = validator.validateEdit(request);
        return limiter.admit(Action.EDIT, callerId)
                .chain(() -> editor.edit(ChatIds.parse(chatId), messageId, callerId, content));
    }

    @DELETE
    @Path("{messageId}")
    @Operation(
            summary = "Delete a message",
            description = "Author only. The message stays in the history as a tombstone (deleted true, content "
                    + "null) and stops counting as unread. Deleting it again is a 204 that publishes nothing. "
                    + "Publishes messageDeleted, messageUpdateForChatList when it is the chat's newest message, and "
                    + "unreadCountUpdated for the members who had not read it.")
    @APIResponse(responseCode = "204", description = "Deleted (or already deleted).")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<Void> delete(@RestPath String chatId, @RestPath String messageId, @Context SecurityContext security) {
        String callerId = Caller.userId(security);
        UUID chat = ChatIds.parse(chatId);
        return limiter.admit(Action.DELETE, callerId).chain(() -> editor.delete(chat, messageId, callerId));
    }
}
