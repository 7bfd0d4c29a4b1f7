-- SQLite: every receipt gets an integer id, the export's tie-breaker after received_ms (keyset
-- pages). AUTOINCREMENT: an id is never reused, even after retention deleted the newest rows.
-- A column cannot become the INTEGER PRIMARY KEY in place: the table is copied.
CREATE TABLE receipts_with_ids (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    received_ms BIGINT NOT NULL,
    consent_id TEXT NOT NULL,
    version TEXT NOT NULL,
    area TEXT,
    language TEXT NOT NULL,
    accepted TEXT NOT NULL,
    rejected TEXT NOT NULL,
    method TEXT NOT NULL,
    gpc BIGINT NOT NULL,
    config_hash TEXT NOT NULL,
    client_time TEXT NOT NULL
);
INSERT INTO receipts_with_ids (received_ms, consent_id, version, area, language, accepted, rejected, method,
    gpc, config_hash, client_time)
SELECT received_ms, consent_id, version, area, language, accepted, rejected, method, gpc, config_hash,
    client_time FROM receipts ORDER BY received_ms;
DROP TABLE receipts;
ALTER TABLE receipts_with_ids RENAME TO receipts;
CREATE INDEX receipts_by_consent_id ON receipts (consent_id, received_ms);
-- An SQLite index ends with the rowid (the id): this one serves (received_ms, id) order.
CREATE INDEX receipts_by_time ON receipts (received_ms);
