package vn.kinhteso.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.lake.Lake;

/** A bronze append retried after its commit landed adds nothing; the next run's append does. */
class BronzeAppendOnceTest {
  static final SparkSession spark = SharedSpark.get();
  @TempDir Path dir;

  @Test
  void aRetriedAppendAddsNothing() {
    Lake lake = new Lake(spark, dir.toString());
    BronzeIngest ingest = new BronzeIngest(spark, lake);
    Dataset<Row> rows =
        spark.range(3).select(col("id").as("line_no"), lit("statistics").as("source"));
    long txn = lake.version(Lake.BRONZE, BronzeIngest.LINES) + 1;
    ingest.appendOnce(BronzeIngest.LINES, rows, "run-1", txn, "source");
    ingest.appendOnce(BronzeIngest.LINES, rows, "run-1", txn, "source");
    assertEquals(3, lake.read(Lake.BRONZE, BronzeIngest.LINES).count(), "the retry was skipped");
    assertEquals(0, lake.version(Lake.BRONZE, BronzeIngest.LINES), "and made no commit");

    ingest.appendOnce(
        BronzeIngest.LINES,
        rows,
        "run-2",
        lake.version(Lake.BRONZE, BronzeIngest.LINES) + 1,
        "source");
    assertEquals(6, lake.read(Lake.BRONZE, BronzeIngest.LINES).count(), "the next run appends");
  }
}
