package dev.vireo.client.resources;

import dev.vireo.api.client.EventStream;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.Messages;
import dev.vireo.client.app.UiExecutor;
import dev.vireo.client.jobs.JobFetcher;
import dev.vireo.client.jobs.JobTracker;
import dev.vireo.client.vms.DialogService;
import java.time.Duration;
import java.util.function.Function;

/**
 * What the resource screens of one session share: one event stream ({@link EventHub}), one
 * {@link JobTracker} (fed by its "job" events) and the dialogs; closed when the last screen
 * {@link #release releases} it.
 */
public final class ResourceSession {
  private final Background io;
  private final UiExecutor ui;
  private final Messages text;
  private final DialogService dialogs;
  private final EventHub hub;
  private final JobTracker jobs;
  private final Duration coalesce;
  private final dev.vireo.client.app.RegionChoice region;
  private int users;
  private boolean jobsSubscribed;

  public ResourceSession(Background io, UiExecutor ui, Messages text, DialogService dialogs, JobFetcher jobFetcher,
      Function<EventStream.Listener, AutoCloseable> events, Duration jobPoll, Duration coalesce) {
    this(io, ui, text, dialogs, jobFetcher, events, jobPoll, coalesce, new dev.vireo.client.app.RegionChoice());
  }

  /** {@code region}: the main window's region choice, which the tables of regional resources follow (ADR 0047). */
  public ResourceSession(Background io, UiExecutor ui, Messages text, DialogService dialogs, JobFetcher jobFetcher,
      Function<EventStream.Listener, AutoCloseable> events, Duration jobPoll, Duration coalesce,
      dev.vireo.client.app.RegionChoice region) {
    this.region = region;
    this.io = io;
    this.ui = ui;
    this.text = text;
    this.dialogs = dialogs;
    this.hub = new EventHub(events);
    this.jobs = new JobTracker(jobFetcher, io, ui, jobPoll);
    this.coalesce = coalesce;
  }

  /** The session of a logged-in client. */
  public static ResourceSession of(AppContext ctx, DialogService dialogs) {
    return new ResourceSession(ctx.io(), ctx.ui(), ctx.text(), dialogs, ctx.client()::getJob, ctx.client()::events,
        Duration.ofSeconds(1), Duration.ofMillis(250), ctx.region());
  }

  /** Subscribes a screen's listener; the first also makes "job" events read the jobs they name. */
  synchronized void subscribe(EventStream.Listener listener) {
    if (!jobsSubscribed) {
      jobsSubscribed = true;
      hub.subscribe(e -> {
        if ("job".equals(e.kind()) && e.id() != null) {
          jobs.jobChanged(e.id());
        }
      });
    }
    hub.subscribe(listener);
  }

  synchronized void unsubscribe(EventStream.Listener listener) {
    hub.unsubscribe(listener);
  }

  /** A screen uses the session. */
  public synchronized void acquire() {
    users++;
  }

  /** A screen is closed; the last one closes the stream and the tracker. */
  public synchronized void release() {
    if (--users <= 0) {
      hub.close();
      jobs.close();
    }
  }


  public Background io() {
    return io;
  }

  public UiExecutor ui() {
    return ui;
  }

  public Messages text() {
    return text;
  }

  public DialogService dialogs() {
    return dialogs;
  }

  public JobTracker jobs() {
    return jobs;
  }

  /** The region the main window shows. */
  public dev.vireo.client.app.RegionChoice region() {
    return region;
  }

  Duration coalesce() {
    return coalesce;
  }
}
