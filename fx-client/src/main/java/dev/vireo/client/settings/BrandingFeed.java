package dev.vireo.client.settings;

import dev.vireo.api.client.BrandingClient;
import dev.vireo.client.app.Background;
import dev.vireo.client.login.Branding;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the branding again after a change (off the UI thread) and hands it to the listeners. */
final class BrandingFeed {
  private static final Logger LOG = LoggerFactory.getLogger(BrandingFeed.class);
  private final BrandingClient client;
  private final Background io;
  private final List<Consumer<Branding>> listeners = new CopyOnWriteArrayList<>();

  BrandingFeed(BrandingClient client, Background io) {
    this.client = client;
    this.io = io;
  }

  void listen(Consumer<Branding> listener) {
    listeners.add(listener);
  }

  void refresh() {
    io.call(() -> Branding.read(client), b -> listeners.forEach(l -> l.accept(b)),
        e -> LOG.info("cannot read the branding again: {}", e.toString()));
  }
}
