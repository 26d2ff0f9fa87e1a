package dev.vireo.api.model;

import java.util.List;

/** A new alarm template, or the whole of a replaced one (the rules' ids are the server's). */
public record CreateAlarmTemplateRequest(String name, String resourceType, String description,
    List<AlarmRule> rules) {}
