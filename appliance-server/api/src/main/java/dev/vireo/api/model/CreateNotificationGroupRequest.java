package dev.vireo.api.model;

/** A notification group to create or replace, with the ids of its contacts. */
public record CreateNotificationGroupRequest(String name, String description, java.util.List<String> contactIds) {}
