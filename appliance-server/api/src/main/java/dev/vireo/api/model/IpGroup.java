package dev.vireo.api.model;

import java.time.Instant;
import java.util.List;

/** An IP group (white paper 4.2.8.3): addresses, CIDRs and ranges such as {@code 10.0.0.1-10.0.0.100}. */
public record IpGroup(String id, String name, String description, List<String> entries, Instant createdAt) {}
