package dev.vireo.api.model;

/** Base images are system-provided and read-only; custom images belong to users. */
public enum ImageKind {
  BASE,
  CUSTOM
}
