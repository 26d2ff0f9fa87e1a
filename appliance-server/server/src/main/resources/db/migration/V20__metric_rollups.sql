-- Metrics (white paper 5.10, ADR 0033): raw samples live in the server's memory for six hours;
-- five-minute rollups are kept 31 days and hourly ones 400 days, on disk (CACHED tables).
CREATE CACHED TABLE metric_rollups_5m (
  resource_type VARCHAR(16) NOT NULL,
  resource_id VARCHAR(64) NOT NULL,
  metric VARCHAR(64) NOT NULL,
  bucket BIGINT NOT NULL,
  avg_value DOUBLE NOT NULL,
  max_value DOUBLE NOT NULL,
  samples INT NOT NULL,
  PRIMARY KEY (resource_id, metric, resource_type, bucket)
);
CREATE INDEX metric_rollups_5m_bucket ON metric_rollups_5m (bucket);
CREATE CACHED TABLE metric_rollups_1h (
  resource_type VARCHAR(16) NOT NULL,
  resource_id VARCHAR(64) NOT NULL,
  metric VARCHAR(64) NOT NULL,
  bucket BIGINT NOT NULL,
  avg_value DOUBLE NOT NULL,
  max_value DOUBLE NOT NULL,
  samples INT NOT NULL,
  PRIMARY KEY (resource_id, metric, resource_type, bucket)
);
CREATE INDEX metric_rollups_1h_bucket ON metric_rollups_1h (bucket);
