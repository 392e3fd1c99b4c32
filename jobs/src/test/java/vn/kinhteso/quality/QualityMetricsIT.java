package vn.kinhteso.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.kinhteso.quality.SilverFixture.DECLARATIONS;
import static vn.kinhteso.quality.SilverFixture.ECOMMERCE;
import static vn.kinhteso.quality.SilverFixture.taxId;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.conform.SilverTables;
import vn.kinhteso.quality.QualityMetrics.Point;

/** The anomaly rules on hand-made history (no Delta, no checks: only what the rules read). */
class QualityMetricsIT {
  private static final LocalDate TONIGHT = LocalDate.of(2025, 6, 10);
  private static final SilverTables NOTHING = SilverFixture.tables(null, null, null, null, null);

  private static SparkSession spark;
  private static QualityMetrics metrics;
  private static SilverFixture fx;

  @BeforeAll
  static void setUp() {
    spark = SharedSpark.get();
    PipelineConfig config = SharedSpark.config(Map.of());
    metrics = new QualityMetrics(config);
    fx = new SilverFixture(spark, Reference.load(config));
  }

  /** A night of quality.metrics: rows delivered by a source. */
  private static Row night(
      int daysBefore, String source, double rows, boolean published, boolean flagged) {
    return RowFactory.create(
        Date.valueOf(TONIGHT.minusDays(daysBefore)),
        "run-" + daysBefore,
        source,
        QualityMetrics.ROWS,
        QualityMetrics.ALL,
        "*",
        rows,
        "Size(None)",
        flagged,
        published,
        Timestamp.valueOf("2025-06-01 02:00:00"));
  }

  private static Optional<Dataset<Row>> history(List<Row> nights) {
    return Optional.of(spark.createDataFrame(nights, QualityStore.METRICS_SCHEMA));
  }

  private static List<Point> tonight(String source, double rows) {
    return List.of(
        new Point(source, QualityMetrics.ROWS, QualityMetrics.ALL, "*", rows, "Size(None)"));
  }

  private static List<CheckOutcome> detect(
      List<Point> tonight, List<Row> nights, SilverTables silver) {
    return metrics.detect(TONIGHT, tonight, history(nights), silver).anomalies();
  }

  @Test
  void onlyPublishedUnflaggedNightsFormTheBaseline() {
    List<Row> nights =
        new ArrayList<>(
            List.of(
                night(6, "tax/declarations", 40, true, false),
                night(5, "tax/declarations", 40, true, false),
                night(4, "tax/declarations", 40, true, false),
                night(3, "tax/declarations", 20, true, true)));
    // A flagged night is no reference: 20 against the last good 40 is still a drop.
    assertEquals(1, detect(tonight("tax/declarations", 20), nights, NOTHING).size());
    // A run that did not publish is no reference either: 80 is compared with 40, not with 80.
    nights.add(night(2, "tax/declarations", 80, false, false));
    List<CheckOutcome> found = detect(tonight("tax/declarations", 80), nights, NOTHING);
    assertEquals(1, found.size());
    assertTrue(
        found.get(0).message().contains("80 tonight vs 40 on 2025-06-06"), found.get(0).message());
    // Within ±30% is normal.
    assertTrue(detect(tonight("tax/declarations", 50), nights, NOTHING).isEmpty());
  }

  @Test
  void noAnomalyBeforeTheMinimumHistory() {
    List<Row> nights =
        List.of(night(2, "ecommerce", 100, true, false), night(1, "ecommerce", 100, true, false));
    assertTrue(detect(tonight("ecommerce", 10), nights, NOTHING).isEmpty());
    // Statistics arrive a few times a year: not among the nightly sources by default.
    List<Row> stats =
        List.of(
            night(3, "statistics/grdp", 100, true, false),
            night(2, "statistics/grdp", 100, true, false),
            night(1, "statistics/grdp", 100, true, false));
    assertTrue(detect(tonight("statistics/grdp", 10), stats, NOTHING).isEmpty());
  }

  @Test
  void aNightlySourceThatDeliversNothingIsFlagged() {
    List<Row> nights =
        List.of(
            night(3, "tax/declarations", 40, true, false),
            night(2, "tax/declarations", 40, true, false),
            night(1, "tax/declarations", 40, true, false));
    QualityMetrics.Detection d =
        metrics.detect(TONIGHT, tonight("tax/declarations", 0), history(nights), NOTHING);
    assertEquals(
        List.of(QualityMetrics.SOURCE_SILENT),
        d.anomalies().stream().map(CheckOutcome::checkId).toList());
    assertEquals(Set.of("tax/declarations"), d.flaggedSources());
  }

  @Test
  void aPlatformThatStopsReportingIsFlagged() {
    List<Row> sales = new ArrayList<>();
    for (String month : List.of("2025-01", "2025-02", "2025-03")) {
      sales.add(fx.sale("shopee", month, "p:1", "household", "01", "fashion", 10, 0, "r"));
    }
    sales.add(fx.sale("lazada", "2025-01", "p:2", "household", "01", "fashion", 10, 0, "r"));
    sales.add(fx.sale("lazada", "2025-02", "p:2", "household", "01", "fashion", 10, 0, "r"));
    // Gone for more than a year: left the market, no longer reported.
    sales.add(fx.sale("sendo", "2023-11", "p:3", "household", "01", "fashion", 10, 0, "r"));
    SilverTables silver = SilverFixture.tables(null, null, null, fx.frame(sales, ECOMMERCE), null);
    List<CheckOutcome> found = detect(List.of(), List.of(), silver);
    assertEquals(
        List.of("platform lazada last reported 2025-02; other platforms reported up to 2025-03"),
        found.stream().map(CheckOutcome::message).toList());
    assertEquals(QualityMetrics.PLATFORM_SILENT, found.get(0).checkId());
  }

  @Test
  void aMissingPeriodIsFlagged() {
    List<Row> decl = new ArrayList<>();
    for (String period :
        List.of("2024-11", "2024-12", "2025-01", "2025-04", "2024-Q3", "2025-Q1")) {
      decl.add(fx.declaration(taxId(1), period, "01", 0, 1_000_000L, true, "r"));
    }
    SilverTables silver =
        SilverFixture.tables(null, null, fx.frame(decl, DECLARATIONS), null, null);
    assertEquals(
        List.of(
            "tax/declarations monthly: 2 period(s) missing between 2024-11 and 2025-04: 2025-02, 2025-03",
            "tax/declarations quarterly: 1 period(s) missing between 2024-Q3 and 2025-Q1: 2024-Q4"),
        detect(List.of(), List.of(), silver).stream().map(CheckOutcome::message).toList());
  }
}
