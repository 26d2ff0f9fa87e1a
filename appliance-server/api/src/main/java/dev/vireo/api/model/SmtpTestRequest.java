package dev.vireo.api.model;

/** Where the test mail of POST /api/v1/settings/smtp/test goes. */
public record SmtpTestRequest(String to) {}
