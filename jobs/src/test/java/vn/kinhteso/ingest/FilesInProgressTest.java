package vn.kinhteso.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.lake.Lake;

/** A landing file still being written is left whole for a later night, never ingested in part. */
class FilesInProgressTest {
  static final SparkSession spark = SharedSpark.get();
  static final String HEADER =
      "year,province_code,sector,grdp_current_bn_vnd,grdp_constant_2010_bn_vnd,release\n";
  @TempDir Path dir;

  @Test
  void aFileYoungerThanTheMinimumAgeWaits() throws Exception {
    Path f = Files.createDirectories(dir.resolve("landing/statistics/grdp")).resolve("g.csv");
    Files.writeString(f, HEADER + "2024,01,ALL,10,5,2025-06-30-official\n");
    LandingZone zone =
        new LandingZone(
            dir.resolve("landing").toString(),
            spark.sparkContext().hadoopConfiguration(),
            Duration.ofHours(1));
    assertEquals(List.of(), zone.list());
    assertEquals(1, zone.ignored().size());
    assertTrue(
        zone.ignored().get(0).reason().contains("less than the minimum age of 3600 s"),
        zone.ignored().toString());

    Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    assertEquals(1, zone.list().size());
    assertEquals(List.of(), zone.ignored());
  }

  @Test
  void aFileThatGrowsWhileReadIsSkippedThenIngestedWhole() throws Exception {
    Path f = Files.createDirectories(dir.resolve("landing/statistics/grdp")).resolve("g.csv");
    Files.writeString(f, HEADER + "2024,01,ALL,10,5,2025-06-30-official\n");
    Lake lake = new Lake(spark, dir.resolve("lake").toString());
    LandingZone zone =
        new LandingZone(
            dir.resolve("landing").toString(), spark.sparkContext().hadoopConfiguration());
    List<LandingFile> listed = zone.list();
    // The writer goes on after the listing.
    Files.writeString(f, "2024,02,ALL,20,9,2025-06-30-official\n", StandardOpenOption.APPEND);
    BronzeIngest.Result first = new BronzeIngest(spark, lake).run("run-1", zone, listed);
    assertEquals(0, first.newFiles());
    assertEquals(List.of(), first.manifestRows());
    assertEquals(1, first.ignored().size());
    assertTrue(
        first.ignored().get(0).reason().startsWith("changed while it was read"),
        first.ignored().toString());
    assertFalse(
        lake.exists(Lake.BRONZE, BronzeIngest.LINES)
            && lake.read(Lake.BRONZE, BronzeIngest.LINES).count() > 0,
        "no line of it in bronze");

    BronzeIngest.Result second = new BronzeIngest(spark, lake).run("run-2", zone);
    assertEquals(1, second.newFiles());
    Row m = second.manifestRows().get(0);
    assertEquals(BronzeIngest.INGESTED, m.getAs("status"));
    assertEquals(2L, (long) m.getAs("data_lines"));
    assertEquals(Files.size(f), (long) m.getAs("size_bytes"));
    assertEquals(
        zone.hash(listed.get(0).path()), m.getAs("file_hash"), "the hash of the bytes ingested");
    assertEquals(
        3,
        lake.read(Lake.BRONZE, BronzeIngest.LINES).where(col("run_id").equalTo("run-2")).count());
  }
}
