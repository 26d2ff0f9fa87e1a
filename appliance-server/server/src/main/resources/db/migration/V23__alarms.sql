-- Alarm templates, their rules and bindings, and alarm records (white paper 5.10.3-5.10.4, ADR 0036).
CREATE TABLE alarm_templates (
  id VARCHAR(40) PRIMARY KEY,
  name VARCHAR(128) NOT NULL,
  resource_type VARCHAR(16) NOT NULL,
  description VARCHAR(1000),
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT alarm_templates_name UNIQUE (name)
);
CREATE TABLE alarm_rules (
  id VARCHAR(40) PRIMARY KEY,
  template_id VARCHAR(40) NOT NULL REFERENCES alarm_templates (id) ON DELETE CASCADE,
  position INT NOT NULL,
  metric VARCHAR(80) NOT NULL,
  comparator VARCHAR(2) NOT NULL,
  threshold DOUBLE NOT NULL,
  duration_seconds INT NOT NULL,
  severity VARCHAR(12) NOT NULL,
  notification_group_id VARCHAR(40)
);
CREATE INDEX alarm_rules_template ON alarm_rules (template_id);
CREATE INDEX alarm_rules_group ON alarm_rules (notification_group_id);
CREATE TABLE alarm_bindings (
  template_id VARCHAR(40) NOT NULL REFERENCES alarm_templates (id) ON DELETE CASCADE,
  resource_id VARCHAR(40) NOT NULL,
  PRIMARY KEY (template_id, resource_id)
);
CREATE INDEX alarm_bindings_resource ON alarm_bindings (resource_id);
-- Records outlive their template and rule (history): the rule's condition is copied in.
CREATE TABLE alarms (
  id VARCHAR(40) PRIMARY KEY,
  template_id VARCHAR(40) NOT NULL,
  template_name VARCHAR(128) NOT NULL,
  rule_id VARCHAR(40) NOT NULL,
  resource_type VARCHAR(16) NOT NULL,
  resource_id VARCHAR(40) NOT NULL,
  metric VARCHAR(80) NOT NULL,
  comparator VARCHAR(2) NOT NULL,
  threshold DOUBLE NOT NULL,
  duration_seconds INT NOT NULL,
  severity VARCHAR(12) NOT NULL,
  notification_group_id VARCHAR(40),
  state VARCHAR(12) NOT NULL,
  current_value DOUBLE NOT NULL,
  started_at TIMESTAMP WITH TIME ZONE NOT NULL,
  fired_at TIMESTAMP WITH TIME ZONE,
  resolved_at TIMESTAMP WITH TIME ZONE,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX alarms_state ON alarms (state);
CREATE INDEX alarms_resource ON alarms (resource_id);
CREATE INDEX alarms_started ON alarms (started_at);
