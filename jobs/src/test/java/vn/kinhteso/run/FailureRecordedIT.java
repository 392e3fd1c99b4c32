package vn.kinhteso.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.config.ConfigKeys;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.lake.LakeLock;

/**
 * A run that dies of one of Spark's checked exceptions is in ops.runs like any failure: its stage
 * and a one-line reason; the lake's lock is released.
 */
class FailureRecordedIT {
  @TempDir static Path landing;
  @TempDir static Path lakeDir;

  @Test
  void anAnalysisExceptionIsRecordedWithItsStage() throws Exception {
    SparkSession spark = SharedSpark.get();
    TinyLanding.copy(landing, rel -> true);
    // A bronze manifest of the wrong shape: ingest's first read of it fails in analysis.
    spark
        .range(1)
        .toDF("x")
        .write()
        .format("delta")
        .save(lakeDir.resolve("bronze/files").toString());
    PipelineConfig config =
        SharedSpark.config(
            Map.of(
                ConfigKeys.LANDING.name(),
                landing.toString(),
                ConfigKeys.LAKE.name(),
                lakeDir.toString()));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Nightly nightly =
        new Nightly(
            spark,
            config,
            Reference.load(config),
            NoChecks.INSTANCE,
            new PrintStream(buf, true, StandardCharsets.UTF_8));
    Exception e = assertThrows(Exception.class, () -> nightly.run(LocalDate.of(2026, 1, 15)));
    assertTrue(e instanceof AnalysisException, e.toString());

    List<Row> runs =
        spark
            .read()
            .format("delta")
            .load(lakeDir.resolve("ops/runs").toString())
            .where("status = 'failed'")
            .select("stage", "message")
            .collectAsList();
    assertEquals(1, runs.size(), runs.toString());
    assertEquals("ingest", runs.get(0).getString(0));
    String reason = runs.get(0).getString(1);
    assertTrue(
        reason.matches("(Extended)?AnalysisException: \\[UNRESOLVED_COLUMN[^\\n]*")
            && reason.length() < 320,
        reason);
    assertFalse(Files.exists(lakeDir.resolve(LakeLock.FILE)), "the lock is released");
  }

  @Test
  void aReasonNeverCarriesACitizenId() {
    String id = "079" + "203001234";
    String line =
        Failures.oneLine(new IllegalStateException("cannot cast '" + id + "' to INT\nat row 7"));
    assertEquals("IllegalStateException: cannot cast '<citizen-id>' to INT", line);
    assertFalse(Failures.stackTrace(new RuntimeException("seller " + id)).contains(id));
  }
}
