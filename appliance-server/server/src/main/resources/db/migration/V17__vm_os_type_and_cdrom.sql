-- Reinstall, boot from a disk, ISO install (ADR 0029): the guest's OS family (NULL for VMs created
-- before: their image's), and the installation ISO in the CD-ROM drive (NULL: none or ejected).
ALTER TABLE vms ADD COLUMN os_type VARCHAR(16);
ALTER TABLE vms ADD COLUMN cdrom_image_id VARCHAR(40);
-- A VM created from a disk that holds an OS (C5) has no image.
ALTER TABLE vms ALTER COLUMN image_id SET NULL;
