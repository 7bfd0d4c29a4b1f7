-- PostgreSQL: every receipt gets an integer id from a sequence, the export's tie-breaker after
-- received_ms (keyset pages). Existing rows are numbered when the column is added.
ALTER TABLE receipts ADD COLUMN id BIGSERIAL PRIMARY KEY;
DROP INDEX receipts_by_time;
CREATE INDEX receipts_by_time ON receipts (received_ms, id);
