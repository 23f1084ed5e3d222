-- Foundation: operator-editable settings. Later migrations add the domain tables.
-- Times are timestamptz (stored UTC); money is bigint đồng; text is UTF-8 NFC.

CREATE TABLE app_settings (
    key        text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_.]*$'),
    value      jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO app_settings (key, value) VALUES
    ('display_time_zone', '"Asia/Ho_Chi_Minh"'),
    ('max_delivery_attempts', '2');
