package dev.vireo.client.main;

import dev.vireo.client.app.AppContext;
import dev.vireo.client.app.Screen;
import dev.vireo.client.resources.ResourceSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The app's navigation, in order: overview, VMs, images, disks, snapshots, networks, security
 * groups, isolation groups, clusters, nodes, storage, jobs, alarms, operation log, resource events,
 * accounts, roles, API keys, OAuth clients, settings, then any {@link #add added} factory. The resource screens share one {@link ResourceSession}
 * (one event stream, one job tracker); it closes with the last of them.
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
    return standard(ctx, ResourceSession.of(ctx, new dev.vireo.client.vms.FxDialogService()));
  }

  /** New screens of the session {@code ctx}; the resource screens share {@code session} (tests pass other dialogs). */
  public static List<Screen> standard(AppContext ctx, ResourceSession session) {
    List<Screen> list = new ArrayList<>();
    list.add(new dev.vireo.client.dashboard.OverviewScreen(ctx));
    list.add(new dev.vireo.client.vms.VmsScreen(ctx));
    list.add(new dev.vireo.client.images.ImagesScreen(ctx, session));
    list.add(new dev.vireo.client.disks.DisksScreen(ctx, session));
    list.add(new dev.vireo.client.disks.SnapshotsScreen(ctx, session));
    list.add(new dev.vireo.client.networks.NetworksScreen(ctx, session));
    list.add(new dev.vireo.client.secgroups.SecurityGroupsScreen(ctx, session));
    list.add(new IsolationGroupsScreen(ctx, session));
    list.add(new ClustersScreen(ctx, session));
    list.add(new NodesScreen(ctx, session));
    list.add(new StorageScreen(ctx, session));
    list.add(new JobsScreen(ctx, session));
    list.add(new AlarmsScreen(ctx, session));
    list.add(new OperationLogScreen(ctx, session));
    list.add(new ResourceEventsScreen(ctx, session));
    list.add(new dev.vireo.client.accounts.AccountsScreen(ctx, session));
    list.add(new dev.vireo.client.roles.RolesScreen(ctx, session));
    list.add(new dev.vireo.client.apikeys.ApiKeysScreen(ctx, session));
    list.add(new dev.vireo.client.oauth.OAuthClientsScreen(ctx, session));
    list.add(new dev.vireo.client.settings.SettingsScreen(ctx));
    list.add(new dev.vireo.client.specs.SpecsScreen(ctx, session));
    list.add(new dev.vireo.client.specs.DiskSpecsScreen(ctx, session));
    for (Function<AppContext, Screen> f : EXTRA) {
      list.add(f.apply(ctx));
    }
    return list;
  }
}
