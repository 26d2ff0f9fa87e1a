package dev.vireo.api.model;

/** Guest OS family of an image. */
public enum OsType {
  LINUX,
  WINDOWS
}
