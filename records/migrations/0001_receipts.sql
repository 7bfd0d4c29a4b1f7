-- One row per accepted receipt, appended only. Portable SQL: the same text on SQLite and
-- PostgreSQL. No IP address, user agent or URL is stored.
CREATE TABLE receipts (
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
CREATE INDEX receipts_by_consent_id ON receipts (consent_id, received_ms);
CREATE INDEX receipts_by_time ON receipts (received_ms);
