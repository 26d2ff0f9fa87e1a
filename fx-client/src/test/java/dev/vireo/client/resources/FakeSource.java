package dev.vireo.client.resources;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.client.Paging;
import dev.vireo.api.model.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A server's list of {@link Item}s in memory, paged as the server pages, counting the calls. */
final class FakeSource {
  /** A resource of the fake: an id, a name and a state. */
  record Item(String id, String name, String state) {}

  final Map<String, Item> items = new ConcurrentSkipListMap<>();
  final List<String> calls = new CopyOnWriteArrayList<>();

  FakeSource with(Item i) {
    items.put(i.id(), i);
    return this;
  }

  Page<Item> page(Paging p) {
    calls.add("page " + p.offset());
    List<Item> all = new ArrayList<>(items.values());
    int to = Math.min(all.size(), p.offset() + p.limit());
    return new Page<>(all.subList(Math.min(p.offset(), to), to), all.size(), p.offset(), p.limit());
  }

  Item read(String id) {
    calls.add("read " + id);
    Item i = items.get(id);
    if (i == null) {
      throw new ApiException(404, "not_found", null, "no " + id);
    }
    return i;
  }

  ResourceSource<Item> source() {
    return ResourceSource.paged(Item::id, this::page).readBy(this::read).liveOn("item")
        .goneWhen(i -> "DELETED".equals(i.state()));
  }
}
