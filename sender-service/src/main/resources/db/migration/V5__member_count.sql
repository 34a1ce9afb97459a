-- How many members each chat has, kept by every change of its members (under the chat row lock), so that the chat
-- list shows a count instead of every member id, without counting rows per chat per page.
ALTER TABLE chats ADD COLUMN member_count integer NOT NULL DEFAULT 0;

UPDATE chats c SET member_count = (SELECT count(*) FROM chat_members m WHERE m.chat_id = c.id);
