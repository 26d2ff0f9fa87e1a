-- White paper 4.2.9 (isolation groups): VM groups relate VMs to each other, node groups relate VMs
-- to the group's chosen nodes; AFFINITY or ANTI_AFFINITY, HARD (blocks placement) or SOFT (preference).
CREATE TABLE isolation_groups (
  id VARCHAR(40) PRIMARY KEY,
  name VARCHAR(64) NOT NULL UNIQUE,
  kind VARCHAR(8) NOT NULL,
  relation VARCHAR(16) NOT NULL,
  strictness VARCHAR(8) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The chosen nodes of a NODE group.
CREATE TABLE isolation_group_nodes (
  group_id VARCHAR(40) NOT NULL REFERENCES isolation_groups(id),
  node_id VARCHAR(40) NOT NULL REFERENCES nodes(id),
  PRIMARY KEY (group_id, node_id)
);

-- The VMs that joined a group (of either kind) at create time.
CREATE TABLE isolation_group_vms (
  group_id VARCHAR(40) NOT NULL REFERENCES isolation_groups(id),
  vm_id VARCHAR(40) NOT NULL REFERENCES vms(id),
  PRIMARY KEY (group_id, vm_id)
);
CREATE INDEX isolation_group_vms_vm ON isolation_group_vms(vm_id);
