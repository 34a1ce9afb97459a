-- Roles (owner, admin, member) and what a joining member may read of the history before them.

ALTER TABLE chats ADD COLUMN history_visibility text NOT NULL DEFAULT 'all'
    CONSTRAINT chats_history_visibility CHECK (history_visibility IN ('all', 'sinceJoin'));

ALTER TABLE chat_members ADD COLUMN role text NOT NULL DEFAULT 'member'
    CONSTRAINT chat_members_role CHECK (role IN ('owner', 'admin', 'member'));

-- The chat's last seq when the member joined: with history_visibility 'sinceJoin' they read only the messages above
-- it. Members from before this migration joined at 0 (they could read everything, and still can).
ALTER TABLE chat_members ADD COLUMN joined_seq bigint NOT NULL DEFAULT 0;

-- The creator owns the chat; where the creator has left, the longest-standing member does.
UPDATE chat_members m SET role = 'owner'
  FROM chats c
 WHERE c.id = m.chat_id AND m.user_id = c.created_by;

UPDATE chat_members m SET role = 'owner'
 WHERE (m.chat_id, m.user_id) IN (
        SELECT DISTINCT ON (o.chat_id) o.chat_id, o.user_id
          FROM chat_members o
         WHERE NOT EXISTS (SELECT 1 FROM chat_members w WHERE w.chat_id = o.chat_id AND w.role = 'owner')
         ORDER BY o.chat_id, o.joined_at, o.user_id COLLATE "C");
