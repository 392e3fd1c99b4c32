package vn.kinhteso.publish;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Publishes the gold tables of a run. Delta commits are atomic per table only, so a journal in
 * {@code ops.publish} records each table's version before the run touches it: a run killed
 * halfway through publishing is rolled back by the next run, table by table, to the versions
 * the journal recorded, and gold never mixes two runs.
 */
public final class GoldPublisher {
  public static final String JOURNAL = "publish";
  private static final StructType JOURNAL_SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false)
      .add("table", DataTypes.StringType, false)
      .add("previous_version", DataTypes.LongType, false)
      .add("status", DataTypes.StringType, false)
      .add("at", DataTypes.TimestampType, false);

  private final SparkSession spark;
  private final Lake lake;

  public GoldPublisher(SparkSession spark, Lake lake) {
    this.spark = Objects.requireNonNull(spark);
    this.lake = Objects.requireNonNull(lake);
  }

  /** Rolls back an interrupted publish; returns the tables restored. */
  public List<String> recover() {
    List<String> restored = new ArrayList<>();
    if (!lake.exists(Lake.OPS, JOURNAL)) {
      return restored;
    }
    Dataset<Row> journal = lake.read(Lake.OPS, JOURNAL);
    Row last = journal.orderBy(col("at").desc(), col("run_id").desc()).limit(1).collectAsList().stream()
        .findFirst().orElse(null);
    if (last == null || !"started".equals(last.getAs("status"))) {
      return restored;
    }
    String runId = last.getAs("run_id");
    for (Row r : journal.where(col("run_id").equalTo(runId).and(col("status").equalTo("started"))).collectAsList()) {
      String table = r.getAs("table");
      long previous = r.getAs("previous_version");
      if (previous < 0) {
        continue;
      }
      if (lake.version(Lake.GOLD, table) != previous) {
        DeltaTable.forPath(spark, lake.path(Lake.GOLD, table)).restoreToVersion(previous);
        restored.add(table);
      }
    }
    write(List.of(RowFactory.create(runId, "*", -1L, "rolled_back", now())));
    return restored;
  }

  /** Replaces every gold table by its staged content; the journal brackets the writes. */
  public Map<String, Long> publish(String runId, Map<String, Dataset<Row>> staged) {
    List<Row> start = new ArrayList<>();
    for (String table : staged.keySet()) {
      start.add(RowFactory.create(runId, table, lake.version(Lake.GOLD, table), "started", now()));
    }
    write(start);
    Map<String, Long> rows = new LinkedHashMap<>();
    for (Map.Entry<String, Dataset<Row>> e : staged.entrySet()) {
      spark.sparkContext().setJobDescription("publish gold." + e.getKey());
      e.getValue().write().format("delta").mode("overwrite").option("overwriteSchema", "true")
          .option("userMetadata", runId).save(lake.path(Lake.GOLD, e.getKey()));
      rows.put(e.getKey(), lake.read(Lake.GOLD, e.getKey()).count());
    }
    write(List.of(RowFactory.create(runId, "*", -1L, "done", now())));
    return rows;
  }

  private void write(List<Row> rows) {
    spark.createDataFrame(rows, JOURNAL_SCHEMA).coalesce(1).write().format("delta").mode("append")
        .save(lake.path(Lake.OPS, JOURNAL));
  }

  private static Timestamp now() {
    return new Timestamp(System.currentTimeMillis());
  }
}
