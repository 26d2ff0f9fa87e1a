-- White paper 4.2.8, issue 4 N5/N6, ADR 0018: security groups with their rules as written (a JSON list,
-- checked on every write; evaluated in SecurityRules.ORDER).
CREATE TABLE security_groups (
  id VARCHAR(40) PRIMARY KEY,
  name VARCHAR(64) NOT NULL UNIQUE,
  description VARCHAR(1024),
  rules VARCHAR(1048576) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Port groups (entries TCP:ports / UDP:ports) and IP groups (addresses, CIDRs, ranges) that rules
-- name by id or name (white paper 4.2.8.3).
CREATE TABLE port_groups (
  id VARCHAR(40) PRIMARY KEY,
  name VARCHAR(64) NOT NULL UNIQUE,
  description VARCHAR(1024),
  entries VARCHAR(65536) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE TABLE ip_groups (
  id VARCHAR(40) PRIMARY KEY,
  name VARCHAR(64) NOT NULL UNIQUE,
  description VARCHAR(1024),
  entries VARCHAR(65536) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
