package vn.kinhteso.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.kinhteso.lake.Lake;

/**
 * {@code quality.check_results} and {@code quality.metrics}: one partition per run date. A rerun of
 * the same night replaces its rows in one Delta commit; {@code published} starts false and only
 * {@link #markRun} sets it, so a run that stopped half way never becomes a baseline.
 */
final class QualityStore {
  static final String CHECK_RESULTS = "check_results";
  static final String METRICS = "metrics";

  static final StructType CHECK_RESULTS_SCHEMA =
      new StructType()
          .add("run_date", DataTypes.DateType, false)
          .add("run_id", DataTypes.StringType, false)
          .add("kind", DataTypes.StringType, false)
          .add("table_name", DataTypes.StringType, false)
          .add("check_id", DataTypes.StringType, false)
          .add("description", DataTypes.StringType, true)
          .add("severity", DataTypes.StringType, false)
          .add("status", DataTypes.StringType, false)
          .add("message", DataTypes.StringType, true)
          .add("metric", DataTypes.DoubleType, true)
          .add("rule", DataTypes.StringType, true)
          .add("look", DataTypes.StringType, true)
          .add("published", DataTypes.BooleanType, false)
          .add("evaluated_at", DataTypes.TimestampType, false);

  static final StructType METRICS_SCHEMA =
      new StructType()
          .add("run_date", DataTypes.DateType, false)
          .add("run_id", DataTypes.StringType, false)
          .add("source", DataTypes.StringType, false)
          .add("metric", DataTypes.StringType, false)
          .add("dimension", DataTypes.StringType, false)
          .add("dimension_value", DataTypes.StringType, false)
          .add("value", DataTypes.DoubleType, true)
          .add("analyzer", DataTypes.StringType, true)
          .add("flagged", DataTypes.BooleanType, false)
          .add("published", DataTypes.BooleanType, false)
          .add("recorded_at", DataTypes.TimestampType, false);

  private final Lake lake;

  QualityStore(Lake lake) {
    this.lake = lake;
  }

  void writeCheckResults(
      String runId, LocalDate runDate, List<CheckOutcome> outcomes, Timestamp at) {
    List<Row> rows = new ArrayList<>();
    for (CheckOutcome o : outcomes) {
      rows.add(
          RowFactory.create(
              Date.valueOf(runDate),
              runId,
              o.kind(),
              o.table(),
              o.checkId(),
              o.description(),
              o.severity().label(),
              o.status().label(),
              o.message(),
              o.metric(),
              o.rule(),
              o.look(),
              false,
              at));
    }
    replaceRunDate(CHECK_RESULTS, runDate, rows, CHECK_RESULTS_SCHEMA);
  }

  void writeMetrics(
      String runId,
      LocalDate runDate,
      List<QualityMetrics.Point> points,
      Set<String> flaggedSources,
      Timestamp at) {
    List<Row> rows = new ArrayList<>();
    for (QualityMetrics.Point p : points) {
      rows.add(
          RowFactory.create(
              Date.valueOf(runDate),
              runId,
              p.source(),
              p.metric(),
              p.dimension(),
              p.dimensionValue(),
              p.value(),
              p.analyzer(),
              flaggedSources.contains(p.source()),
              false,
              at));
    }
    replaceRunDate(METRICS, runDate, rows, METRICS_SCHEMA);
  }

  /** Sets {@code published} on this run's rows of both tables. */
  void markRun(String runId, LocalDate runDate, boolean published) {
    for (String table : List.of(CHECK_RESULTS, METRICS)) {
      if (lake.exists(Lake.QUALITY, table)) {
        DeltaTable.forPath(lake.spark(), lake.path(Lake.QUALITY, table))
            .update(
                expr(runPredicate(runDate)).and(col("run_id").equalTo(runId)),
                Map.of("published", lit(published)));
      }
    }
  }

  /** Run ids already recorded for this run date: a rerun counts their deliveries as tonight's. */
  Set<String> runIdsOf(LocalDate runDate) {
    Set<String> ids = new LinkedHashSet<>();
    Optional<Dataset<Row>> metrics = lake.readIfExists(Lake.QUALITY, METRICS);
    metrics.ifPresent(
        m ->
            m.where(runPredicate(runDate))
                .select("run_id")
                .distinct()
                .collectAsList()
                .forEach(r -> ids.add(r.getString(0))));
    return ids;
  }

  Optional<Dataset<Row>> metrics() {
    return lake.readIfExists(Lake.QUALITY, METRICS);
  }

  private void replaceRunDate(String table, LocalDate runDate, List<Row> rows, StructType schema) {
    SparkSession spark = lake.spark();
    Dataset<Row> data = spark.createDataFrame(rows, schema).coalesce(1);
    // Partitioned by run date: replacing a night touches only its own partition.
    if (!lake.exists(Lake.QUALITY, table)) {
      data.write()
          .format("delta")
          .mode("append")
          .partitionBy("run_date")
          .save(lake.path(Lake.QUALITY, table));
    } else {
      data.write()
          .format("delta")
          .mode("overwrite")
          .partitionBy("run_date")
          .option("replaceWhere", runPredicate(runDate))
          .save(lake.path(Lake.QUALITY, table));
    }
  }

  static String runPredicate(LocalDate runDate) {
    return "run_date = DATE'" + runDate + "'";
  }
}
