-- White paper 3.2.5 and 4.2.18: HA restart. Nodes probe their peers every ha_probe_interval_seconds
-- (10 by default, 1-60); a node declared failed is DOWN from down_at until it is back and cleaned up.
ALTER TABLE clusters ADD COLUMN ha_probe_interval_seconds INT DEFAULT 10 NOT NULL;
ALTER TABLE nodes ADD COLUMN down_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE vms ADD COLUMN ha_mode VARCHAR(16) DEFAULT 'NONE' NOT NULL;
-- The last state other than UNKNOWN: whether a VM on a failed node was running when contact was lost.
ALTER TABLE vms ADD COLUMN last_known_state VARCHAR(16);
UPDATE vms SET last_known_state = state WHERE state <> 'UNKNOWN';
