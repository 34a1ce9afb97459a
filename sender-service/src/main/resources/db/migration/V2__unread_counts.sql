-- Each member's unread count, kept exact by every transaction that changes it while holding the chat row lock
-- (send: +1 for the others, 0 for the sender; read: recounted after the new mark; delete: -1 where it was unread).
-- Stored rather than counted per request: a send to a chat of 1,000 members would otherwise count every member's
-- unread messages, and the chat list and GET /api/v1/unread would count them on every read.
ALTER TABLE chat_members ADD COLUMN unread_count bigint NOT NULL DEFAULT 0;

-- The rule, for rows written before this column existed: messages above the read mark, from someone else, not deleted.
UPDATE chat_members m
   SET unread_count = (SELECT count(*) FROM messages x
                        WHERE x.chat_id = m.chat_id AND x.seq > m.last_read_seq
                          AND x.sender_id <> m.user_id AND NOT x.deleted);
