package vn.kinhteso.run;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import vn.kinhteso.conform.SilverTables;
import vn.kinhteso.ingest.BronzeIngest;
import vn.kinhteso.lake.Lake;

/**
 * Per landing file: rows in = accepted + superseded + quarantined, in {@code
 * ops.file_reconciliation}.
 */
public final class Reconciliation {
  /** Totals over every file. */
  public record Totals(
      long rowsIn, long accepted, long superseded, long quarantined, boolean reconciles) {}

  private Reconciliation() {}

  public static Dataset<Row> perFile(Dataset<Row> files, SilverTables silver) {
    Dataset<Row> outcomes = null;
    for (Map.Entry<String, Dataset<Row>> e : silver.byName().entrySet()) {
      Dataset<Row> d = e.getValue();
      boolean revised = java.util.Arrays.asList(d.columns()).contains("is_latest");
      Dataset<Row> part =
          d.select(
              col("file_path"),
              col("file_hash"),
              (revised ? col("is_latest") : lit(true)).as("latest"));
      outcomes = outcomes == null ? part : outcomes.unionByName(part);
    }
    Dataset<Row> kept =
        outcomes
            .groupBy("file_path", "file_hash")
            .agg(
                sum(when(col("latest"), 1L).otherwise(0L)).as("accepted"),
                sum(when(col("latest"), 0L).otherwise(1L)).as("superseded"));
    Dataset<Row> quarantined =
        silver.quarantine().groupBy("file_path", "file_hash").agg(sum("rows").as("quarantined"));
    return files
        .select(
            col("file_hash"),
            col("file_path"),
            col("source"),
            col("status"),
            col("data_lines").as("rows_in"),
            col("run_id").as("ingest_run_id"))
        .join(kept, new String[] {"file_path", "file_hash"}, "left")
        .join(quarantined, new String[] {"file_path", "file_hash"}, "left")
        .withColumn("accepted", coalesce(col("accepted"), lit(0L)))
        .withColumn("superseded", coalesce(col("superseded"), lit(0L)))
        .withColumn("quarantined", coalesce(col("quarantined"), lit(0L)))
        .withColumn(
            "reconciles",
            col("rows_in")
                .equalTo(col("accepted").plus(col("superseded")).plus(col("quarantined"))));
  }

  static Totals write(Lake lake, SilverTables silver) {
    lake.overwrite(
        Lake.OPS,
        "file_reconciliation",
        perFile(lake.read(Lake.BRONZE, BronzeIngest.FILES), silver).coalesce(1));
    Row t =
        lake.read(Lake.OPS, "file_reconciliation")
            .agg(
                sum("rows_in"),
                sum("accepted"),
                sum("superseded"),
                sum("quarantined"),
                functions.min(col("reconciles").cast("int")))
            .head();
    return new Totals(
        t.isNullAt(0) ? 0 : t.getLong(0),
        t.isNullAt(1) ? 0 : t.getLong(1),
        t.isNullAt(2) ? 0 : t.getLong(2),
        t.isNullAt(3) ? 0 : t.getLong(3),
        t.isNullAt(4) || t.getInt(4) == 1);
  }
}
