package dev.vireo.api.model;

/** Format of an image file: disk images are stored as qcow2; ISO is kept as is. */
public enum ImageFormat {
  QCOW2,
  RAW,
  ISO
}
