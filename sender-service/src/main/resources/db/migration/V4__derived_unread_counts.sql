-- Unread counts are derived instead of stored per member: a send no longer touches every member's row.
--
--   unread = chats.last_seq - chat_members.last_read_seq - chat_members.uncounted_above_mark
--
-- Every message above a member's mark is unread for them except those that do not count: deleted ones from
-- others (own messages are never above the mark: a send moves its sender's mark to it, a joining member's mark
-- starts at last_seq, and marks never move back). So a send writes one member row (the sender's) instead of all of
-- them, which in a 1,000-member chat took ~15 ms under the chat row lock and left 1,000 dead row versions behind.
-- A delete adds 1 for the members who had not read the message; a read recounts the deleted messages above the new
-- mark (walking messages_deleted, usually no row).
ALTER TABLE chat_members ADD COLUMN uncounted_above_mark bigint NOT NULL DEFAULT 0;

-- Taken from the stored counts, so that every count reads the same after this migration as before it.
UPDATE chat_members m
   SET uncounted_above_mark = c.last_seq - m.last_read_seq - m.unread_count
  FROM chats c
 WHERE c.id = m.chat_id;

ALTER TABLE chat_members DROP COLUMN unread_count;

CREATE INDEX messages_deleted ON messages (chat_id, seq) WHERE deleted;
