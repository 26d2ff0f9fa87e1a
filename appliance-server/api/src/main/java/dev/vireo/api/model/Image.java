package dev.vireo.api.model;

/** A VM template (qcow2) or an installation ISO. */
public record Image(
    String id,
    String name,
    String description,
    ImageFormat format,
    OsType osType,
    BootMode bootMode,
    ImageKind kind,
    ImageState state,
    long sizeBytes,
    long virtualSizeBytes,
    String checksumSha256,
    java.time.Instant createdAt) {}
