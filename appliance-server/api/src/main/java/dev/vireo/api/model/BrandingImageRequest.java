package dev.vireo.api.model;

/** A new branding image: its bytes in base64 (the format is read from the bytes themselves). */
public record BrandingImageRequest(String data) {}
