-- Statistics from rollups: what each receipt adds to the counts of its day (UTC), banner version
-- and area ('' without areas), written in the receipt's transaction. `dimension` is receipts,
-- choice, method, category or service; `outcome` is accepted or refused for the last two, else
-- ''. On PostgreSQL a receipt writes one of 16 shards (by consent id), so that concurrent
-- receipts do not all wait on one row's lock; reads sum them.
CREATE TABLE rollups (
    day BIGINT NOT NULL,
    version TEXT NOT NULL,
    area TEXT NOT NULL,
    dimension TEXT NOT NULL,
    name TEXT NOT NULL,
    outcome TEXT NOT NULL,
    shard BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (day, version, area, dimension, name, outcome, shard)
);
-- Receipts stored per consent id and day (UTC), for the daily cap.
CREATE TABLE daily_quota (
    consent_id TEXT NOT NULL,
    day BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (consent_id, day)
);
-- The owner's session generation: a logout raises it, which ends every session made before.
CREATE TABLE owner_sessions (
    id BIGINT PRIMARY KEY,
    generation BIGINT NOT NULL
);
INSERT INTO owner_sessions (id, generation) VALUES (1, 0);
-- Receipts stored before this migration are added to the rollups at start, in batches, up to
-- `upto` (the highest id then); `done` is how far that has come.
CREATE TABLE rollup_backfill (
    id BIGINT PRIMARY KEY,
    upto BIGINT NOT NULL,
    done BIGINT NOT NULL
);
INSERT INTO rollup_backfill (id, upto, done) SELECT 1, COALESCE(MAX(id), 0), 0 FROM receipts;
-- Retention deletes the rollups of whole days and the caps of past days.
CREATE INDEX daily_quota_by_day ON daily_quota (day);
