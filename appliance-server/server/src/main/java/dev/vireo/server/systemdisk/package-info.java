/**
 * A VM's system disk as an image (ADR 0029): custom images made from a stopped VM (white paper
 * 4.2.4.2 "制作镜像") and reinstalling a VM's OS from another image of its family (4.2.3 "重装系统").
 */
package dev.vireo.server.systemdisk;
