package dev.vireo.api.model;

/**
 * A started TOTP enrolment: the Base32 secret, the otpauth:// URI an authenticator app reads, and
 * that URI as an SVG QR code. It takes effect once confirmed with a first code.
 */
public record TotpEnrolment(String secret, String otpauthUri, String qrCodeSvg) {}
