package dev.vireo.api.model;

import java.util.List;

/**
 * One branding image slot (favicon, logo, login-logo, login-background): where it is served, what
 * it is now, and the formats and size it accepts (white paper 6.1).
 */
public record BrandingImage(String kind, String url, String contentType, long size, boolean custom,
    List<String> formats, long maxBytes) {}
