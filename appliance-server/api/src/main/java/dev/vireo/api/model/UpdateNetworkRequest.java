package dev.vireo.api.model;

import java.util.List;

/**
 * Changes a network (issue 4 N3): {@code routes} replaces its custom routes (validated as at
 * create; an empty list removes them all). The change reaches running guests without a reboot.
 */
public record UpdateNetworkRequest(List<NetworkRoute> routes) {}
