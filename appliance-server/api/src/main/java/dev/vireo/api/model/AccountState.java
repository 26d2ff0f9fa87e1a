package dev.vireo.api.model;

/** ACTIVE accounts may log in; FROZEN ones may not, and their tokens stop working. */
public enum AccountState { ACTIVE, FROZEN }
