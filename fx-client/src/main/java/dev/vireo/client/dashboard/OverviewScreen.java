package dev.vireo.client.dashboard;

import dev.vireo.client.app.AppContext;
import dev.vireo.client.app.Screen;
import java.time.Clock;
import java.time.ZoneId;
import javafx.scene.Node;

/**
 * The overview entry of the main window's navigation ({@code dashboard.nav.overview}): totals,
 * allocation and top-5 lists of the session's server, refreshed every 10 s while shown.
 */
public final class OverviewScreen implements Screen {
  private final AppContext ctx;
  private final OverviewViewModel model;
  private OverviewView view;

  public OverviewScreen(AppContext ctx) {
    this.ctx = ctx;
    this.model = new OverviewViewModel(new SdkDashboardSource(ctx.client()), ctx.io(), Clock.systemUTC());
  }

  @Override
  public String titleKey() {
    return "dashboard.nav.overview";
  }

  @Override
  public Node view() {
    if (view == null) {
      view = new OverviewView(model, ctx.text(), new FigureFormat(ctx.text().locale(), ZoneId.systemDefault()));
    }
    return view.node();
  }

  @Override
  public void shown() {
    model.refresh();
  }

  /** Its view-model (tests wait on its refresh). */
  public OverviewViewModel viewModel() {
    return model;
  }
}
