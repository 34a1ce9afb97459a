-- Outbox rows the relay gave up on: Redis refused the row itself switchboard.outbox.max-attempts times (never
-- because Redis was down). Moved here, out of the relay's way, so later rows keep flowing; an operator lists them
-- and moves one back with the admin API (GET/POST /api/v1/admin/outbox/dead-letters...).
CREATE TABLE outbox_dead_letter (
    -- The row's id in the outbox when it was given up.
    id               bigint      PRIMARY KEY,
    chat_id          uuid        NOT NULL,
    event_type       text        NOT NULL,
    payload          text        NOT NULL,
    created_at       timestamptz NOT NULL,
    attempts         integer     NOT NULL,
    last_error       text,
    dead_lettered_at timestamptz NOT NULL DEFAULT now()
);

-- From this version on, outbox.attempts counts only failures attributable to the row (Redis refused that PUBLISH);
-- a Redis outage records last_error but no attempt. Counts from before meant something else: start over.
UPDATE outbox SET attempts = 0 WHERE attempts <> 0;
