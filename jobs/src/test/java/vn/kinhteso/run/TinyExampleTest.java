package vn.kinhteso.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.ExpectedTables;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.publish.Lake;

/** shared/examples/tiny: the landing zone checked by pencil; every number of expected/ must come out. */
class TinyExampleTest {
  @TempDir static Path lakeDir;
  static Lake lake;
  static Nightly.Outcome outcome;
  static Path tiny = SharedSpark.sharedDir().resolve("examples/tiny");

  @BeforeAll
  static void runNightly() {
    SparkSession spark = SharedSpark.get();
    PipelineConfig config = SharedSpark.config(Map.of(
        PipelineConfig.LANDING, tiny.resolve("landing").toString(),
        PipelineConfig.LAKE, lakeDir.toString()));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    outcome = new Nightly(spark, config, Reference.load(config), NoChecks.INSTANCE,
        new PrintStream(buf, true, StandardCharsets.UTF_8)).run(LocalDate.of(2026, 1, 15));
    System.out.println(buf.toString(StandardCharsets.UTF_8));
    lake = new Lake(spark, lakeDir.toString());
  }

  @Test
  void publishes() {
    assertEquals(0, outcome.exitCode(), outcome.message());
  }

  @Test
  void digitalEconomyShare() {
    ExpectedTables.assertMatches(tiny.resolve("expected/digital_economy_share.csv"),
        lake.read(Lake.GOLD, "digital_economy_share"), List.of("geo_level", "province_code", "year", "sector"), 1e-9);
  }

  @Test
  void labourProductivity() {
    ExpectedTables.assertMatches(tiny.resolve("expected/labour_productivity.csv"),
        lake.read(Lake.GOLD, "labour_productivity"), List.of("geo_level", "province_code", "year", "sector"), 1e-9);
  }

  @Test
  void digitalIndicators() {
    ExpectedTables.assertMatches(tiny.resolve("expected/digital_indicators.csv"),
        lake.read(Lake.GOLD, "digital_indicators"), List.of("geo_level", "province_code", "year", "indicator"), 1e-9);
  }

  /** The quality stage is tested on its own; here only the methodology is. */
  enum NoChecks implements Nightly.QualityStage {
    INSTANCE;

    @Override
    public String check(String runId, LocalDate runDate, Lake lake, vn.kinhteso.conform.SilverTables silver,
        Map<String, org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>> staged, PrintStream out) {
      return null;
    }
  }
}
