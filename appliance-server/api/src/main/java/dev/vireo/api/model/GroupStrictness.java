package dev.vireo.api.model;

/** HARD blocks a placement that cannot meet the rule; SOFT only prefers, and is ignored when it cannot be met. */
public enum GroupStrictness {
  HARD,
  SOFT
}
