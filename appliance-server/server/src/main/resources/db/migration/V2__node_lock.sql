-- White paper 5.5: a locked node takes no new placements; its VMs keep running.
ALTER TABLE nodes ADD COLUMN locked BOOLEAN DEFAULT FALSE NOT NULL;
