-- White paper 5.5 (6)(7): a locked node enters maintenance (its VMs move away) and leaves it locked.
-- NULL: not in maintenance; ENTERING_MAINTENANCE while the VMs are moved; MAINTENANCE when empty.
-- A node with a maintenance value is always locked too, so every placement rule that skips locked
-- nodes skips it.
ALTER TABLE nodes ADD COLUMN maintenance VARCHAR(24) DEFAULT NULL;
