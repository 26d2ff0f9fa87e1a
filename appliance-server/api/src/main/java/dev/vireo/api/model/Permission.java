package dev.vireo.api.model;

import java.util.List;

/** One grantable permission ({@code resource:action}) and the operations it opens. */
public record Permission(String name, String resource, String action, List<String> operations) {}
