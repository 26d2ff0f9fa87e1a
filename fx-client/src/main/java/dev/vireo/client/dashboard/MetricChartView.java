package dev.vireo.client.dashboard;

import dev.vireo.api.model.MetricPoint;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.app.Messages;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Line charts of one node's or VM's metrics (CPU %, memory used, disk read/write and network
 * receive/transmit per second) over the last hour, updated every 10 s while shown, or over a
 * custom range chosen with the from/to pickers. The charts bind to a {@link MetricChartModel}'s
 * history. Other screens embed it with {@link #forResource}.
 */
public final class MetricChartView {
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
  private final MetricChartModel model;
  private final Messages text;
  private final FigureFormat format;
  private final ZoneId zone;
  private final VBox root;
  private final PeriodicRefresh refresh;
  private final List<NumberAxis> timeAxes = new ArrayList<>();

  public MetricChartView(MetricChartModel model, Messages text, FigureFormat format, ZoneId zone) {
    this.model = model;
    this.text = text;
    this.format = format;
    this.zone = zone;
    GridPane charts = new GridPane();
    charts.setHgap(8);
    charts.setVgap(8);
    for (int i = 0; i < 2; i++) {
      ColumnConstraints c = new ColumnConstraints();
      c.setPercentWidth(50);
      charts.getColumnConstraints().add(c);
      RowConstraints r = new RowConstraints();
      r.setVgrow(Priority.ALWAYS);
      charts.getRowConstraints().add(r);
    }
    charts.add(chart("dashboard.chart.cpu", format::percent, true, MetricName.CPU), 0, 0);
    charts.add(chart("dashboard.chart.memory", format::bytes, false, MetricName.MEMORY_USED), 1, 0);
    charts.add(chart("dashboard.chart.disk", format::rate, false, MetricName.DISK_READ, MetricName.DISK_WRITE), 0, 1);
    charts.add(chart("dashboard.chart.network", format::rate, false, MetricName.NETWORK_RX, MetricName.NETWORK_TX),
        1, 1);
    VBox.setVgrow(charts, Priority.ALWAYS);
    Label problem = new Label();
    problem.getStyleClass().add("problem");
    problem.textProperty().bind(model.problemProperty().map(p -> p.isEmpty() ? "" : text.get("dashboard.problem", p)));
    problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
    problem.managedProperty().bind(problem.visibleProperty());
    root = new VBox(8, toolbar(), problem, charts);
    root.getStyleClass().addAll("dashboard", "metric-charts");
    root.getStylesheets().add(MetricChartView.class.getResource("dashboard.css").toExternalForm());
    root.setId("metric-charts");
    model.fromProperty().addListener((o, a, b) -> rangeAxes());
    model.toProperty().addListener((o, a, b) -> rangeAxes());
    rangeAxes();
    refresh = PeriodicRefresh.whileShowing(root, PeriodicRefresh.EVERY_10_SECONDS, model::refresh);
  }

  /**
   * The charts of one resource of the session's server, for a VM's or node's detail pane:
   * {@code resourceType} "vm" or "node", {@code resourceId} its id. Call on the FX thread.
   */
  public static Node forResource(AppContext ctx, String resourceType, String resourceId) {
    return new MetricChartView(MetricChartModel.of(ctx, resourceType, resourceId), ctx.text(),
        new FigureFormat(ctx.text().locale(), ZoneId.systemDefault()), ZoneId.systemDefault()).node();
  }

  public Parent node() {
    return root;
  }

  /** Whether the 10 s refresh runs (the view is shown). */
  public boolean refreshing() {
    return refresh.running();
  }

  private Node toolbar() {
    ToggleButton lastHour = new ToggleButton(text.get("dashboard.chart.lastHour"));
    lastHour.setId("chart-last-hour");
    lastHour.selectedProperty().bind(model.liveProperty());
    lastHour.setOnAction(e -> model.showLastHour());
    DatePicker fromDate = new DatePicker();
    TextField fromTime = timeField();
    DatePicker toDate = new DatePicker();
    TextField toTime = timeField();
    fromDate.setPrefWidth(130);
    toDate.setPrefWidth(130);
    Label bad = new Label();
    bad.getStyleClass().add("problem");
    Button apply = new Button(text.get("dashboard.chart.apply"));
    apply.setId("chart-apply");
    apply.setOnAction(e -> {
      Instant f = instant(fromDate.getValue(), fromTime.getText());
      Instant t = instant(toDate.getValue(), toTime.getText());
      bad.setText(MetricChartModel.validRange(f, t) ? "" : text.get("dashboard.chart.badRange"));
      model.showRange(f, t);
    });
    Runnable fill = () -> {
      fromDate.setValue(LocalDate.ofInstant(model.fromProperty().get(), zone));
      fromTime.setText(HH_MM.format(model.fromProperty().get().atZone(zone)));
      toDate.setValue(LocalDate.ofInstant(model.toProperty().get(), zone));
      toTime.setText(HH_MM.format(model.toProperty().get().atZone(zone)));
    };
    fill.run();
    model.liveProperty().addListener((o, a, isLive) -> {
      if (isLive) {
        fill.run();
      }
    });
    FlowPane bar = new FlowPane(8, 8, lastHour, new Label(text.get("dashboard.chart.from")), fromDate, fromTime,
        new Label(text.get("dashboard.chart.to")), toDate, toTime, apply, bad);
    bar.getStyleClass().add("chart-toolbar");
    return bar;
  }

  private TextField timeField() {
    TextField f = new TextField();
    f.setPrefColumnCount(5);
    f.setPromptText(text.get("dashboard.chart.timePrompt"));
    return f;
  }

  private Instant instant(LocalDate date, String time) {
    if (date == null) {
      return null;
    }
    try {
      LocalTime t = time == null || time.isBlank() ? LocalTime.MIDNIGHT : LocalTime.parse(time.strip(), HH_MM);
      return date.atTime(t).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private LineChart<Number, Number> chart(String titleKey, DoubleFunction<String> values, boolean percent,
      String... metrics) {
    NumberAxis time = new NumberAxis();
    time.setAutoRanging(false);
    time.setTickLabelFormatter(new StringConverter<>() {
      @Override
      public String toString(Number seconds) {
        Instant at = Instant.ofEpochSecond(seconds.longValue());
        Duration span = Duration.between(model.fromProperty().get(), model.toProperty().get());
        return span.toHours() > 24 ? format.dateTime(at) : HH_MM.format(at.atZone(zone));
      }

      @Override
      public Number fromString(String s) {
        return 0;
      }
    });
    timeAxes.add(time);
    NumberAxis value = new NumberAxis();
    if (percent) {
      value.setAutoRanging(false);
      value.setLowerBound(0);
      value.setUpperBound(100);
      value.setTickUnit(25);
    } else {
      value.setForceZeroInRange(true);
    }
    value.setTickLabelFormatter(new StringConverter<>() {
      @Override
      public String toString(Number n) {
        return values.apply(n.doubleValue());
      }

      @Override
      public Number fromString(String s) {
        return 0;
      }
    });
    LineChart<Number, Number> chart = new LineChart<>(time, value);
    chart.setTitle(text.get(titleKey));
    chart.setAnimated(false);
    chart.setCreateSymbols(false);
    chart.setLegendVisible(metrics.length > 1);
    chart.setMinHeight(180);
    chart.setId("chart-" + metrics[0]);
    for (String m : metrics) {
      XYChart.Series<Number, Number> series = new XYChart.Series<>();
      series.setName(text.get("dashboard.metric." + m));
      ObservableList<MetricPoint> h = model.history(m);
      Runnable sync = () -> {
        List<XYChart.Data<Number, Number>> data = new ArrayList<>(h.size());
        for (MetricPoint p : h) {
          data.add(new XYChart.Data<>(p.at().getEpochSecond(), p.value()));
        }
        series.getData().setAll(data);
      };
      h.addListener((ListChangeListener<MetricPoint>) c -> sync.run());
      sync.run();
      chart.getData().add(series);
    }
    return chart;
  }

  private void rangeAxes() {
    long lo = model.fromProperty().get().getEpochSecond();
    long hi = model.toProperty().get().getEpochSecond();
    double unit = Math.max(60, (hi - lo) / 6.0);
    for (NumberAxis a : timeAxes) {
      a.setLowerBound(lo);
      a.setUpperBound(hi);
      a.setTickUnit(unit);
    }
  }
}
