-- Chats, their members, their messages, and the transactional outbox of events.

CREATE TABLE chats (
    id               uuid        PRIMARY KEY,
    name             text        NOT NULL,
    created_by       text        NOT NULL,
    created_at       timestamptz NOT NULL,
    -- Seq of the newest message. Each send bumps it under the row lock, which also serialises a chat's sends.
    last_seq         bigint      NOT NULL DEFAULT 0,
    last_activity_at timestamptz NOT NULL
);

CREATE TABLE chat_members (
    chat_id       uuid        NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
    user_id       text        NOT NULL,
    last_read_seq bigint      NOT NULL DEFAULT 0,
    joined_at     timestamptz NOT NULL,
    PRIMARY KEY (chat_id, user_id)
);

-- "The chats of this user" (chat list, unread totals).
CREATE INDEX chat_members_by_user ON chat_members (user_id);

CREATE TABLE messages (
    id                uuid        PRIMARY KEY,
    chat_id           uuid        NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
    seq               bigint      NOT NULL,
    sender_id         text        NOT NULL,
    -- Null for a deleted message (tombstone). Never interpreted by the server: may be ciphertext.
    content           text,
    content_type      text        NOT NULL,
    client_message_id text,
    created_at        timestamptz NOT NULL,
    edited_at         timestamptz,
    deleted           boolean     NOT NULL DEFAULT false,
    -- Also the index that history paging (chat_id, seq > / < n) walks.
    CONSTRAINT messages_chat_seq UNIQUE (chat_id, seq)
);

-- One message per (chat, sender, clientMessageId): the base of idempotent sends.
CREATE UNIQUE INDEX messages_client_message_id
    ON messages (chat_id, sender_id, client_message_id)
    WHERE client_message_id IS NOT NULL;

-- Events committed with the domain rows, published to Redis by the outbox relay, then deleted.
-- No foreign key to chats: the outbox must never hold up or be held up by domain deletes.
CREATE TABLE outbox (
    id         bigserial   PRIMARY KEY,
    chat_id    uuid        NOT NULL,
    event_type text        NOT NULL,
    -- The full envelope as the codec wrote it; text (not jsonb) so the published bytes are exactly these.
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    attempts   integer     NOT NULL DEFAULT 0,
    last_error text
);
