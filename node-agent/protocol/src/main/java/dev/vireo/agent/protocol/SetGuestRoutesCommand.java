package dev.vireo.agent.protocol;

import dev.vireo.agent.protocol.GuestSeed.SeedRoute;
import java.util.List;

/**
 * Brings a running guest's routes of one network to {@code routes} without a reboot (ADR 0017,
 * N3), through the QEMU guest agent ({@code guest-exec} of {@code ip route}): routes in
 * {@code previous} (what the platform gave before) that are no longer wanted are deleted, wanted
 * ones missing or with another next hop are replaced; the guest's own routes stay. The NIC is
 * named by its MAC (informational: routes name their next hop, the guest's kernel picks the
 * device). A guest whose agent does not answer fails with {@code GUEST_AGENT_UNAVAILABLE}.
 * Replies {@link DoneReply}.
 */
public record SetGuestRoutesCommand(String domainName, String nicMac, List<SeedRoute> previous,
    List<SeedRoute> routes) implements AgentCommand {}
