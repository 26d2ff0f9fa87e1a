package dev.vireo.api.model;

/**
 * Body of {@code POST /api/v1/images}: {@code source} is a local path on the server or an
 * http(s) URL; qcow2 and raw are stored as qcow2, ISO as is.
 */
public record ImportImageRequest(
    String name,
    String description,
    String source,
    ImageFormat format,
    OsType osType,
    BootMode bootMode,
    ImageKind kind) {}
