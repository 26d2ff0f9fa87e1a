-- White paper 4.2.3 and 4.2.17: CPU mode per VM (CUSTOM, migration-safe named model; or
-- HOST_PASSTHROUGH) and the vCPU count a running VM can be hot-upgraded to (the domain's maximum,
-- recorded when it is defined; NULL until then). Suspend-to-file adds the states SUSPENDING and
-- SUSPENDED (state is VARCHAR(16), wide enough).
ALTER TABLE vms ADD COLUMN cpu_mode VARCHAR(16) DEFAULT 'CUSTOM' NOT NULL;
ALTER TABLE vms ADD COLUMN max_cpu INT;
