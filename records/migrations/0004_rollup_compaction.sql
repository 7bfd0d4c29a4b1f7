-- The rollups of a closed day are compacted on PostgreSQL: its shards summed into shard 0
-- (Store::compact_rollups, at start and every hour), so that the statistics read one row per
-- count of such a day, not one per shard. This index finds the days left to compact (on SQLite,
-- whose only shard is 0, it stays empty). Databases made before it are compacted at start.
CREATE INDEX rollups_sharded ON rollups (day) WHERE shard > 0;
