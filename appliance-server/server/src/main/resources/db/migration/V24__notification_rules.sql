-- Notification rules of the operation log and of resource events (white paper 5.12.2, 5.13.2, ADR 0036).
CREATE TABLE notification_rules (
  id VARCHAR(40) PRIMARY KEY,
  name VARCHAR(128) NOT NULL,
  source VARCHAR(20) NOT NULL,
  region_id VARCHAR(40),
  notification_group_id VARCHAR(40) NOT NULL,
  modules VARCHAR(2000) NOT NULL,
  levels VARCHAR(200) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT notification_rules_name UNIQUE (name)
);
CREATE INDEX notification_rules_group ON notification_rules (notification_group_id);
