package dev.vireo.server.http;

/**
 * A handler whose route also takes an {@code application/x-www-form-urlencoded} body (the OAuth
 * endpoints of RFC 6749, which a browser form or an OAuth library posts); every other route takes
 * JSON only, which a cross-site form cannot send.
 */
@FunctionalInterface
public interface FormHandler extends Handler {}
