package dev.vireo.client.vms;

import dev.vireo.api.client.EventStream;
import dev.vireo.api.model.ServerEvent;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.Messages;
import dev.vireo.client.app.UiExecutor;
import dev.vireo.client.jobs.JobTracker;
import java.time.Duration;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VM screen's view-models together: the table ({@link VmListViewModel}), the detail pane
 * ({@link VmDetailViewModel}), the job tracker, and the live updates that feed them from the
 * server's event stream — "vm" events refresh a row, "job" events read a followed job at once, and
 * a reconnect that cannot replay what it missed reloads the table.
 */
public final class VmsViewModel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VmsViewModel.class);

  private final VmApi api;
  private final Background io;
  private final UiExecutor ui;
  private final Messages text;
  private final JobTracker jobs;
  private final VmListViewModel list;
  private final VmDetailViewModel detail;
  private final BooleanProperty live = new SimpleBooleanProperty();
  private AutoCloseable stream;
  private boolean everConnected;

  public VmsViewModel(VmApi api, Background io, UiExecutor ui, Messages text, DialogService dialogs) {
    this(api, io, ui, text, dialogs, Duration.ofSeconds(1), Duration.ofMillis(250));
  }

  /**
   * @param jobPoll  how often running jobs are read besides their events
   * @param coalesce how long "vm" events are gathered before their VMs are read
   */
  public VmsViewModel(VmApi api, Background io, UiExecutor ui, Messages text, DialogService dialogs,
      Duration jobPoll, Duration coalesce) {
    this.api = api;
    this.io = io;
    this.ui = ui;
    this.text = text;
    this.jobs = new JobTracker(api::getJob, io, ui, jobPoll);
    this.list = new VmListViewModel(api, io, ui, text, coalesce);
    this.detail = new VmDetailViewModel(api, io, text, dialogs, jobs, list);
  }

  /** Loads the table and subscribes to the event stream (once). */
  public void start() {
    if (stream != null) {
      return;
    }
    list.load();
    stream = api.events(new EventStream.Listener() {
      @Override
      public void event(ServerEvent e) {
        onEvent(e);
      }

      @Override
      public void connected(boolean replaying) {
        ui.execute(() -> {
          live.set(true);
          if (everConnected && !replaying) {
            list.load();
          }
          everConnected = true;
        });
      }

      @Override
      public void disconnected(String reason, Duration retryIn) {
        LOG.debug("event stream lost ({}), retry in {}", reason, retryIn);
        ui.execute(() -> live.set(false));
      }
    });
  }

  /** One server event (any thread). */
  public void onEvent(ServerEvent e) {
    if ("job".equals(e.kind())) {
      jobs.jobChanged(e.id());
    } else {
      list.onEvent(e);
    }
  }

  /** A new create wizard's model. */
  public CreateVmWizardModel newWizard() {
    return new CreateVmWizardModel(api, io, text, jobs);
  }

  public VmListViewModel list() {
    return list;
  }

  public VmDetailViewModel detail() {
    return detail;
  }

  public JobTracker jobs() {
    return jobs;
  }

  /** Whether the event stream is open (live updates arrive). */
  public BooleanProperty liveProperty() {
    return live;
  }

  @Override
  public void close() {
    if (stream != null) {
      try {
        stream.close();
      } catch (Exception e) {
        LOG.debug("closing the event stream: {}", e.toString());
      }
    }
    jobs.close();
    list.close();
  }
}
