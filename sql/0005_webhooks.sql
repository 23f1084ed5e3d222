-- Signed webhooks: endpoints a portal client registers, and one delivery per (endpoint, outbox event).
-- The sender fans new outbox events out into deliveries, then delivers them; every replica can run it,
-- since both steps claim rows with FOR UPDATE SKIP LOCKED. See docs/webhooks.md.

CREATE TABLE webhook_endpoints (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id    text NOT NULL UNIQUE,
    client_id    bigint NOT NULL REFERENCES api_clients(id),
    url          text NOT NULL CHECK (length(url) BETWEEN 1 AND 2048),
    -- Event types wanted (`job.delivered`, …); empty means every type.
    event_types  text[] NOT NULL DEFAULT '{}',
    -- HMAC-SHA256 key; shown once on creation, replaced (and shown once) by rotation.
    secret       text NOT NULL,
    active       boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      integer NOT NULL DEFAULT 1
);
CREATE INDEX webhook_endpoints_client ON webhook_endpoints (client_id, id);

-- Fan-out progress: null until the event's deliveries exist.
ALTER TABLE outbox_events ADD COLUMN fanned_out_at timestamptz;
CREATE INDEX outbox_events_not_fanned_out ON outbox_events (id) WHERE fanned_out_at IS NULL;
CREATE INDEX outbox_events_job_not_fanned_out ON outbox_events (job_id, id) WHERE fanned_out_at IS NULL;

CREATE TABLE webhook_deliveries (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id        text NOT NULL UNIQUE,
    endpoint_id      bigint NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
    outbox_event_id  bigint NOT NULL REFERENCES outbox_events(id),
    -- Copied from the event: a job's deliveries to one endpoint go out in event order.
    job_id           bigint,
    status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts         integer NOT NULL DEFAULT 0,
    -- Due time while pending; pushed past the HTTP timeout while an attempt is in flight (a lease).
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    -- Start of the retry window (creation, or the last replay).
    retry_from       timestamptz NOT NULL DEFAULT now(),
    last_attempt_at  timestamptz,
    last_status_code integer,
    last_error       text,
    delivered_at     timestamptz,
    dead_at          timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (endpoint_id, outbox_event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_job_pending ON webhook_deliveries (endpoint_id, job_id, outbox_event_id) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_endpoint_status ON webhook_deliveries (endpoint_id, status, id);
