-- Secure VM console (ADR 0030): one-time console tickets. Only the SHA-256 of a ticket is kept;
-- used_at is set once, atomically, by the gateway that accepts it. Kept as the record of who asked
-- for which VM's console when.
CREATE TABLE console_tickets (
  id VARCHAR(40) PRIMARY KEY,
  token_sha256 VARCHAR(64) NOT NULL UNIQUE,
  vm_id VARCHAR(40) NOT NULL,
  node_id VARCHAR(40) NOT NULL,
  protocol VARCHAR(16) NOT NULL,
  issued_by VARCHAR(200) NOT NULL,
  issued_at TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
  used_at TIMESTAMP WITH TIME ZONE,
  used_from VARCHAR(80),
  closed_at TIMESTAMP WITH TIME ZONE,
  close_reason VARCHAR(200)
);
CREATE INDEX console_tickets_vm ON console_tickets (vm_id, issued_at);
