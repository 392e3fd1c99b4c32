package vn.kinhteso.run;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.ExpectedTables;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.config.ConfigKeys;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.ingest.BronzeIngest;
import vn.kinhteso.ingest.LandingZone;
import vn.kinhteso.lake.Lake;

/**
 * shared/examples/tiny, delivered over nights on one lake: the landing zone in two parts, a night
 * with nothing new in between, and a run killed between its bronze commits. No table may change on
 * a night with nothing new, a new file adds only its own rows, and once everything has arrived
 * every number of the example's expected/ tables comes out (relative error 1e-9).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncrementalRunIT {
  @TempDir static Path landing;
  @TempDir static Path lakeDir;
  static final Path TINY = SharedSpark.sharedDir().resolve("examples/tiny");
  static final List<String> LATE =
      List.of("tax/declarations/amend.csv", "tax/declarations/d2024_copy.csv");
  static final List<String> TABLES =
      List.of(
          "bronze/lines",
          "bronze/files",
          "silver/grdp",
          "silver/declarations",
          "silver/ecommerce",
          "silver/register",
          "quality/quarantine",
          "gold/digital_economy_share",
          "gold/labour_productivity",
          "gold/digital_indicators");

  static SparkSession spark = SharedSpark.get();
  static Map<String, Long> versionsAfterFirst;
  static Map<String, List<String>> contentAfterFirst;

  static Nightly.Outcome night() {
    PipelineConfig config =
        SharedSpark.config(
            Map.of(
                ConfigKeys.LANDING.name(),
                landing.toString(),
                ConfigKeys.LAKE.name(),
                lakeDir.toString()));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Nightly.Outcome o =
        new Nightly(
                spark,
                config,
                Reference.load(config),
                NoChecks.INSTANCE,
                new PrintStream(buf, true, StandardCharsets.UTF_8))
            .run(LocalDate.of(2026, 1, 15));
    System.out.println(buf.toString(StandardCharsets.UTF_8));
    return o;
  }

  static void deliver(boolean late) throws IOException {
    TinyLanding.copy(landing, rel -> LATE.contains(rel) == late);
  }

  static Lake lake() {
    return new Lake(spark, lakeDir.toString());
  }

  static Map<String, Long> versions() {
    Map<String, Long> v = new LinkedHashMap<>();
    for (String t : TABLES) {
      String[] p = t.split("/");
      v.put(t, lake().version(p[0], p[1]));
    }
    return v;
  }

  /** Table content without the columns that name the run. */
  static Map<String, List<String>> content() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String t : TABLES) {
      String[] p = t.split("/");
      Dataset<Row> d = lake().read(p[0], p[1]);
      List<String> keep =
          Arrays.stream(d.columns())
              .filter(c -> !List.of("run_id", "ingested_at", "detected_run_id").contains(c))
              .collect(Collectors.toList());
      List<String> rows = new ArrayList<>();
      d.selectExpr(keep.stream().map(c -> "`" + c + "`").toArray(String[]::new))
          .collectAsList()
          .forEach(r -> rows.add(r.toString()));
      rows.sort(String::compareTo);
      out.put(t, rows);
    }
    return out;
  }

  @Test
  @Order(1)
  void firstNightPublishesWhatHasArrived() throws IOException {
    deliver(false);
    assertEquals(0, night().exitCode());
    versionsAfterFirst = versions();
    contentAfterFirst = content();
    // Without the amendment, U3's Q2 counts at 30 revenue / 20 cost: VA 40, coverage 40/500 in
    // 24/C.
    Row c =
        lake()
            .read(Lake.GOLD, "digital_economy_share")
            .where(
                "geo_level = 'province_2004' AND province_code = '24'"
                    + " AND year = 2024 AND sector = 'C'")
            .head();
    assertEquals(8.0, c.<Double>getAs("coverage_pct"), 1e-9);
  }

  @Test
  @Order(2)
  void nightWithNothingNewChangesNoTable() {
    Nightly.Outcome o = night();
    assertEquals(0, o.exitCode());
    assertFalse(o.published());
    assertEquals(versionsAfterFirst, versions());
    assertEquals(contentAfterFirst, content());
  }

  @Test
  @Order(3)
  void newFilesAddOnlyTheirOwnRows() throws Exception {
    long before = lake().read(Lake.BRONZE, BronzeIngest.LINES).count();
    long runsBefore = lake().read(Lake.OPS, "runs").select("run_id").distinct().count();
    deliver(true);
    // A second nightly started while this one runs is refused by name and writes nothing.
    java.util.concurrent.CompletableFuture<Nightly.Outcome> running =
        java.util.concurrent.CompletableFuture.supplyAsync(IncrementalRunIT::night);
    Path lock = lakeDir.resolve(vn.kinhteso.lake.LakeLock.FILE);
    while (!Files.exists(lock) && !running.isDone()) {
      Thread.sleep(20);
    }
    assertFalse(running.isDone(), "the first run ended before the second could start");
    String holder =
        vn.kinhteso.lake.LakeLock.holder(
                spark.sparkContext().hadoopConfiguration(), lakeDir.toString())
            .getProperty("run_id");
    vn.kinhteso.lake.LakeLock.LockedException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            vn.kinhteso.lake.LakeLock.LockedException.class, IncrementalRunIT::night);
    assertTrue(refused.getMessage().contains(holder), refused.getMessage());
    Nightly.Outcome o = running.get();
    assertFalse(Files.exists(lock), "the lock is released when the run ends");
    // The refused run recorded nothing: one more run in ops.runs, the one that ran.
    assertEquals(runsBefore + 1, lake().read(Lake.OPS, "runs").select("run_id").distinct().count());
    assertEquals(0, o.exitCode());
    assertTrue(o.published());
    Dataset<Row> lines = lake().read(Lake.BRONZE, BronzeIngest.LINES);
    // amend.csv has a header and one row; the byte copy adds nothing.
    assertEquals(before + 2, lines.count());
    assertEquals(2, lines.where(col("file_path").endsWith("amend.csv")).count());
    assertEquals(0, lines.where(col("file_path").endsWith("d2024_copy.csv")).count());
    Row dup =
        lake()
            .read(Lake.BRONZE, BronzeIngest.FILES)
            .where(col("file_path").endsWith("d2024_copy.csv"))
            .head();
    assertEquals(BronzeIngest.DUPLICATE_FILE, dup.getAs("status"));
    // Now everything has arrived: gold is the tiny example's, number for number.
    ExpectedTables.assertMatches(
        TINY.resolve("expected/digital_economy_share.csv"),
        lake().read(Lake.GOLD, "digital_economy_share"),
        List.of("geo_level", "province_code", "year", "sector"),
        1e-9);
    ExpectedTables.assertMatches(
        TINY.resolve("expected/labour_productivity.csv"),
        lake().read(Lake.GOLD, "labour_productivity"),
        List.of("geo_level", "province_code", "year", "sector"),
        1e-9);
    ExpectedTables.assertMatches(
        TINY.resolve("expected/digital_indicators.csv"),
        lake().read(Lake.GOLD, "digital_indicators"),
        List.of("geo_level", "province_code", "year", "indicator"),
        1e-9);
  }

  @Test
  @Order(4)
  void runKilledBetweenBronzeCommitsIsRecoveredWithoutDuplicates() throws IOException {
    Path extra = landing.resolve("statistics/retail/r2025.csv");
    Files.writeString(
        extra, "year,province_code,retail_sales_bn_vnd,release\n2025,24,900,2026-01-10\n");
    // Its lines are in bronze too, but recovery must find it bad as a whole run would.
    Files.writeString(
        landing.resolve("statistics/retail/r2025-bad-header.csv"),
        "year,province,retail_sales_bn_vnd,release\n2025,24,901,2026-01-11\n");
    // Simulate the kill: the lines commit happened, the manifest commit did not.
    String runId = Nightly.newRunId();
    new BronzeIngest(spark, lake())
        .run(
            runId, new LandingZone(landing.toString(), spark.sparkContext().hadoopConfiguration()));
    io.delta.tables.DeltaTable.forPath(spark, lake().path(Lake.BRONZE, BronzeIngest.FILES))
        .delete(col("run_id").equalTo(runId));
    long linesBefore = lake().read(Lake.BRONZE, BronzeIngest.LINES).count();
    // The next run's ingest recovers the manifest and reads nothing twice.
    BronzeIngest.Result next =
        new BronzeIngest(spark, lake())
            .run(
                Nightly.newRunId(),
                new LandingZone(landing.toString(), spark.sparkContext().hadoopConfiguration()));
    assertFalse(next.anythingNew(), "the killed run's file is not new again");
    assertEquals(
        linesBefore,
        lake().read(Lake.BRONZE, BronzeIngest.LINES).count(),
        "no file ingested twice");
    Row recovered =
        lake()
            .read(Lake.BRONZE, BronzeIngest.FILES)
            .where(col("file_path").endsWith("r2025.csv"))
            .head();
    assertEquals(BronzeIngest.INGESTED, recovered.getAs("status"));
    assertEquals(1L, recovered.<Long>getAs("data_lines"));
    assertEquals(
        1,
        lake()
            .read(Lake.BRONZE, BronzeIngest.FILES)
            .where(col("file_path").endsWith("r2025.csv"))
            .count());
    Row bad =
        lake()
            .read(Lake.BRONZE, BronzeIngest.FILES)
            .where(col("file_path").endsWith("r2025-bad-header.csv"))
            .head();
    assertEquals(
        BronzeIngest.BAD_HEADER,
        bad.getAs("status"),
        "the recovered file's header is checked again");
    assertTrue(
        bad.<String>getAs("reason").startsWith("the header lacks a column"),
        bad.<String>getAs("reason"));
  }
}
