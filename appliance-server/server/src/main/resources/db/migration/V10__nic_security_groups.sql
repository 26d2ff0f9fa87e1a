-- ADR 0018, issue 4 N5: the security groups of a VM NIC, in the order they are evaluated (place 0 first).
-- A group a NIC carries cannot be deleted (the foreign key; the API answers 409 naming the VMs first);
-- a NIC that goes (its VM deleted) takes its rows along (white paper 4.2.8.1: unbound automatically).
CREATE TABLE vm_nic_security_groups (
  vm_id VARCHAR(40) NOT NULL,
  nic_index INT NOT NULL,
  place INT NOT NULL,
  security_group_id VARCHAR(40) NOT NULL REFERENCES security_groups(id),
  PRIMARY KEY (vm_id, nic_index, place),
  UNIQUE (vm_id, nic_index, security_group_id),
  FOREIGN KEY (vm_id, nic_index) REFERENCES vm_nics(vm_id, nic_index) ON DELETE CASCADE
);
CREATE INDEX vm_nic_security_groups_group ON vm_nic_security_groups(security_group_id);
