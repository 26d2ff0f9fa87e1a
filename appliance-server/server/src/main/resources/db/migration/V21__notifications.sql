-- Notification groups (white paper 5.11, ADR 0034): contacts reached by e-mail or webhook, groups of
-- them (a contact may be in several), the SMTP settings, and one row per delivery to a contact so an
-- administrator sees what failed and why.
CREATE TABLE notification_contacts (
  id VARCHAR(40) PRIMARY KEY,
  name VARCHAR(64) NOT NULL,
  kind VARCHAR(8) NOT NULL,
  email VARCHAR(320),
  url VARCHAR(2048),
  method VARCHAR(4),
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE TABLE notification_groups (
  id VARCHAR(40) PRIMARY KEY,
  name VARCHAR(64) NOT NULL,
  description VARCHAR(1024),
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT notification_groups_name UNIQUE (name)
);
CREATE TABLE notification_group_members (
  group_id VARCHAR(40) NOT NULL REFERENCES notification_groups (id) ON DELETE CASCADE,
  contact_id VARCHAR(40) NOT NULL REFERENCES notification_contacts (id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, contact_id)
);
CREATE INDEX notification_group_members_contact ON notification_group_members (contact_id);
-- Platform-wide settings by name (smtp.host, smtp.password, ...).
CREATE TABLE platform_settings (
  name VARCHAR(80) PRIMARY KEY,
  value VARCHAR(4000)
);
-- Deliveries outlive their group and contact (history): no foreign keys.
CREATE TABLE notification_deliveries (
  id VARCHAR(40) PRIMARY KEY,
  group_id VARCHAR(40) NOT NULL,
  contact_id VARCHAR(40) NOT NULL,
  subject VARCHAR(1000) NOT NULL,
  status VARCHAR(8) NOT NULL,
  attempts INT NOT NULL,
  last_error VARCHAR(2000),
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  finished_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX notification_deliveries_group ON notification_deliveries (group_id);
CREATE INDEX notification_deliveries_status ON notification_deliveries (status);
CREATE INDEX notification_deliveries_created ON notification_deliveries (created_at);
