-- Delivery receipts (issue 15). A member's delivered mark: every message up to it reached one of their clients. Read
-- implies delivered, so the mark that counts is GREATEST(last_delivered_seq, last_read_seq) (receipt.ReceiptRule):
-- reads, sends and joins move the read mark only, and existing rows need no back-fill.
ALTER TABLE chat_members ADD COLUMN last_delivered_seq bigint NOT NULL DEFAULT 0;

-- Coalescing in large chats: the members whose marks moved since the chat's last receipt event, and when that chat's
-- next event is due. Written under the chat row lock by the mark's transaction, emptied under it by the flush, so
-- every change is either in the event a flush publishes or still waiting for the next one.
CREATE TABLE receipt_change (
    chat_id uuid NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
    user_id text NOT NULL,
    PRIMARY KEY (chat_id, user_id)
);

CREATE TABLE receipt_flush (
    chat_id uuid        PRIMARY KEY REFERENCES chats (id) ON DELETE CASCADE,
    due_at  timestamptz NOT NULL
);
CREATE INDEX receipt_flush_due ON receipt_flush (due_at);
