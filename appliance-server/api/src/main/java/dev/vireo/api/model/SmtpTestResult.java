package dev.vireo.api.model;

/** A test mail the SMTP server accepted: to whom, through which server, with what subject. */
public record SmtpTestResult(String to, String server, String subject) {}
