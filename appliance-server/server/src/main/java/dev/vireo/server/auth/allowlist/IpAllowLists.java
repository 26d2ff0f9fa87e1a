package dev.vireo.server.auth.allowlist;

import dev.vireo.server.http.ApiException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * The login IP allow-list of each account (white paper 5.2.2 "login access restriction"): when an
 * account has entries, it may log in and call the API only from a client address they contain.
 * Parsed lists are cached per account and dropped on each write.
 */
public final class IpAllowLists {
  static final int MAX_ENTRIES = 100;
  private final Jdbi jdbi;
  private final Map<String, List<IpRange>> cache = new ConcurrentHashMap<>();

  public IpAllowLists(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public List<String> entries(String accountId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT entry FROM account_ip_allow_list WHERE account_id = :a"
        + " ORDER BY position").bind("a", accountId).mapTo(String.class).list());
  }

  /** Checks every entry (400 naming the first bad one as entries[i]) and answers them normalised. */
  public static List<IpRange> validate(List<String> entries) {
    if (entries == null) {
      throw new ApiException(400, "invalid", "entries", "entries: is required (an empty list allows any address)");
    }
    if (entries.size() > MAX_ENTRIES) {
      throw new ApiException(400, "invalid", "entries", "entries: at most " + MAX_ENTRIES + " entries");
    }
    List<IpRange> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String[] why = new String[1];
      String e = entries.get(i);
      var range = IpRange.parse(e, why);
      if (range.isEmpty()) {
        throw new ApiException(400, "invalid", "entries[" + i + "]", "entries[" + i + "]: '" + e + "' " + why[0]);
      }
      out.add(range.get());
    }
    return out;
  }

  public void set(String accountId, List<IpRange> ranges) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM account_ip_allow_list WHERE account_id = :a").bind("a", accountId).execute();
      for (int i = 0; i < ranges.size(); i++) {
        h.createUpdate("INSERT INTO account_ip_allow_list (account_id, position, entry) VALUES (:a, :p, :e)")
            .bind("a", accountId).bind("p", i).bind("e", ranges.get(i).text()).execute();
      }
    });
    cache.remove(accountId);
  }

  /** Whether the account may act from {@code client} (any address when its list is empty). */
  public boolean allows(String accountId, InetAddress client) {
    List<IpRange> ranges = cache.computeIfAbsent(accountId, a -> entries(a).stream()
        .map(e -> IpRange.parse(e, new String[1]).orElseThrow()).toList());
    return ranges.isEmpty() || (client != null && ranges.stream().anyMatch(r -> r.contains(client)));
  }

  public static boolean allows(List<IpRange> ranges, InetAddress client) {
    return ranges.isEmpty() || (client != null && ranges.stream().anyMatch(r -> r.contains(client)));
  }

  /** 403 when the account may not act from {@code client}. */
  public void check(String accountId, String login, InetAddress client) {
    if (!allows(accountId, client)) {
      throw new ApiException(403, "ip_not_allowed", null, "account " + login + " may not log in or call the API from "
          + (client == null ? "an unknown address" : client.getHostAddress()) + " (its IP allow-list)");
    }
  }

  public void forget(String accountId) {
    cache.remove(accountId);
  }
}
