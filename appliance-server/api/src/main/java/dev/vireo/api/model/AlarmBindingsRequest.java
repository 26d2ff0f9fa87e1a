package dev.vireo.api.model;

import java.util.List;

/** Resources to bind to an alarm template, in bulk (each of the template's resource type). */
public record AlarmBindingsRequest(List<String> resourceIds) {}
