-- Portal integrations: API keys (stored as SHA-256 of a 160-bit random key) with scopes and a province.
CREATE TABLE api_clients (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id     text NOT NULL UNIQUE,
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    key_hash      bytea NOT NULL UNIQUE,
    key_hint      text NOT NULL,
    scopes        text[] NOT NULL,
    province_code text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz
);

-- Idempotency-Key records: the first response to a key is replayed for repeats with the same body.
CREATE TABLE idempotency_keys (
    client_id     bigint NOT NULL REFERENCES api_clients(id),
    key           text NOT NULL,
    request_hash  bytea NOT NULL,
    method        text NOT NULL,
    path          text NOT NULL,
    status        integer,
    response_body bytea,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client_id, key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
