package dev.vireo.api.model;

/** A custom route of a network (white paper N3): traffic to {@code destination} (CIDR) goes via {@code nextHop}. */
public record NetworkRoute(String destination, String nextHop) {}
