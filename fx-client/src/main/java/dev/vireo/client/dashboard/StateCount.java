package dev.vireo.client.dashboard;

/** How many resources are in one state ({@code state}: the enum constant's name, e.g. RUNNING). */
public record StateCount(String state, int count) {}
