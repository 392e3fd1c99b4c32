package vn.kinhteso.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.generate.GenerationSummary;
import vn.kinhteso.generate.LandingGenerator;
import vn.kinhteso.oracle.GoldTables;
import vn.kinhteso.oracle.ReferenceEstimator;
import vn.kinhteso.publish.Lake;

/**
 * End to end on a generated dirty landing zone: every injected bad row is quarantined under its
 * class, every file reconciles, and every gold number equals what the independent plain-Java
 * estimator (test scope, written from the spec alone) computes from the same files.
 */
class GeneratedLandingTest {
  @TempDir static Path landing;
  @TempDir static Path lakeDir;
  static Lake lake;
  static Nightly.Outcome outcome;
  static ReferenceEstimator.Result oracle;
  static GenerationSummary generated;

  @BeforeAll
  static void generateAndRun() {
    SparkSession spark = SharedSpark.get();
    PipelineConfig config = SharedSpark.config(Map.of(PipelineConfig.LANDING, landing.toString(),
        PipelineConfig.LAKE, lakeDir.toString(), PipelineConfig.BOOTSTRAP_REPLICATES, "20"));
    Reference ref = Reference.load(config);
    generated = LandingGenerator.generate(landing, 20261123L, 0.25, true, ref);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    outcome = new Nightly(spark, config, ref, NoChecks.INSTANCE,
        new PrintStream(buf, true, StandardCharsets.UTF_8)).run(LocalDate.of(2026, 1, 15));
    System.out.println(buf.toString(StandardCharsets.UTF_8));
    lake = new Lake(spark, lakeDir.toString());
    oracle = ReferenceEstimator.estimate(landing, ref);
  }

  static List<Map<String, Object>> rows(String table) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row r : lake.read(Lake.GOLD, table).collectAsList()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (String c : r.schema().fieldNames()) {
        m.put(c, r.getAs(c));
      }
      out.add(m);
    }
    return out;
  }

  void check(String table, List<Map<String, Object>> expected) {
    GoldTables.TableDiff diff = GoldTables.compare(table, expected, rows(table), GoldTables.KEYS.get(table), 1e-9, 1e-9);
    assertTrue(diff.isEmpty(), diff.describe(30));
    assertTrue(expected.size() > 100, "a landing zone big enough to mean something: " + expected.size());
  }

  @Test
  void publishes() {
    assertEquals(0, outcome.exitCode(), outcome.message());
  }

  @Test
  void everyInjectedBadRowIsQuarantinedUnderItsClass() {
    Map<String, Long> got = new java.util.TreeMap<>();
    for (Row r : lake.read(Lake.QUALITY, "quarantine").groupBy("reason").count().collectAsList()) {
      got.put(r.getString(0), r.getLong(1));
    }
    Map<String, Long> want = new java.util.TreeMap<>();
    generated.expectedQuarantine().forEach((reason, n) -> {
      if (n > 0 && !reason.equals("nfd_repaired")) {
        want.put(reason, n);
      }
    });
    assertTrue(want.size() >= 14, "the dirty zone exercises every class: " + want);
    assertEquals(want, got);
    assertEquals(0, lake.read(Lake.OPS, "file_reconciliation").where("NOT reconciles").count());
  }

  @Test
  void digitalEconomyShareEqualsTheIndependentEstimate() {
    check(GoldTables.DIGITAL_ECONOMY_SHARE, oracle.digitalEconomyShare());
  }

  @Test
  void labourProductivityEqualsTheIndependentEstimate() {
    check(GoldTables.LABOUR_PRODUCTIVITY, oracle.labourProductivity());
  }

  @Test
  void digitalIndicatorsEqualTheIndependentEstimate() {
    check(GoldTables.DIGITAL_INDICATORS, oracle.digitalIndicators());
  }
}
