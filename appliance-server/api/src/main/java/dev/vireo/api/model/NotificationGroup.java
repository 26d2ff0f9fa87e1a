package dev.vireo.api.model;

/** A set of contacts that a notification goes to, all of them (white paper 5.11). */
public record NotificationGroup(
    String id, String name, String description, java.util.List<String> contactIds, java.time.Instant createdAt) {}
