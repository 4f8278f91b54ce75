-- Webhooks: subscriptions, and a transactional outbox of deliveries with every attempt.

-- A subscriber. Secrets are stored encrypted (AES-256-GCM, key outside the database; see
-- Webhooks/WebhookSecrets.cs): the server must recover them to sign, so they cannot be hashed.
CREATE TABLE webhooks (
    id                     INTEGER PRIMARY KEY,
    url                    TEXT    NOT NULL,
    description            TEXT,
    events                 TEXT    NOT NULL CHECK (json_valid(events) AND json_type(events) = 'array'),
    enabled                INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    disabled_reason        TEXT,
    secret                 TEXT    NOT NULL,
    previous_secret        TEXT,              -- still signs, beside the new one, until previous_secret_until
    previous_secret_until  TEXT,
    consecutive_failures   INTEGER NOT NULL DEFAULT 0,  -- deliveries given up in a row; a success resets it
    created_at             TEXT    NOT NULL,
    updated_at             TEXT    NOT NULL,
    version                INTEGER NOT NULL DEFAULT 1
) STRICT;

-- The outbox: one row per event and subscription that asked for it, inserted by the audit log in the
-- transaction of the change, so a delivery exists if and only if its change committed. The id orders
-- them: per (webhook, resource) a delivery waits until every earlier one is no longer pending.
CREATE TABLE webhook_deliveries (
    id              INTEGER PRIMARY KEY,
    webhook_id      INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id        TEXT    NOT NULL,          -- msg_<audit entry>: the webhook-id header, the same on every retry and redelivery
    event_type      TEXT    NOT NULL,          -- claim.created, review.deleted, …
    resource_id     TEXT    NOT NULL,          -- clm_3: deliveries of one resource keep their order
    payload         TEXT    NOT NULL CHECK (json_valid(payload)),  -- the exact body that is signed and sent
    created_at      TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,                      -- null once delivered or failed
    redelivery_of   INTEGER REFERENCES webhook_deliveries (id) ON DELETE SET NULL
) STRICT;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_by_resource ON webhook_deliveries (webhook_id, resource_id, id) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, id);

-- Every try of a delivery: when, how long, what the receiver answered or what went wrong.
CREATE TABLE webhook_attempts (
    id              INTEGER PRIMARY KEY,
    delivery_id     INTEGER NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempted_at    TEXT    NOT NULL,
    duration_ms     INTEGER NOT NULL,
    response_status INTEGER,                   -- null when no response came (timeout, refused connection)
    error           TEXT,
    succeeded       INTEGER NOT NULL CHECK (succeeded IN (0, 1))
) STRICT;
CREATE INDEX webhook_attempts_by_delivery ON webhook_attempts (delivery_id, id);
