package dev.vireo.api.model;

/** How much a resource event matters (white paper 5.13.1): normal, warning, error. */
public enum ResourceEventLevel {
  NORMAL,
  WARNING,
  ERROR
}
