package vn.kinhteso.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.cli.Cli;
import vn.kinhteso.export.GoldExtract;
import vn.kinhteso.indicators.Gold;
import vn.kinhteso.lake.Lake;

/**
 * A publish that dies between two gold tables' commits: every reader of kinhteso still sees the
 * previous complete publish, the next run's recovery puts the tables back, and a first publish that
 * dies leaves nothing visible.
 */
class PublishedGoldIT {
  static final SparkSession spark = SharedSpark.get();
  static final List<String> TABLES =
      List.of("digital_economy_share", "labour_productivity", "digital_indicators");
  @TempDir Path dir;

  /** Rows of the run; the table named {@code dies} fails while it is written. */
  List<Gold.Table> staged(String runId, String dies) {
    List<Gold.Table> m = new ArrayList<>();
    for (String t : TABLES) {
      Dataset<Row> d =
          spark
              .range(3)
              .select(col("id").cast("int").plus(2020).as("year"), lit(runId).as("run_id"));
      if (t.equals(dies)) {
        d =
            d.withColumn(
                "run_id", expr("CASE WHEN year > 2021 THEN raise_error('killed') ELSE run_id END"));
      }
      m.add(new Gold.Table(t, d));
    }
    return m;
  }

  static TreeSet<String> runIds(Dataset<Row> d) {
    TreeSet<String> s = new TreeSet<>();
    d.select("run_id").distinct().collectAsList().forEach(r -> s.add(r.getString(0)));
    return s;
  }

  String sql(String query) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code =
        Cli.run(
            new PrintStream(buf, true, StandardCharsets.UTF_8),
            "sql",
            query,
            "--config",
            Path.of(System.getProperty("kinhteso.conf", "../conf"), "local.conf").toString(),
            "--lake",
            dir.toString());
    assertEquals(0, code, buf.toString(StandardCharsets.UTF_8));
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aPublishKilledBetweenTablesIsNeverSeenAndIsRolledBack() {
    Lake lake = new Lake(spark, dir.toString());
    GoldPublisher publisher = new GoldPublisher(spark, lake);
    publisher.publish("run-A", staged("run-A", null));
    assertThrows(
        Exception.class, () -> publisher.publish("run-B", staged("run-B", "labour_productivity")));
    // The first table is at run B now: a reader of its latest version sees two runs.
    assertEquals(
        new TreeSet<>(List.of("run-B")), runIds(lake.read(Lake.GOLD, "digital_economy_share")));

    PublishedGold gold = PublishedGold.of(lake);
    assertEquals("run-A", gold.runId().orElseThrow());
    assertFalse(gold.isLatest());
    assertEquals(new TreeSet<>(TABLES), new TreeSet<>(gold.tables()));
    for (String t : TABLES) {
      assertEquals(new TreeSet<>(List.of("run-A")), runIds(gold.read(t)), t);
    }
    GoldExtract extract = GoldExtract.read(lake);
    for (String t : TABLES) {
      GoldExtract.Published p = extract.published().get(t);
      assertEquals("run-A", p.runId(), t);
      assertEquals(gold.version(t), p.version(), t);
    }
    String out =
        sql(
            "SELECT DISTINCT run_id FROM gold.digital_economy_share UNION ALL "
                + "SELECT DISTINCT run_id FROM gold.labour_productivity");
    assertTrue(out.contains("run-A") && !out.contains("run-B"), out);

    assertEquals(List.of("digital_economy_share"), publisher.recover());
    for (String t : TABLES) {
      assertEquals(new TreeSet<>(List.of("run-A")), runIds(lake.read(Lake.GOLD, t)), t);
    }
    publisher.publish("run-C", staged("run-C", null));
    PublishedGold after = PublishedGold.of(lake);
    assertEquals("run-C", after.runId().orElseThrow());
    for (String t : TABLES) {
      assertEquals(new TreeSet<>(List.of("run-C")), runIds(after.read(t)), t);
      assertEquals(lake.version(Lake.GOLD, t), after.version(t), t);
    }
    assertTrue(after.isLatest());
    // A publish of one table leaves the others at the publish before.
    publisher.publish(
        "run-D",
        staged("run-D", null).stream()
            .filter(t -> t.name().equals("labour_productivity"))
            .toList());
    PublishedGold partial = PublishedGold.of(lake);
    assertEquals("run-D", partial.runId().orElseThrow());
    assertEquals(new TreeSet<>(List.of("run-D")), runIds(partial.read("labour_productivity")));
    assertEquals(new TreeSet<>(List.of("run-C")), runIds(partial.read("digital_economy_share")));
  }

  @Test
  void aFirstPublishKilledHalfwayShowsNoGoldAndIsEmptied() {
    Lake lake = new Lake(spark, dir.toString());
    GoldPublisher publisher = new GoldPublisher(spark, lake);
    assertThrows(
        Exception.class, () -> publisher.publish("run-A", staged("run-A", "labour_productivity")));
    assertTrue(lake.exists(Lake.GOLD, "digital_economy_share"));

    PublishedGold gold = PublishedGold.of(lake);
    assertFalse(gold.runId().isPresent());
    assertTrue(gold.tables().isEmpty());
    assertTrue(GoldExtract.read(lake).isEmpty());
    assertFalse(sql("SHOW TABLES IN gold").contains("digital_economy_share"));

    assertEquals(List.of("digital_economy_share (emptied: first publish)"), publisher.recover());
    assertEquals(0, lake.read(Lake.GOLD, "digital_economy_share").count());
    publisher.publish("run-B", staged("run-B", null));
    assertEquals("run-B", PublishedGold.of(lake).runId().orElseThrow());
    assertEquals(new TreeSet<>(TABLES), new TreeSet<>(GoldExtract.read(lake).published().keySet()));
  }
}
