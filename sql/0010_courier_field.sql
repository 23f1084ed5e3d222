-- The courier's side of the day: attempt limits as settings, and indexes for what the field reads.

-- Failed pickups allowed before the request is cancelled (deliveries: `max_delivery_attempts`, from 0001).
INSERT INTO app_settings (key, value) VALUES ('max_pickup_attempts', '2') ON CONFLICT (key) DO NOTHING;

-- A return job finds its delivery by `origin_job_id`; the delivery finds its return job the other way.
CREATE INDEX jobs_origin ON jobs (origin_job_id) WHERE origin_job_id IS NOT NULL;
-- A job's courier events, for support.
CREATE INDEX courier_events_job ON courier_events (job_id) WHERE job_id IS NOT NULL;
