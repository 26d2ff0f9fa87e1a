package dev.vireo.api.model;

import java.time.Instant;
import java.util.List;

/** A port group (white paper 4.2.8.3): entries {@code TCP:80,443,3306-10000} or {@code UDP:53,1000}. */
public record PortGroup(String id, String name, String description, List<String> entries, Instant createdAt) {}
