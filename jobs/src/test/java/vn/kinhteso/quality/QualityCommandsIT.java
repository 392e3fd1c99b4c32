package vn.kinhteso.quality;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.lake.Lake;

/** {@code bin/kinhteso quality}: the report of an empty lake, and Deequ's suggestions. */
class QualityCommandsIT {
  @TempDir Path lakeDir;

  @Test
  void anEmptyLakeHasNoReportYet() {
    Lake lake = new Lake(SharedSpark.get(), lakeDir.toString());
    assertTrue(QualityCommands.latestReport(lake).startsWith("No quality results yet"));
  }

  @Test
  void suggestsConstraintsForASilverTable() {
    SparkSession spark = SharedSpark.get();
    Lake lake = new Lake(spark, lakeDir.toString());
    SilverFixture fx = new SilverFixture(spark, Reference.load(SharedSpark.config(Map.of())));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      // Three tax ids: few enough values that Deequ would suggest a list of them.
      rows.add(
          SilverFixture.register(
              SilverFixture.taxId(i % 3),
              i % 2 == 0 ? "4771" : "6201",
              i % 2 == 0 ? "G" : "J",
              i % 2 == 1,
              "run-1"));
    }
    // A few columns keep Deequ's profiling passes short.
    lake.overwrite(
        Lake.SILVER,
        "register",
        fx.frame(rows, SilverFixture.REGISTER)
            .select("tax_id", "vsic_code", "ict_core", "file_hash"));
    String text = QualityCommands.suggest(spark, lake, "silver.register");
    assertTrue(text.startsWith("Deequ constraint suggestions for silver.register"), text);
    assertTrue(text.contains("tax_id"), text);
    assertTrue(text.contains(".isComplete(\"tax_id\")"), text);
    assertTrue(!text.contains("file_hash"), "lineage columns are left out");
    for (int i = 0; i < 3; i++) {
      assertFalse(
          text.contains(SilverFixture.taxId(i)), "no identifier value is printed:\n" + text);
    }
    assertTrue(text.contains("value lists of identifier columns left out"), text);
    assertThrows(
        PipelineConfig.ConfigException.class,
        () -> QualityCommands.suggest(spark, lake, "silver.nope"));
    lake.overwrite(Lake.BRONZE, "lines", fx.frame(rows, SilverFixture.REGISTER).select("tax_id"));
    PipelineConfig.ConfigException e =
        assertThrows(
            PipelineConfig.ConfigException.class,
            () -> QualityCommands.suggest(spark, lake, "bronze.lines"));
    assertTrue(e.getMessage().contains("citizen IDs"), e.getMessage());
  }
}
