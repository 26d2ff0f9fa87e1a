package dev.vireo.client.dashboard;

import dev.vireo.client.app.Messages;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The overview dashboard: resource totals, allocation bars, top-5 nodes and VMs by CPU, bound to
 * an {@link OverviewViewModel}; refreshes every 10 s while it is shown. Build on the FX thread.
 */
public final class OverviewView {
  private final ScrollPane root;
  private final PeriodicRefresh refresh;

  public OverviewView(OverviewViewModel model, Messages text, FigureFormat format) {
    DashboardFigures f = model.figures();
    Label title = new Label(text.get("dashboard.overview.title"));
    title.getStyleClass().add("dashboard-title");
    Label updated = new Label();
    updated.getStyleClass().add("updated-at");
    f.updatedAtProperty().addListener((o, a, at) -> updated.setText(text.get("dashboard.updatedAt", format.time(at))));
    Label problem = new Label();
    problem.getStyleClass().add("problem");
    problem.setId("overview-problem");
    problem.textProperty().bind(f.problemProperty().map(p -> p.isEmpty() ? "" : text.get("dashboard.problem", p)));
    problem.visibleProperty().bind(f.problemProperty().isNotEmpty());
    problem.managedProperty().bind(problem.visibleProperty());
    Label noMetrics = new Label(text.get("dashboard.metricsUnavailable"));
    noMetrics.getStyleClass().add("placeholder");
    noMetrics.visibleProperty().bind(f.metricsAvailableProperty().not());
    noMetrics.managedProperty().bind(noMetrics.visibleProperty());
    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    HBox header = new HBox(12, title, grow, updated);
    header.getStyleClass().add("dashboard-header");

    VBox totals = section(text.get("dashboard.section.resources"), new TotalsPane(f.totalsProperty(), format, text));
    VBox allocation = section(text.get("dashboard.section.allocation"),
        new AllocationBars(f.allocations(), format, text));
    TopListPane nodes = new TopListPane(text.get("dashboard.top.nodesByCpu"), model.topNodesByCpu(), MetricName.CPU,
        format, text);
    nodes.setId("overview-top-nodes-cpu");
    TopListPane vms = new TopListPane(text.get("dashboard.top.vmsByCpu"), model.topVmsByCpu(), MetricName.CPU, format,
        text);
    vms.setId("overview-top-vms-cpu");
    nodes.getStyleClass().add("card");
    vms.getStyleClass().add("card");
    HBox.setHgrow(nodes, Priority.ALWAYS);
    HBox.setHgrow(vms, Priority.ALWAYS);
    nodes.setPrefWidth(0);
    vms.setPrefWidth(0);
    HBox tops = new HBox(16, nodes, vms);

    VBox content = new VBox(16, header, problem, totals, allocation, noMetrics, tops);
    content.getStyleClass().add("dashboard");
    content.getStylesheets().add(OverviewView.class.getResource("dashboard.css").toExternalForm());
    root = new ScrollPane(content);
    root.setFitToWidth(true);
    root.getStyleClass().add("dashboard-scroll");
    root.setId("overview");
    refresh = PeriodicRefresh.whileShowing(root, PeriodicRefresh.EVERY_10_SECONDS, model::refresh);
  }

  private static VBox section(String title, Parent body) {
    Label heading = new Label(title);
    heading.getStyleClass().add("section-title");
    VBox box = new VBox(8, heading, body);
    box.getStyleClass().add("card");
    return box;
  }

  public Parent node() {
    return root;
  }

  /** Whether the 10 s refresh runs (the view is shown). */
  public boolean refreshing() {
    return refresh.running();
  }
}
