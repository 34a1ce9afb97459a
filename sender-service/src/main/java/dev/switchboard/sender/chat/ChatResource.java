package dev.switchboard.sender.chat;

import dev.switchboard.events.Chat;
import dev.switchboard.sender.LimitsConfig;
import dev.switchboard.sender.QueryParameters;
import dev.switchboard.sender.auth.Caller;
import dev.switchboard.sender.membership.ChatIds;
import dev.switchboard.sender.membership.MemberCursor;
import dev.switchboard.sender.problem.ValidationErrors;
import dev.switchboard.sender.ratelimit.Action;
import dev.switchboard.sender.ratelimit.RateLimiter;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
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
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** {@code /api/v1/chats}: create a chat, list the caller's chats, read one, change one. */
@Path("/api/v1/chats")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chats")
public class ChatResource {

    private final ChatService chats;
    private final NewChatValidator validator;
    private final ChatChangeValidator changeValidator;
    private final LimitsConfig limits;
    private final RateLimiter limiter;

    public ChatResource(
            ChatService chats,
            NewChatValidator validator,
            ChatChangeValidator changeValidator,
            LimitsConfig limits,
            RateLimiter limiter) {
        this.limiter = limiter;
        this.chats = chats;
        this.validator = validator;
        this.changeValidator = changeValidator;
        this.limits = limits;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create a chat",
            description = "The caller is always a member, and the chat's owner; the others are members. Member ids are "
                    + "de-duplicated and sorted. historyVisibility (all by default, or sinceJoin) says "
                    + "what members added later may read of the history. Publishes chatAdded.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CreateChatRequest.class),
                            examples = @ExampleObject(name = "create", ref = "CreateChatRequest")))
    @APIResponse(
            responseCode = "201",
            description = "The chat; Location names it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Chat.class),
                            examples = @ExampleObject(name = "chat", ref = "Chat")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<RestResponse<Chat>> create(CreateChatRequest request, @Context SecurityContext security) {
        NewChat newChat = validator.validate(Caller.userId(security), request);
        return limiter.admit(Action.CHAT_CREATE, newChat.createdBy())
                .chain(() -> chats.create(newChat))
                .map(chat -> RestResponse.ResponseBuilder.<Chat>created(URI.create("/api/v1/chats/" + chat.id()))
                        .entity(chat)
                        .build());
    }

    /** Query parameters arrive as strings so that a bad one is named in the 400, not rejected anonymously. */
    @GET
    @Operation(
            summary = "List the caller's chats",
            description = "Latest activity first (a new message, a rename or a member change moves a chat to the "
                    + "front), each with its newest message (possibly a tombstone) and the caller's unread count. "
                    + "Paged by an opaque keyset cursor over (last activity, chat id): pass nextCursor back as "
                    + "cursor for the next page; nextCursor is null on the last page. A chat that has activity "
                    + "while a client pages moves to the first page.")
    @APIResponse(
            responseCode = "200",
            description = "One page of chats.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ChatList.class),
                            examples = @ExampleObject(name = "chats", ref = "ChatList")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<ChatList> list(
            @Parameter(
                            description = "Chats per page, 1 to 200 (switchboard.limits.page-max-limit); default 50.",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"),
                            example = "50")
                    @RestQuery
                    String limit,
            @Parameter(description = "The nextCursor of the previous page, unchanged; absent for the first page.")
                    @RestQuery
                    String cursor,
            @Context SecurityContext security) {
        String callerId = Caller.userId(security);
        ChatListRequest request =
                ChatListRequest.parse(limit, cursor, limits.pageDefaultLimit(), limits.pageMaxLimit());
        return chats.list(callerId, request);
    }

    @GET
    @Path("{chatId}/members")
    @Operation(
            summary = "Page through a chat's members",
            description = "In id order (byte order), for members of the chat only. Paged by an opaque cursor: pass "
                    + "nextCursor back as cursor; it is null on the last page. The chat list only counts members.")
    @APIResponse(
            responseCode = "200",
            description = "One page of members.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = MemberPage.class),
                            examples = @ExampleObject(name = "members", ref = "MemberPage")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<MemberPage> members(
            @RestPath String chatId,
            @Parameter(
                            description = "Members per page, 1 to 200 (switchboard.limits.page-max-limit); default 50.",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"),
                            example = "50")
                    @RestQuery
                    String limit,
            @Parameter(description = "The nextCursor of the previous page, unchanged; absent for the first page.")
                    @RestQuery
                    String cursor,
            @Context SecurityContext security) {
        ValidationErrors errors = new ValidationErrors();
        int size = QueryParameters.limit(limit, limits.pageDefaultLimit(), limits.pageMaxLimit(), errors);
        errors.throwIfAny();
        MemberCursor after = cursor == null || cursor.isBlank() ? null : MemberCursor.decode(cursor);
        return chats.members(ChatIds.parse(chatId), Caller.userId(security), after, size);
    }

    @GET
    @Path("{chatId}")
    @Operation(
            summary = "Read a chat",
            description = "Unknown chats and chats the caller is not a member of are both 404.")
    @APIResponse(
            responseCode = "200",
            description = "The chat.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Chat.class),
                            examples = @ExampleObject(name = "chat", ref = "Chat")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<Chat> get(@RestPath String chatId, @Context SecurityContext security) {
        return chats.get(ChatIds.parse(chatId), Caller.userId(security));
    }

    @PATCH
    @Path("{chatId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Rename a chat, add and remove members, set roles and the history visibility",
            description = "Every field is optional. Roles: owners may do everything; admins may rename, add "
                    + "members, remove members (not admins or owners) and set member/admin roles; members may "
                    + "only leave (remove themselves), which anyone may. When the last owner leaves or steps down, "
                    + "the longest-standing admin, else the longest-standing member, becomes owner. Only owners "
                    + "change historyVisibility (all: members added later read the whole history; sinceJoin: "
                    + "only what is sent after they joined). roles maps user ids (members, or users added by the "
                    + "same change) to owner, admin or member. Adding a member or removing a non-member changes "
                    + "nothing; naming a user in both lists is a 400. Added members start with nothing unread. "
                    + "Removed members get 404 on the chat from then on. Publishes chatUpdated (naming the caller "
                    + "as actorId) to the members before and after, unless nothing changed.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = UpdateChatRequest.class),
                            examples = @ExampleObject(name = "change", ref = "UpdateChatRequest")))
    @APIResponse(
            responseCode = "200",
            description = "The chat after the change.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Chat.class),
                            examples = @ExampleObject(name = "chat", ref = "ChangedChat")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "ChatChangeForbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<Chat> update(@RestPath String chatId, UpdateChatRequest request, @Context SecurityContext security) {
        String callerId = Caller.userId(security);
        ChatChange change = changeValidator.validate(request);
        UUID chat = ChatIds.parse(chatId);
        return limiter.admit(Action.CHAT_CHANGE, callerId).chain(() -> chats.update(chat, callerId, change));
    }
}
