-- What the planner needs to re-time a run after a dispatcher's edit without re-reading every job: where each stop is,
-- how long it takes, every window it may start in, and what it weighs. See docs/dispatch.md (Planner).
ALTER TABLE run_stops
    ADD COLUMN address          text NOT NULL DEFAULT '',
    ADD COLUMN lat              double precision,
    ADD COLUMN lon              double precision,
    ADD COLUMN area_class       text NOT NULL DEFAULT 'urban'
        CHECK (area_class IN ('urban', 'rural', 'remote', 'ethnic_minority', 'especially_difficult')),
    ADD COLUMN service_seconds  integer NOT NULL DEFAULT 300 CHECK (service_seconds >= 0),
    -- Local-time windows in seconds since midnight: [[27000, 41400], [48600, 61200]]; [] = any time in the shift.
    ADD COLUMN windows          jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN grams            integer NOT NULL DEFAULT 200 CHECK (grams >= 0);

-- The cutoff plan of an office's day is made once: replicas racing for it find this row and skip.
CREATE UNIQUE INDEX plans_one_cutoff ON plans (office_id, service_date) WHERE trigger = 'cutoff';
