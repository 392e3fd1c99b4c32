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
import vn.kinhteso.config.ConfigKeys;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.generate.GenerationSummary;
import vn.kinhteso.generate.LandingGenerator;
import vn.kinhteso.lake.Lake;
import vn.kinhteso.oracle.GoldRows;
import vn.kinhteso.oracle.ReferenceEstimator;

/**
 * End to end on a generated dirty landing zone: every injected bad row is quarantined under its
 * class, every file reconciles, and every gold number equals what the independent plain-Java
 * estimator (test scope, written from the spec alone) computes from the same files. The same files
 * delivered night by night, in a random order and with a late amendment of an old period, a GRDP
 * revision and a resend arriving last, end with the same gold and the same quarantine as the one
 * full run.
 */
class GeneratedLandingIT {
  @TempDir static Path landing;
  @TempDir static Path lakeDir;
  @TempDir static Path nightlyLanding;
  @TempDir static Path nightlyLakeDir;
  static final List<String> LAST_NIGHT =
      List.of(
          "tax/declarations/declarations_2022_amendments.csv",
          "statistics/grdp/grdp_2023_revised.csv",
          "ecommerce/grab/grab_2023_resent.jsonl");
  static Lake lake;
  static Lake nightlyLake;
  static List<Nightly.Outcome> nights = new ArrayList<>();
  static List<String> nightFiles = new ArrayList<>();
  static Nightly.Outcome outcome;
  static ReferenceEstimator.Result oracle;
  static GenerationSummary generated;

  /**
   * After the generator's latest release (2026-03-31): no date of the landing zone is in the
   * future.
   */
  static final LocalDate RUN_DATE = LocalDate.of(2026, 4, 15);

  @BeforeAll
  static void generateAndRun() {
    SparkSession spark = SharedSpark.get();
    PipelineConfig config =
        SharedSpark.config(
            Map.of(
                ConfigKeys.LANDING.name(),
                landing.toString(),
                ConfigKeys.LAKE.name(),
                lakeDir.toString(),
                ConfigKeys.BOOTSTRAP_REPLICATES.name(),
                "20"));
    Reference ref = Reference.load(config);
    generated = LandingGenerator.generate(landing, 20261123L, 0.25, true, ref);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    outcome =
        new Nightly(
                spark,
                config,
                ref,
                NoChecks.INSTANCE,
                new PrintStream(buf, true, StandardCharsets.UTF_8))
            .run(RUN_DATE);
    System.out.println(buf.toString(StandardCharsets.UTF_8));
    lake = new Lake(spark, lakeDir.toString());
    oracle = ReferenceEstimator.estimate(landing, ref);
    deliverNightByNight(spark, ref);
  }

  /** Three nights on a second lake: the files shuffled over two, the late ones on the third. */
  static void deliverNightByNight(SparkSession spark, Reference ref) {
    PipelineConfig config =
        SharedSpark.config(
            Map.of(
                ConfigKeys.LANDING.name(),
                nightlyLanding.toString(),
                ConfigKeys.LAKE.name(),
                nightlyLakeDir.toString(),
                ConfigKeys.BOOTSTRAP_REPLICATES.name(),
                "20"));
    List<Path> files;
    try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(landing)) {
      files =
          s.filter(java.nio.file.Files::isRegularFile)
              .filter(p -> !landing.relativize(p).toString().startsWith("_"))
              .sorted()
              .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<Path> late =
        files.stream().filter(p -> LAST_NIGHT.contains(landing.relativize(p).toString())).toList();
    assertEquals(LAST_NIGHT.size(), late.size(), "the generator writes the late files: " + late);
    files.removeAll(late);
    java.util.Collections.shuffle(files, new java.util.Random(20261201L));
    int half = files.size() / 2;
    for (List<Path> night :
        List.of(files.subList(0, half), files.subList(half, files.size()), late)) {
      for (Path f : night) {
        Path to = nightlyLanding.resolve(landing.relativize(f).toString());
        try {
          java.nio.file.Files.createDirectories(to.getParent());
          java.nio.file.Files.copy(f, to);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        nightFiles.add(nights.size() + 1 + ":" + landing.relativize(f));
      }
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      nights.add(
          new Nightly(
                  spark,
                  config,
                  ref,
                  NoChecks.INSTANCE,
                  new PrintStream(buf, true, StandardCharsets.UTF_8))
              .run(RUN_DATE.plusDays(nights.size())));
      System.out.println(buf.toString(StandardCharsets.UTF_8));
    }
    nightlyLake = new Lake(spark, nightlyLakeDir.toString());
  }

  static List<Map<String, Object>> rows(Lake from, String table) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row r : from.read(Lake.GOLD, table).drop("run_id").collectAsList()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (String c : r.schema().fieldNames()) {
        m.put(c, r.getAs(c));
      }
      out.add(m);
    }
    return out;
  }

  static List<Map<String, Object>> rows(String table) {
    return rows(lake, table);
  }

  void check(String table, List<Map<String, Object>> expected) {
    GoldRows.TableDiff diff =
        GoldRows.compare(table, expected, rows(table), GoldRows.KEYS.get(table), 1e-9, 1e-9);
    assertTrue(diff.isEmpty(), diff.describe(30));
    assertTrue(
        expected.size() > 100, "a landing zone big enough to mean something: " + expected.size());
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
    generated
        .expectedQuarantine()
        .forEach(
            (reason, n) -> {
              if (n > 0 && !reason.equals("nfd_repaired")) {
                want.put(reason, n);
              }
            });
    assertTrue(want.size() >= 14, "the dirty zone exercises every class: " + want);
    assertEquals(want, got);
    assertEquals(0, lake.read(Lake.OPS, "file_reconciliation").where("NOT reconciles").count());
  }

  @Test
  void nightByNightDeliveryEndsWithTheGoldOfOneFullRun() {
    for (Nightly.Outcome o : nights) {
      assertEquals(0, o.exitCode(), o.message());
    }
    for (String table :
        List.of(
            GoldRows.DIGITAL_ECONOMY_SHARE,
            GoldRows.LABOUR_PRODUCTIVITY,
            GoldRows.DIGITAL_INDICATORS)) {
      List<Map<String, Object>> full = rows(lake, table);
      List<Map<String, Object>> nightly = rows(nightlyLake, table);
      // Same rows; numbers equal up to the last bits of a double sum taken in another order.
      GoldRows.TableDiff diff =
          GoldRows.compare(table, full, nightly, GoldRows.KEYS.get(table), 1e-12, 1e-12);
      assertTrue(diff.isEmpty(), "nights " + nightFiles + "\n" + diff.describe(30));
      assertEquals(full.size(), nightly.size(), table);
      assertEquals(
          nightly.size(),
          nightlyLake
              .read(Lake.GOLD, table)
              .select(
                  GoldRows.KEYS.get(table).stream()
                      .map(org.apache.spark.sql.functions::col)
                      .toArray(org.apache.spark.sql.Column[]::new))
              .distinct()
              .count(),
          table + " has one row per key");
    }
    java.util.function.Function<Lake, List<String>> quarantine =
        l ->
            l
                .read(Lake.QUALITY, "quarantine")
                .groupBy("source", "reason")
                .count()
                .orderBy("source", "reason")
                .collectAsList()
                .stream()
                .map(Row::toString)
                .toList();
    assertEquals(quarantine.apply(lake), quarantine.apply(nightlyLake));
    assertEquals(
        0, nightlyLake.read(Lake.OPS, "file_reconciliation").where("NOT reconciles").count());
  }

  @Test
  void digitalEconomyShareEqualsTheIndependentEstimate() {
    check(GoldRows.DIGITAL_ECONOMY_SHARE, oracle.digitalEconomyShare());
  }

  @Test
  void labourProductivityEqualsTheIndependentEstimate() {
    check(GoldRows.LABOUR_PRODUCTIVITY, oracle.labourProductivity());
  }

  @Test
  void digitalIndicatorsEqualTheIndependentEstimate() {
    check(GoldRows.DIGITAL_INDICATORS, oracle.digitalIndicators());
  }
}
