package dev.vireo.api.model;

/** Life of an image. */
public enum ImageState {
  IMPORTING,
  AVAILABLE,
  FAILED,
  DELETING
}
