package dev.vireo.api.model;

import java.util.List;

/** Creates (or, PUT, replaces) a port group or an IP group. */
public record CreateAddressGroupRequest(String name, String description, List<String> entries) {}
