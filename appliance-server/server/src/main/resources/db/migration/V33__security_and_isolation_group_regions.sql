-- ADR 0047: security groups and isolation groups belong to a region (white paper 4.1.1: a resource
-- stays in the region it was made in), so that a REGION account sees only its regions' groups.
-- Existing groups take the region of a VM (or node) using them, else the default region.
ALTER TABLE security_groups ADD COLUMN region_id VARCHAR(40) REFERENCES regions(id);
ALTER TABLE isolation_groups ADD COLUMN region_id VARCHAR(40) REFERENCES regions(id);
UPDATE security_groups g SET region_id = COALESCE(
  (SELECT MIN(v.region_id) FROM vm_nic_security_groups s JOIN vms v ON v.id = s.vm_id
    WHERE s.security_group_id = g.id),
  (SELECT MIN(id) FROM regions WHERE is_default));
UPDATE isolation_groups g SET region_id = COALESCE(
  (SELECT MIN(v.region_id) FROM isolation_group_vms m JOIN vms v ON v.id = m.vm_id WHERE m.group_id = g.id),
  (SELECT MIN(c.region_id) FROM isolation_group_nodes m JOIN nodes n ON n.id = m.node_id
    JOIN clusters c ON c.id = n.cluster_id WHERE m.group_id = g.id),
  (SELECT MIN(id) FROM regions WHERE is_default));
CREATE INDEX security_groups_region ON security_groups(region_id);
CREATE INDEX isolation_groups_region ON isolation_groups(region_id);
