package dev.vireo.api.model;

/**
 * Body of {@code POST /api/v1/vms/{id}/reinstall} (white paper 4.2.3 "重装系统"): a new system disk
 * from {@code image} (id or name), an AVAILABLE disk image of the VM's OS family (Linux only to
 * Linux, Windows only to Windows); the disk keeps its size. {@code password} (optional) replaces the
 * guest's initial password; without it the VM's stays. A RUNNING VM is powered off, reinstalled and
 * started again; a STOPPED one stays stopped.
 */
public record ReinstallVmRequest(String image, String password) {}
