package vn.kinhteso.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.kinhteso.quality.SilverFixture.DECLARATIONS;
import static vn.kinhteso.quality.SilverFixture.ECOMMERCE;
import static vn.kinhteso.quality.SilverFixture.QUARANTINE;
import static vn.kinhteso.quality.SilverFixture.REGISTER;
import static vn.kinhteso.quality.SilverFixture.taxId;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.conform.SilverTables;
import vn.kinhteso.lake.Lake;

/**
 * Whole nights through the gate: metrics history in Delta, reruns, and the anomaly of the issue.
 */
class QualityNightsIT {
  private static final int NORMAL = 40;
  private static final LocalDate FIRST_NIGHT = LocalDate.of(2025, 6, 1);

  private static SparkSession spark;
  private static PipelineConfig config;
  private static Reference ref;
  private static SilverFixture fx;

  @TempDir Path lakeDir;
  private Lake lake;
  private final List<Row> register = new ArrayList<>();
  private final List<Row> declarations = new ArrayList<>();
  private final List<Row> sales = new ArrayList<>();

  @BeforeAll
  static void setUpSpark() {
    spark = SharedSpark.get();
    config = SharedSpark.config(Map.of());
    ref = Reference.load(config);
    fx = new SilverFixture(spark, ref);
  }

  @BeforeEach
  void setUpLake() {
    lake = new Lake(spark, lakeDir.toString());
  }

  /**
   * Night {@code n} delivers month n of 2025: declarations of that month and each platform's sales.
   */
  private SilverTables deliver(int n, int declared, List<String> platforms) {
    String run = "run-" + n;
    String month = YearMonth.of(2025, n).toString();
    if (register.isEmpty()) {
      for (int i = 0; i < NORMAL; i++) {
        register.add(SilverFixture.register(taxId(i), "4771", "G", false, run));
      }
    }
    for (int i = 0; i < declared; i++) {
      declarations.add(fx.declaration(taxId(i), month, "01", 0, 1_000_000L + i, true, run));
    }
    for (String p : platforms) {
      for (int j = 0; j < 4; j++) {
        sales.add(fx.sale(p, month, "p:" + p + j, "household", "01", "fashion", 1000, 0, run));
      }
    }
    return silver();
  }

  private SilverTables silver() {
    return SilverFixture.tables(
        null,
        fx.frame(register, REGISTER),
        fx.frame(declarations, DECLARATIONS),
        fx.frame(sales, ECOMMERCE),
        fx.frame(List.of(), QUARANTINE));
  }

  /** Evaluates night {@code n} and marks it published unless the gate blocks it. */
  private QualityReport night(PipelineConfig c, int n, SilverTables silver) {
    QualityGate gate = new QualityGate(spark, lake, c, ref);
    QualityReport report =
        gate.evaluate("run-" + n, FIRST_NIGHT.plusDays(n), silver, null, Optional.empty());
    gate.markRun("run-" + n, FIRST_NIGHT.plusDays(n), !report.blocksPublishing());
    return report;
  }

  private static List<CheckOutcome> anomalies(QualityReport r, String id) {
    return r.anomalies().stream().filter(a -> a.checkId().equals(id)).toList();
  }

  @Test
  void halfADeliveryIsFlaggedAndTheNextNormalNightIsNot() {
    List<String> platforms = List.of("shopee", "lazada");
    for (int n = 1; n <= 3; n++) {
      QualityReport normal = night(config, n, deliver(n, NORMAL, platforms));
      assertTrue(normal.anomalies().isEmpty(), normal.summary());
      assertFalse(normal.blocksPublishing(), normal.summary());
    }

    QualityReport half = night(config, 4, deliver(4, NORMAL / 2, platforms));
    List<CheckOutcome> flagged = anomalies(half, QualityMetrics.VOLUME_CHANGE);
    assertEquals(
        List.of("tax/declarations", "tax/declarations"),
        flagged.stream().map(CheckOutcome::table).toList(),
        half.summary());
    assertTrue(
        flagged
            .get(0)
            .message()
            .startsWith("tax/declarations rows: 20 tonight vs 40 on 2025-06-04"),
        flagged.get(0).message());
    assertEquals(CheckOutcome.Status.WARNING, flagged.get(0).status());
    assertFalse(half.blocksPublishing(), "an anomaly is a warning unless conf says error");
    assertTrue(half.summary().contains("anomaly.volume_change (tax/declarations)"), half.summary());

    QualityReport after = night(config, 5, deliver(5, NORMAL, platforms));
    assertTrue(after.anomalies().isEmpty(), after.summary());

    Dataset<Row> metrics =
        lake.read(Lake.QUALITY, QualityStore.METRICS)
            .where("metric = 'rows' AND dimension = 'all'");
    assertEquals(1, metrics.where("flagged").count());
    assertEquals("tax/declarations", metrics.where("flagged").head().getAs("source"));
    assertEquals(5 * 3, metrics.where("published").count());

    String latest = QualityCommands.latestReport(lake);
    assertTrue(latest.contains("run run-5 of " + FIRST_NIGHT.plusDays(5) + " (published)"), latest);
    assertTrue(
        latest.contains(
            FIRST_NIGHT.plusDays(4) + "  published      ecommerce 8  tax/declarations 20!"),
        latest);
  }

  @Test
  void aRerunOfTheSameNightReplacesItsRows() {
    SilverTables silver = deliver(1, NORMAL, List.of("shopee"));
    night(config, 1, silver);
    long metrics = lake.read(Lake.QUALITY, QualityStore.METRICS).count();
    long results = lake.read(Lake.QUALITY, QualityStore.CHECK_RESULTS).count();

    // The rerun gets a new run id; the night's files were ingested by the first attempt.
    QualityGate gate = new QualityGate(spark, lake, config, ref);
    gate.evaluate("run-1-again", FIRST_NIGHT.plusDays(1), silver, null, Optional.empty());
    Dataset<Row> after = lake.read(Lake.QUALITY, QualityStore.METRICS);
    assertEquals(metrics, after.count());
    assertEquals(results, lake.read(Lake.QUALITY, QualityStore.CHECK_RESULTS).count());
    assertEquals(1, after.select("run_id").distinct().count());
    Row rows =
        after.where("source = 'tax/declarations' AND metric = 'rows' AND dimension = 'all'").head();
    assertEquals("run-1-again", rows.getAs("run_id"));
    assertEquals((double) NORMAL, (Double) rows.getAs("value"), 0.0);
    assertFalse((Boolean) rows.getAs("published"), "not published until markRun");
  }
}
