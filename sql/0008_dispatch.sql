-- Dispatch: staff users, couriers, agencies, holidays as data, daily plans and runs, courier events and proofs,
-- handover records, the cash ledger and its reconciliations, and the SLA watch's flags. See docs/dispatch.md.

-- Staff who log in with a password: admins, dispatchers and couriers, each bound to one post office
-- (an admin's office may be null: province-wide).
CREATE TABLE staff_users (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id        text NOT NULL UNIQUE,
    username         text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    display_name     text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    role             text NOT NULL CHECK (role IN ('admin', 'dispatcher', 'courier')),
    office_id        bigint REFERENCES post_offices(id),
    -- "pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>"
    password_hash    text NOT NULL,
    -- Bumped on password change or disable: tokens carry it, so older tokens stop working at once.
    token_generation integer NOT NULL DEFAULT 1,
    disabled_at      timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (role = 'admin' OR office_id IS NOT NULL)
);

-- The key that signs staff tokens; made once, shared by every replica through the database.
CREATE TABLE token_signing_keys (
    id         smallint PRIMARY KEY CHECK (id = 1),
    secret     bytea NOT NULL CHECK (length(secret) >= 32),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE couriers (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id         text NOT NULL UNIQUE,
    user_id           bigint UNIQUE REFERENCES staff_users(id),
    office_id         bigint NOT NULL REFERENCES post_offices(id),
    name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    phone             text,
    vehicle           text NOT NULL DEFAULT 'motorbike' CHECK (vehicle IN ('motorbike', 'bicycle', 'car', 'van', 'on_foot')),
    capacity_dossiers integer NOT NULL DEFAULT 40 CHECK (capacity_dossiers > 0),
    capacity_grams    integer NOT NULL DEFAULT 30000 CHECK (capacity_grams > 0),
    shift_start       time NOT NULL DEFAULT '07:30',
    shift_end         time NOT NULL DEFAULT '17:00',
    -- ISO weekdays (1 = Monday).
    working_days      smallint[] NOT NULL DEFAULT '{1,2,3,4,5}',
    -- `cash_collection`, and languages as `lang:jrai`, `lang:bahnar`, …
    skills            text[] NOT NULL DEFAULT '{cash_collection}',
    active            boolean NOT NULL DEFAULT true,
    version           integer NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (shift_end > shift_start)
);
CREATE INDEX couriers_office ON couriers (office_id) WHERE active;

CREATE TABLE courier_leave (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    courier_id  bigint NOT NULL REFERENCES couriers(id),
    first_day   date NOT NULL,
    last_day    date NOT NULL,
    note        text NOT NULL DEFAULT '',
    CHECK (last_day >= first_day)
);
CREATE INDEX courier_leave_courier ON courier_leave (courier_id, first_day);

-- Agencies (cơ quan) where dossiers are handed over and results collected, usually the public administration
-- centre. Jobs name an agency by code; an unknown code is served at its commune's centre (or the office)
-- within the default hours below.
CREATE TABLE agencies (
    code          text PRIMARY KEY,
    name          text NOT NULL,
    address       text NOT NULL DEFAULT '',
    commune_code  text,
    lat           double precision,
    lon           double precision,
    -- Opening hours as local-time windows, e.g. [["07:30","11:30"],["13:30","17:00"]].
    opening_hours jsonb NOT NULL DEFAULT '[["07:30","11:30"],["13:30","17:00"]]',
    working_days  smallint[] NOT NULL DEFAULT '{1,2,3,4,5}',
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Public holidays and make-up working days as data (Tết moves every year); seeded by the daemon from the built-in
-- list when empty, editable by admins.
CREATE TABLE calendar_days (
    day        date PRIMARY KEY,
    kind       text NOT NULL CHECK (kind IN ('holiday', 'make_up_working_day')),
    name_vi    text NOT NULL,
    name_en    text NOT NULL DEFAULT '',
    confirmed  boolean NOT NULL DEFAULT true
);

-- Jobs gain what dispatch needs.
ALTER TABLE jobs
    -- The kind set grows by one internal kind: a result going back to the agency after the allowed attempts.
    DROP CONSTRAINT jobs_kind_check,
    ADD CONSTRAINT jobs_kind_check CHECK (kind IN ('pickup_dossier', 'deliver_result', 'return_result')),
    -- The first day the job may be planned (a retry waits for its commune's next serving day).
    ADD COLUMN not_before      date,
    -- Numbers recorded in the field.
    ADD COLUMN slip_number     text,
    ADD COLUMN receipt_number  text,
    -- The legal submission time: the moment the handover record listing the dossier was confirmed.
    ADD COLUMN submitted_at    timestamptz,
    ADD COLUMN delivered_at    timestamptz,
    -- The job this one continues (a return_result points at its delivery).
    ADD COLUMN origin_job_id   bigint REFERENCES jobs(id);
CREATE INDEX jobs_office_active ON jobs (office_id, state, not_before)
    WHERE state NOT IN ('handed_to_agency', 'delivered', 'returned_to_agency', 'cancelled');

-- One planning of one office for one day: who asked, how long it took, what could not be served and why.
CREATE TABLE plans (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id     text NOT NULL UNIQUE,
    office_id     bigint NOT NULL REFERENCES post_offices(id),
    service_date  date NOT NULL,
    trigger       text NOT NULL CHECK (trigger IN ('cutoff', 'dispatcher', 'urgent_insert')),
    requested_by  text NOT NULL,
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    -- [{"job_id": "job_…", "reason": "capacity", …}]
    unserved      jsonb NOT NULL DEFAULT '[]',
    stats         jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX plans_office_day ON plans (office_id, service_date, id);

-- A courier's day: ordered stops. Draft until a dispatcher publishes it; couriers see only published runs.
CREATE TABLE runs (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id      text NOT NULL UNIQUE,
    office_id      bigint NOT NULL REFERENCES post_offices(id),
    courier_id     bigint NOT NULL REFERENCES couriers(id),
    service_date   date NOT NULL,
    plan_id        bigint REFERENCES plans(id),
    status         text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'completed')),
    version        integer NOT NULL DEFAULT 1,
    distance_m     integer NOT NULL DEFAULT 0,
    duration_s     integer NOT NULL DEFAULT 0,
    -- Peak load per dimension: {"dossiers": 12, "grams": 3400}.
    load           jsonb NOT NULL DEFAULT '{}',
    published_at   timestamptz,
    published_by   text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (courier_id, service_date)
);
CREATE INDEX runs_office_day ON runs (office_id, service_date);

CREATE TABLE run_stops (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id        text NOT NULL UNIQUE,
    run_id           bigint NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    position         integer NOT NULL,
    job_id           bigint NOT NULL REFERENCES jobs(id),
    -- What the courier does here: pick the dossier up at the applicant, hand it over at the agency, collect a
    -- result at the agency, deliver it to the applicant, or take it back to the agency.
    action           text NOT NULL CHECK (action IN ('pickup_dossier', 'hand_over', 'collect_result', 'deliver_result', 'return_result')),
    planned_arrival  timestamptz,
    window_start     timestamptz,
    window_end       timestamptz,
    locked           boolean NOT NULL DEFAULT false,
    status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'arrived', 'done', 'failed', 'skipped')),
    arrived_at       timestamptz,
    finished_at      timestamptz,
    UNIQUE (run_id, position) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX run_stops_job ON run_stops (job_id);
-- A job has at most one pending stop of each action on any run.
CREATE UNIQUE INDEX run_stops_pending_action ON run_stops (job_id, action) WHERE status IN ('pending', 'arrived');

-- Every event a courier's phone sent, keyed by the phone's own id: a resent batch finds its results here.
CREATE TABLE courier_events (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    courier_id       bigint NOT NULL REFERENCES couriers(id),
    client_event_id  text NOT NULL CHECK (length(client_event_id) BETWEEN 1 AND 100),
    device_time      timestamptz NOT NULL,
    received_at      timestamptz NOT NULL DEFAULT now(),
    type             text NOT NULL,
    stop_id          bigint REFERENCES run_stops(id),
    job_id           bigint REFERENCES jobs(id),
    payload          jsonb NOT NULL,
    -- What the server answered: {"status": "applied" | "rejected", …}.
    result           jsonb NOT NULL,
    UNIQUE (courier_id, client_event_id)
);

-- Signatures and photos taken at the door; bytes in PostgreSQL or, when a folder is configured, a file there.
CREATE TABLE attachments (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id     text NOT NULL UNIQUE,
    job_id        bigint NOT NULL REFERENCES jobs(id),
    courier_id    bigint REFERENCES couriers(id),
    kind          text NOT NULL CHECK (kind IN ('signature', 'photo')),
    content_type  text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
    size_bytes    integer NOT NULL CHECK (size_bytes > 0),
    sha256        bytea NOT NULL,
    data          bytea,
    file_path     text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK ((data IS NULL) <> (file_path IS NULL))
);
CREATE INDEX attachments_job ON attachments (job_id);

-- Biên bản giao nhận: dossiers handed to an agency, or results collected from it, by one courier.
CREATE TABLE handovers (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id     text NOT NULL UNIQUE,
    office_id     bigint NOT NULL REFERENCES post_offices(id),
    agency_code   text NOT NULL,
    agency_name   text NOT NULL,
    courier_id    bigint NOT NULL REFERENCES couriers(id),
    direction     text NOT NULL CHECK (direction IN ('submit_dossiers', 'collect_results', 'return_results')),
    status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'confirmed')),
    version       integer NOT NULL DEFAULT 1,
    receiving_officer text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    confirmed_at  timestamptz,
    confirmed_by  text,
    fees_paid_over bigint NOT NULL DEFAULT 0 CHECK (fees_paid_over >= 0)
);
CREATE INDEX handovers_office ON handovers (office_id, created_at);

CREATE TABLE handover_items (
    handover_id   bigint NOT NULL REFERENCES handovers(id) ON DELETE CASCADE,
    job_id        bigint NOT NULL REFERENCES jobs(id),
    dossier_code  text,
    slip_number   text,
    fee_amount    bigint NOT NULL DEFAULT 0 CHECK (fee_amount >= 0),
    appointment_date date,
    PRIMARY KEY (handover_id, job_id)
);
CREATE INDEX handover_items_job ON handover_items (job_id);

-- Day-end count of one courier's cash: what the ledger expects and what was handed in.
CREATE TABLE cash_reconciliations (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id      text NOT NULL UNIQUE,
    courier_id     bigint NOT NULL REFERENCES couriers(id),
    office_id      bigint NOT NULL REFERENCES post_offices(id),
    service_date   date NOT NULL,
    expected       bigint NOT NULL,
    handed_in      bigint NOT NULL CHECK (handed_in >= 0),
    difference     bigint GENERATED ALWAYS AS (handed_in - expected) STORED,
    note           text,
    reconciled_by  text NOT NULL,
    reconciled_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (courier_id, service_date),
    CHECK (handed_in = expected OR length(coalesce(note, '')) > 0)
);

-- Every đồng a courier takes in cash: government fees (paid over to the agency at a handover) and postage.
CREATE TABLE cash_entries (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    courier_id         bigint NOT NULL REFERENCES couriers(id),
    office_id          bigint NOT NULL REFERENCES post_offices(id),
    job_id             bigint NOT NULL REFERENCES jobs(id),
    kind               text NOT NULL CHECK (kind IN ('government_fee', 'postage')),
    amount             bigint NOT NULL CHECK (amount > 0),
    receipt_number     text NOT NULL,
    agency_code        text,
    collected_at       timestamptz NOT NULL,
    service_date       date NOT NULL,
    handover_id        bigint REFERENCES handovers(id),
    reconciliation_id  bigint REFERENCES cash_reconciliations(id),
    UNIQUE (job_id, kind)
);
CREATE INDEX cash_entries_courier_day ON cash_entries (courier_id, service_date);
CREATE INDEX cash_entries_agency ON cash_entries (agency_code, collected_at);

-- Jobs the SLA watch found at risk or late; cleared when the job moves on.
CREATE TABLE sla_flags (
    job_id       bigint PRIMARY KEY REFERENCES jobs(id),
    office_id    bigint NOT NULL REFERENCES post_offices(id),
    -- `result_due` (appointment date within one working day), `dossier_overdue` (older than its service time), …
    kind         text NOT NULL,
    status       text NOT NULL CHECK (status IN ('at_risk', 'late')),
    due_date     date NOT NULL,
    flagged_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sla_flags_office ON sla_flags (office_id, status);

INSERT INTO app_settings (key, value) VALUES
    ('planning.time_budget_seconds', '5'),
    ('attachments.max_bytes', '2097152'),
    ('staff_token.ttl_seconds', '43200')
ON CONFLICT (key) DO NOTHING;
