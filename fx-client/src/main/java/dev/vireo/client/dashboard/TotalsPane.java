package dev.vireo.client.dashboard;

import dev.vireo.client.app.Messages;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * The resource totals as cards: VMs and nodes with their counts by state, images, networks and
 * disks. The big figures have the ids {@code vms-total}, {@code nodes-total}, {@code images-total},
 * {@code networks-total} and {@code disks-total}.
 */
public final class TotalsPane extends FlowPane {
  private final Messages text;
  private final FigureFormat format;
  private final boolean vmsAndNodesOnly;

  public TotalsPane(ReadOnlyObjectProperty<ResourceTotals> totals, FigureFormat format, Messages text) {
    this(totals, format, text, false);
  }

  /** With {@code vmsAndNodesOnly}: the VM and node cards only (the big screen's resource overview). */
  public TotalsPane(ReadOnlyObjectProperty<ResourceTotals> totals, FigureFormat format, Messages text,
      boolean vmsAndNodesOnly) {
    this.text = text;
    this.format = format;
    this.vmsAndNodesOnly = vmsAndNodesOnly;
    getStyleClass().add("totals");
    totals.addListener((o, a, t) -> show(t));
    show(totals.get());
  }

  private void show(ResourceTotals t) {
    getChildren().setAll(
        card("vms", t.vms(), t.vmsByState(), "dashboard.vmState."),
        card("nodes", t.nodes(), t.nodesByState(), "dashboard.nodeState."));
    if (!vmsAndNodesOnly) {
      getChildren().addAll(
          card("images", t.images(), List.of(), null),
          card("networks", t.networks(), List.of(), null),
          card("disks", t.disks(), List.of(), null));
    }
  }

  private VBox card(String kind, int total, List<StateCount> states, String statePrefix) {
    Label title = new Label(text.get("dashboard.totals." + kind));
    title.getStyleClass().add("card-title");
    Label value = new Label(format.number(total, 0));
    value.getStyleClass().add("card-value");
    value.setId(kind + "-total");
    VBox card = new VBox(title, value);
    card.getStyleClass().add("figure-card");
    for (StateCount s : states) {
      Label line = new Label(text.get("dashboard.totals.state", text.get(statePrefix + s.state()), s.count()));
      line.getStyleClass().addAll("card-state", "state-" + s.state().toLowerCase(java.util.Locale.ROOT));
      card.getChildren().add(line);
    }
    return card;
  }
}
