package vn.kinhteso.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.TinyPublishedLake;
import vn.kinhteso.lake.Lake;
import vn.kinhteso.publish.GoldPublisher;

/**
 * Every ```sql block of docs/analysts.md, run through {@code bin/kinhteso sql} (Main) on a copy of
 * the tiny example's lake with a second, revised publish: the first on 2026-01-15, the revision on
 * 2026-02-15 (commit times set on the Delta log, which is what time travel reads).
 */
class AnalystsQueriesIT {
  static final Path DOC = Path.of("../docs/analysts.md").toAbsolutePath().normalize();
  static final String REVISION = "20260215T060000Z-revise";
  @TempDir static Path tmp;
  static Path lake;
  static String firstRun;
  static SparkSession spark = SharedSpark.get();

  @BeforeAll
  static void twoPublishes() throws Exception {
    TinyPublishedLake tiny = TinyPublishedLake.get();
    firstRun = tiny.runId;
    lake = tiny.copyLake(tmp.resolve("lake"));
    Lake l = new Lake(spark, lake.toString());
    // A GRDP revision of the nation's 2024 ALL: the denominator 2.5 % higher, the share lower.
    Dataset<Row> revised =
        l.read("gold", "digital_economy_share")
            .withColumn(
                "_rev", functions.expr("geo_level = 'national' AND year = 2024 AND sector = 'ALL'"))
            .withColumn(
                "grdp_current_bn_vnd",
                functions.expr("IF(_rev, grdp_current_bn_vnd * 1.025, grdp_current_bn_vnd)"))
            .withColumn("share_pct", functions.expr("IF(_rev, share_pct / 1.025, share_pct)"))
            .withColumn("run_id", functions.lit(REVISION))
            .drop("_rev")
            .localCheckpoint();
    new GoldPublisher(spark, l)
        .publish(
            REVISION,
            List.of(new vn.kinhteso.indicators.Gold.Table("digital_economy_share", revised)));
    Path log = lake.resolve("gold/digital_economy_share/_delta_log");
    Files.setLastModifiedTime(
        log.resolve(String.format(Locale.ROOT, "%020d.json", 0)),
        FileTime.from(Instant.parse("2026-01-15T23:00:00Z")));
    Files.setLastModifiedTime(
        log.resolve(String.format(Locale.ROOT, "%020d.json", 1)),
        FileTime.from(Instant.parse("2026-02-15T06:00:00Z")));
    forgetRegisteredTables();
  }

  /**
   * sql registers layer.table once per session: tables of another lake of this JVM would shadow
   * ours.
   */
  @org.junit.jupiter.api.AfterAll
  static void forgetRegisteredTables() {
    for (String layer : List.of("bronze", "silver", "gold", "quality", "ops")) {
      spark.sql("DROP DATABASE IF EXISTS " + layer + " CASCADE");
    }
  }

  static List<String> documentedQueries() throws Exception {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
    while (m.find()) {
      out.add(m.group(1).trim());
    }
    return out;
  }

  static String sql(String query) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int rc =
        Main.run(
            new String[] {
              "sql",
              query,
              "--lake",
              lake.toString(),
              "--config",
              SharedSpark.confDir().resolve("local.conf").toString()
            },
            new PrintStream(buf, true, StandardCharsets.UTF_8));
    String printed = buf.toString(StandardCharsets.UTF_8);
    assertEquals(0, rc, query + "\n" + printed);
    return printed;
  }

  /** Data lines of a printed table (between the header's rule and the bottom rule). */
  static List<String> rows(String printed) {
    List<String> lines = new ArrayList<>();
    for (String s : printed.split("\n")) {
      if (s.startsWith("|")) {
        lines.add(s);
      }
    }
    return lines.isEmpty() ? lines : lines.subList(1, lines.size());
  }

  @Test
  void everyDocumentedQueryRunsAndReturnsRows() throws Exception {
    List<String> queries = documentedQueries();
    assertTrue(queries.size() >= 7, "documented queries: " + queries.size());
    for (String q : queries) {
      String printed = sql(q);
      assertTrue(!rows(printed).isEmpty(), "no row for\n" + q + "\n" + printed);
    }
  }

  @Test
  void timeTravelAnswersWhatWasPublishedAndWhatChanged() throws Exception {
    List<String> queries = documentedQueries();
    String onDate =
        queries.stream().filter(q -> q.contains("TIMESTAMP AS OF")).findFirst().orElseThrow();
    String printed = sql(onDate);
    assertTrue(printed.contains(firstRun) && !printed.contains(REVISION), printed);

    String change =
        queries.stream().filter(q -> q.contains("VERSION AS OF 1")).findFirst().orElseThrow();
    List<String> changed = rows(sql(change));
    assertEquals(1, changed.size(), changed.toString());
    assertTrue(
        changed.get(0).contains("national")
            && changed.get(0).contains("2024")
            && changed.get(0).contains("ALL"),
        changed.get(0));
    assertTrue(
        changed.get(0).contains(firstRun) && changed.get(0).contains(REVISION), changed.get(0));

    String ranked = queries.stream().filter(q -> q.contains("rank()")).findFirst().orElseThrow();
    List<String> r = rows(sql(ranked));
    assertEquals(2, r.size(), "tiny has two 2004 provinces: " + r);
    assertTrue(r.get(0).contains("27"), "Bắc Ninh (27) leads with 5.66 % over 2.43 %: " + r);
  }

  @Test
  void afterAPublishTheNightlyWritesTheExportsAndTheReportNextToTheLake() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    vn.kinhteso.config.PipelineConfig config = SharedSpark.config(Map.of("lake", lake.toString()));
    NightlyCommand.afterPublish(
        config,
        vn.kinhteso.config.Reference.load(config),
        new PrintStream(buf, true, StandardCharsets.UTF_8));
    Path out = lake.getParent().resolve("out");
    for (String f :
        List.of(
            "csv/digital_economy_share.csv",
            "csv/labour_productivity.csv",
            "csv/digital_indicators.csv",
            "csv/manifest.json",
            "sdmx-csv/digital_economy_share.sdmx.csv",
            "xlsx/kinhteso.xlsx",
            "report.html")) {
      assertTrue(Files.size(out.resolve(f)) > 100, f);
    }
    assertTrue(
        Files.readString(out.resolve("csv/manifest.json")).contains(REVISION),
        "the latest publish");
    assertTrue(buf.toString(StandardCharsets.UTF_8).contains("report.html"));
  }
}
