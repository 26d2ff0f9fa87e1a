package dev.vireo.agent.secgroup;

import dev.vireo.agent.command.CommandFailedException;
import dev.vireo.agent.protocol.NicFilter;
import dev.vireo.agent.protocol.NicFilter.FilterRule;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a {@link NicFilter} before any of it reaches ovs-ofctl: the text goes into a flow file, so
 * a match with a newline or an {@code actions=} would be a flow of its own. The agent trusts the
 * server's compilation, not the bytes on the wire.
 */
final class FilterCheck {
  private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
  private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern V6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");
  /** OpenFlow match fields and values: names, numbers, addresses, CIDRs, value/mask; no actions. */
  private static final Pattern MATCH = Pattern.compile("[a-z0-9_]+(=[0-9A-Za-z:./]+)?(,[a-z0-9_]+(=[0-9A-Za-z:./]+)?)*");

  private FilterCheck() {}

  /** The MAC in the form tap names and flows use (lower case); INVALID_COMMAND when it is none. */
  static String mac(String mac) {
    String m = mac == null ? "" : mac.toLowerCase(Locale.ROOT);
    if (!MAC.matcher(m).matches()) {
      throw invalid("NIC MAC " + mac + " is not a MAC address");
    }
    return m;
  }

  /** The filter with its MAC in lower case, or INVALID_COMMAND naming what is wrong. */
  static NicFilter check(NicFilter f) {
    if (f == null) {
      throw invalid("a filter is null");
    }
    String mac = mac(f.mac());
    List<String> addresses = f.addresses() == null ? List.of() : f.addresses();
    for (String a : addresses) {
      if (a == null || !(V4.matcher(a).matches() || a.indexOf(':') >= 0 && V6.matcher(a).matches())) {
        throw invalid("NIC " + mac + ": address " + a + " is not an IPv4 or IPv6 address");
      }
    }
    List<FilterRule> rules = f.rules() == null ? List.of() : f.rules();
    for (int i = 0; i < rules.size(); i++) {
      FilterRule r = rules.get(i);
      String where = "NIC " + mac + " rules[" + i + "]";
      if (r == null || !("INGRESS".equals(r.direction()) || "EGRESS".equals(r.direction()))) {
        throw invalid(where + ": direction must be INGRESS or EGRESS");
      }
      if (r.rank() < 0 || r.rank() > NicFlows.TOP - 3) {
        throw invalid(where + ": rank must be 0.." + (NicFlows.TOP - 3) + ", got " + r.rank());
      }
      if (r.match() == null || !MATCH.matcher(r.match()).matches() || r.match().contains("actions")
          || r.match().contains("in_port") || r.match().contains("cookie") || r.match().contains("table")) {
        throw invalid(where + ": match " + r.match() + " is not an OpenFlow match of a rule");
      }
    }
    return new NicFilter(mac, List.copyOf(addresses), List.copyOf(rules));
  }

  private static CommandFailedException invalid(String message) {
    return new CommandFailedException("INVALID_COMMAND", message);
  }
}
