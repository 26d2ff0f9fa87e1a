package dev.vireo.api.model;

/** The body of every 4xx/5xx answer: a stable code, a sentence naming the field and the rule. */
public record ApiError(String code, String message, String field) {}
