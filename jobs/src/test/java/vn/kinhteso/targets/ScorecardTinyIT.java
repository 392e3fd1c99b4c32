package vn.kinhteso.targets;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.config.ConfigKeys;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.lake.Lake;
import vn.kinhteso.run.Nightly;

/**
 * One nightly run on shared/examples/tiny: the published scorecard has every target of
 * conf/targets.csv once, with a valid status, and its 2025 statuses follow from the published gold
 * exactly as a reader would compute them by hand.
 */
class ScorecardTinyIT {
  @TempDir static Path landing;
  @TempDir static Path lakeDir;
  static SparkSession spark = SharedSpark.get();
  static PipelineConfig config;
  static Reference reference;
  static Lake lake;
  static List<Target> targets;
  static Map<String, Row> scorecard;

  @BeforeAll
  static void night() throws IOException {
    Path tiny = SharedSpark.sharedDir().resolve("examples/tiny/landing");
    try (Stream<Path> files = Files.walk(tiny)) {
      for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        Path to = landing.resolve(tiny.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    }
    config =
        SharedSpark.config(
            Map.of(
                ConfigKeys.LANDING.name(),
                landing.toString(),
                ConfigKeys.LAKE.name(),
                lakeDir.toString()));
    reference = Reference.load(config);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Nightly.Outcome o =
        new Nightly(
                spark,
                config,
                reference,
                (runId, d, p, l, silver, staged, out) -> vn.kinhteso.quality.GateDecision.allow(),
                new PrintStream(buf, true, StandardCharsets.UTF_8))
            .run(LocalDate.of(2026, 1, 15));
    System.out.println(buf.toString(StandardCharsets.UTF_8));
    assertEquals(0, o.exitCode(), o.message());
    lake = new Lake(spark, lakeDir.toString());
    targets = Targets.load(config, reference.provinces2004().keySet());
    scorecard = new HashMap<>();
    for (Row r : lake.read(Lake.GOLD, TargetTables.SCORECARD).collectAsList()) {
      scorecard.merge(
          r.getAs("target_id"),
          r,
          (a, b) -> {
            throw new AssertionError("target " + a.getAs("target_id") + " twice in the scorecard");
          });
    }
  }

  @Test
  void everyTargetOnceWithAValidStatus() {
    assertEquals(targets.size(), scorecard.size());
    assertEquals(40, targets.size(), "31 targets of the seed plans and 9 national ones");
    for (Target t : targets) {
      Row r = scorecard.get(t.id());
      assertNotNull(r, t.id());
      assertTrue(
          Scorecard.STATUSES.contains(r.<String>getAs("status")),
          t.id() + ": " + r.getAs("status"));
      assertNotNull(r.getAs("note"), t.id());
      if (!t.measurable()) {
        assertEquals(Scorecard.NOT_MEASURABLE, r.getAs("status"));
        assertTrue(r.<String>getAs("note").contains(t.neededDataset()), r.<String>getAs("note"));
      }
    }
  }

  /** The value of the target year, read in gold as targets.md says, without the pipeline's code. */
  static Double byHand(Target t, String level, String code) {
    String where =
        String.format(
            Locale.ROOT,
            "geo_level = '%s' AND province_code = '%s' AND year = %d",
            level,
            code,
            t.year());
    List<Row> rows;
    switch (t.indicator()) {
      case Indicators.DIGITAL_ECONOMY_SHARE:
        rows =
            lake.read(Lake.GOLD, "digital_economy_share")
                .where(where + " AND sector = 'ALL'")
                .select("share_pct")
                .collectAsList();
        break;
      case Indicators.MIN_SECTOR_SHARE:
        rows =
            lake.read(Lake.GOLD, "digital_economy_share")
                .where(where + " AND sector <> 'ALL' AND grdp_current_bn_vnd > 0")
                .agg(org.apache.spark.sql.functions.min("share_pct"))
                .collectAsList();
        break;
      case Indicators.PRODUCTIVITY_GROWTH:
        rows =
            lake.read(Lake.GOLD, "labour_productivity")
                .where(where + " AND sector = 'ALL'")
                .select("growth_pct")
                .collectAsList();
        break;
      default:
        rows =
            lake.read(Lake.GOLD, "digital_indicators")
                .where(where + " AND indicator = '" + t.indicator() + "'")
                .select("value")
                .collectAsList();
    }
    return rows.isEmpty() || rows.get(0).isNullAt(0)
        ? null
        : ((Number) rows.get(0).get(0)).doubleValue();
  }

  @Test
  void targetsOf2025MetOrNotMetAsComputedByHandFromGold() {
    int decided = 0;
    for (Target t : targets) {
      if (t.year() != 2025 || !t.measurable()) {
        continue;
      }
      String level = t.national() ? "national" : "province_2025";
      String code = t.national() ? "VN" : reference.crosswalk().get(t.provinceCode());
      Double actual = byHand(t, level, code);
      Row r = scorecard.get(t.id());
      if (actual == null) {
        assertTrue(
            List.of(
                    Scorecard.ON_TRACK,
                    Scorecard.AT_RISK,
                    Scorecard.OFF_TRACK,
                    Scorecard.NOT_MEASURABLE)
                .contains(r.<String>getAs("status")),
            t.id() + " has no 2025 value: " + r.getAs("status"));
        continue;
      }
      decided++;
      String expected = t.comparator().meets(actual, t.value()) ? Scorecard.MET : Scorecard.NOT_MET;
      assertEquals(expected, r.getAs("status"), t.id() + " with " + actual);
      assertEquals(actual, r.<Double>getAs("latest_value"), 1e-12, t.id());
      assertEquals(2025, r.<Integer>getAs("latest_year"), t.id());
    }
    // On tiny the 2025 share, sector shares and productivity growth of the new 24 exist, and the
    // nation's.
    assertTrue(decided >= 6, "2025 targets with a value: " + decided);
  }

  @Test
  void targetsOfMergedProvincesNameTheirSuccessor() {
    Row bacGiang = scorecard.get("BG-2025-DE");
    assertEquals("province_2025", bacGiang.getAs("evaluated_geo_level"));
    assertEquals("24", bacGiang.getAs("evaluated_province_code"));
    assertEquals("24", bacGiang.getAs("plan_province_code"));
    assertTrue(
        bacGiang
            .<String>getAs("note")
            .contains("merged on 2025-07-01 into the 2025 province Bắc Ninh (code 24)"),
        bacGiang.<String>getAs("note"));
    Row bacNinh = scorecard.get("BN-2025-DE");
    assertEquals("24", bacNinh.getAs("evaluated_province_code"));
    assertEquals("27", bacNinh.getAs("plan_province_code"));
    assertTrue(
        bacNinh.<String>getAs("note").contains("Bắc Ninh (2004 code 27) was merged"),
        bacNinh.<String>getAs("note"));
    Row binhDuong = scorecard.get("BD-2025-DE");
    assertEquals("79", binhDuong.getAs("evaluated_province_code"));
    Row nation = scorecard.get("VN-2030-DE");
    assertEquals("national", nation.getAs("evaluated_geo_level"));
    assertEquals("VN", nation.getAs("evaluated_province_code"));
  }

  @Test
  void futureTargetsAreProjectedAndTheProjectionsPublished() {
    Row r = scorecard.get("VN-2030-DE");
    assertTrue(
        List.of(Scorecard.ON_TRACK, Scorecard.AT_RISK, Scorecard.OFF_TRACK)
            .contains(r.<String>getAs("status")),
        r.toString());
    assertNotNull(r.getAs("projected_value"));
    Dataset<Row> p =
        lake.read(Lake.GOLD, TargetTables.PROJECTIONS)
            .where(
                col("geo_level")
                    .equalTo("national")
                    .and(col("year").equalTo(2030))
                    .and(col("indicator").equalTo(Indicators.DIGITAL_ECONOMY_SHARE)));
    assertEquals(1, p.count());
    assertEquals(r.<Double>getAs("projected_value"), p.head().<Double>getAs("projected_value"));
    assertTrue(lake.exists(Lake.GOLD, TargetTables.BACKTEST));
  }

  @Test
  void theReportPrintsEveryTargetInVietnameseWithoutColoursOffATerminal() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ScorecardReport.print(lake, null, false, new PrintStream(buf, true, StandardCharsets.UTF_8));
    String text = buf.toString(StandardCharsets.UTF_8);
    assertTrue(!text.contains("\u001b["), "no escape codes when not a terminal");
    for (Target t : targets) {
      assertTrue(text.contains(t.id()), t.id());
    }
    assertTrue(
        text.contains("Bắc Ninh — tỉnh 2025, mã 24; kế hoạch của Bắc Giang (24), Bắc Ninh (27)"),
        text);
    assertTrue(text.contains("Không đo được"), text);
    ByteArrayOutputStream one = new ByteArrayOutputStream();
    ScorecardReport.print(lake, "86", true, new PrintStream(one, true, StandardCharsets.UTF_8));
    String vinhLong = one.toString(StandardCharsets.UTF_8);
    assertTrue(vinhLong.contains("VL-2030-DE") && !vinhLong.contains("BN-2025-DE"), vinhLong);
    assertTrue(vinhLong.contains("\u001b["), "colours in a terminal");
  }
}
