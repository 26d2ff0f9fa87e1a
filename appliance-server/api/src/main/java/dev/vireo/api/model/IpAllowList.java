package dev.vireo.api.model;

/**
 * The client addresses an account may log in and call the API from: IPv4 or IPv6 addresses and
 * CIDR blocks ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); empty means anywhere.
 */
public record IpAllowList(java.util.List<String> entries) {}
