package dev.vireo.client.main;

import dev.vireo.client.app.AppContext;
import dev.vireo.client.app.Screen;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The app's navigation, in order: overview, VMs, images, disks, networks, security groups,
 * isolation groups, clusters, nodes, storage, jobs, alarms, operation log, resource events, then
 * any {@link #add added} factory.
 */
public final class ScreenCatalog {
  private static final List<Function<AppContext, Screen>> EXTRA = new CopyOnWriteArrayList<>();

  private ScreenCatalog() {}

  /** Adds a screen at the end of the navigation (a package whose screen is not listed here yet). */
  public static void add(Function<AppContext, Screen> factory) {
    EXTRA.add(factory);
  }

  /** New screens of the session {@code ctx}. */
  public static List<Screen> standard(AppContext ctx) {
    List<Screen> list = new ArrayList<>();
    list.add(new dev.vireo.client.dashboard.OverviewScreen(ctx));
    list.add(new dev.vireo.client.vms.VmsScreen(ctx));
    list.add(new ImagesScreen(ctx));
    list.add(new DisksScreen(ctx));
    list.add(new NetworksScreen(ctx));
    list.add(new SecurityGroupsScreen(ctx));
    list.add(new IsolationGroupsScreen(ctx));
    list.add(new ClustersScreen(ctx));
    list.add(new NodesScreen(ctx));
    list.add(new StorageScreen(ctx));
    list.add(new JobsScreen(ctx));
    list.add(new AlarmsScreen(ctx));
    list.add(new OperationLogScreen(ctx));
    list.add(new ResourceEventsScreen(ctx));
    for (Function<AppContext, Screen> f : EXTRA) {
      list.add(f.apply(ctx));
    }
    return list;
  }
}
