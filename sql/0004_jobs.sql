-- Jobs (one pickup or one result delivery), their history, and the transactional outbox.

CREATE TABLE jobs (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id         text NOT NULL UNIQUE,
    client_id         bigint REFERENCES api_clients(id),
    kind              text NOT NULL CHECK (kind IN ('pickup_dossier', 'deliver_result')),
    state             text NOT NULL,
    version           integer NOT NULL DEFAULT 1,
    -- pickup_and_return: the dossier job and the result job point at each other.
    linked_job_id     bigint REFERENCES jobs(id),
    office_id         bigint NOT NULL REFERENCES post_offices(id),
    dossier_code      text,
    channel           text NOT NULL,
    field             text NOT NULL,
    online_level      smallint,
    appointment_date  date,
    commune_code      text NOT NULL,
    requested_date    date NOT NULL,
    requested_slot    text NOT NULL,
    fee_amount        bigint CHECK (fee_amount IS NULL OR fee_amount > 0),
    weight_grams      integer,
    failed_attempts   integer NOT NULL DEFAULT 0,
    -- The request as accepted (NFC-normalised), and later edits merged in.
    request           jsonb NOT NULL,
    -- Immutable price snapshot taken at acceptance (null only when no tariff applied).
    quote             jsonb,
    accepted_at       timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    created_by        text NOT NULL
);
CREATE INDEX jobs_client_updated ON jobs (client_id, updated_at, id);
CREATE INDEX jobs_office_state ON jobs (office_id, state);
CREATE INDEX jobs_dossier_code ON jobs (dossier_code);
-- One active job per dossier and kind.
CREATE UNIQUE INDEX jobs_active_dossier ON jobs (dossier_code, kind)
    WHERE dossier_code IS NOT NULL AND state NOT IN ('handed_to_agency', 'delivered', 'returned_to_agency', 'cancelled');

CREATE TABLE job_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id      bigint NOT NULL REFERENCES jobs(id),
    type        text NOT NULL,
    from_state  text,
    to_state    text NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text NOT NULL,
    reason      text,
    lat         double precision,
    lon         double precision,
    data        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX job_events_job ON job_events (job_id, id);

-- Written in the same transaction as the change it reports; delivered by the webhook sender.
CREATE TABLE outbox_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id   text NOT NULL UNIQUE,
    client_id   bigint REFERENCES api_clients(id),
    job_id      bigint REFERENCES jobs(id),
    type        text NOT NULL,
    payload     jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_events_client ON outbox_events (client_id, id);
