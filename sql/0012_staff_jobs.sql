-- Staff (dispatchers taking hotline calls) create jobs too: idempotency keys belong to an API client or a staff user.
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys
    ALTER COLUMN client_id DROP NOT NULL,
    ADD COLUMN staff_user_id bigint REFERENCES staff_users(id),
    ADD CONSTRAINT idempotency_keys_one_owner CHECK ((client_id IS NULL) <> (staff_user_id IS NULL));
CREATE UNIQUE INDEX idempotency_keys_client_key ON idempotency_keys (client_id, key) WHERE client_id IS NOT NULL;
CREATE UNIQUE INDEX idempotency_keys_staff_key ON idempotency_keys (staff_user_id, key) WHERE staff_user_id IS NOT NULL;

-- Who took a job in by hand (hotline or counter).
ALTER TABLE jobs ADD COLUMN created_by_staff_id bigint REFERENCES staff_users(id);
