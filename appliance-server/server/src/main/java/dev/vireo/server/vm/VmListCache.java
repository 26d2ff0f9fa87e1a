package dev.vireo.server.vm;

import dev.vireo.server.http.EncodedJson;
import dev.vireo.server.http.Json;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The serialised pages of {@code GET /api/v1/vms}, valid for one {@link VmStore#version()}. The
 * inventory is read far more often than it changes (every client polls the list; VMs change state
 * a few times a minute), so a page is queried and serialised once per version instead of once per
 * request.
 *
 * <p>Why a reader never gets a page older than the last completed write: a page is stored with the
 * version read BEFORE its queries ran, and only when the version did not move while they ran; it
 * is served only while the current version still equals the stored one. {@link VmStore} bumps the
 * version after each write commits, so a write visible to a later request has bumped the version
 * before that request starts and the stored page no longer matches. A page read inside a
 * transaction (which may include its uncommitted rows) is never stored.
 */
public final class VmListCache {
  /** Distinct query shapes kept; clients page with a handful of shapes, so more only costs memory. */
  static final int MAX_ENTRIES = 32;
  /** Pages larger than this are served but not kept. */
  static final int MAX_PAGE_BYTES = 1 << 20;

  private record Key(String state, String nodeId, int offset, int limit) {}

  private record Entry(long version, EncodedJson json) {}

  private final VmStore vms;
  private final ConcurrentHashMap<Key, Entry> pages = new ConcurrentHashMap<>();

  public VmListCache(VmStore vms) {
    this.vms = vms;
  }

  /**
   * The JSON of {@link VmStore#list}, byte for byte what serialising its answer gives; a page that
   * is kept is also kept gzip-compressed (compressed once per version, not per request).
   */
  public EncodedJson page(String state, String nodeId, int offset, int limit) {
    Key key = new Key(state, nodeId, offset, limit);
    long before = vms.version();
    Entry cached = pages.get(key);
    if (cached != null && cached.version() == before) {
      return cached.json();
    }
    VmStore.Listed listed = vms.listed(state, nodeId, offset, limit);
    byte[] raw = Json.write(listed.page());
    if (listed.committedOnly() && raw.length <= MAX_PAGE_BYTES && vms.version() == before) {
      EncodedJson json = EncodedJson.of(raw);
      if (pages.size() >= MAX_ENTRIES && !pages.containsKey(key)) {
        pages.values().removeIf(e -> e.version() != before);
        if (pages.size() >= MAX_ENTRIES) {
          pages.clear();
        }
      }
      // Keep whichever of two racing readers' pages is newer.
      pages.merge(key, new Entry(before, json), (old, mine) -> old.version() > mine.version() ? old : mine);
      return json;
    }
    return new EncodedJson(raw, null);
  }

  int size() {
    return pages.size();
  }
}
