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
import vn.kinhteso.indicators.Gold;
import vn.kinhteso.lake.Lake;

/**
 * Publishes the gold tables of a run. Delta commits are atomic per table only, so a journal in
 * {@code ops.publish} brackets the writes: a "started" commit records each table's version before
 * the run touches it, and a "done" commit records the version it wrote. That one "done" commit is
 * the switch: readers take the versions of the last one ({@link PublishedGold}), and a run killed
 * halfway is rolled back by the next run, table by table, so gold never mixes two runs.
 */
public final class GoldPublisher {
  public static final String JOURNAL = "publish";
  static final String STARTED = "started";
  static final String DONE = "done";
  static final String ROLLED_BACK = "rolled_back";
  private static final StructType JOURNAL_SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType, false)
          .add("table", DataTypes.StringType, false)
          .add("previous_version", DataTypes.LongType, false)
          .add("status", DataTypes.StringType, false)
          .add("at", DataTypes.TimestampType, false)
          .add("version", DataTypes.LongType, true);

  private final SparkSession spark;
  private final Lake lake;

  public GoldPublisher(SparkSession spark, Lake lake) {
    this.spark = Objects.requireNonNull(spark);
    this.lake = Objects.requireNonNull(lake);
  }

  /**
   * Rolls back an interrupted publish; returns the tables restored. A table the interrupted run
   * created (no earlier version) is emptied: nothing of it was ever published.
   */
  public List<String> recover() {
    List<String> restored = new ArrayList<>();
    if (!lake.exists(Lake.OPS, JOURNAL)) {
      return restored;
    }
    Dataset<Row> journal = lake.read(Lake.OPS, JOURNAL);
    Row last =
        journal.orderBy(col("at").desc(), col("run_id").desc()).limit(1).collectAsList().stream()
            .findFirst()
            .orElse(null);
    if (last == null || !STARTED.equals(last.getAs("status"))) {
      return restored;
    }
    String runId = last.getAs("run_id");
    for (Row r :
        journal
            .where(col("run_id").equalTo(runId).and(col("status").equalTo(STARTED)))
            .collectAsList()) {
      String table = r.getAs("table");
      long previous = r.getAs("previous_version");
      long now = lake.version(Lake.GOLD, table);
      if (previous < 0 && now >= 0) {
        DeltaTable.forPath(spark, lake.path(Lake.GOLD, table)).delete();
        restored.add(table + " (emptied: first publish)");
      } else if (previous >= 0 && now != previous) {
        DeltaTable.forPath(spark, lake.path(Lake.GOLD, table)).restoreToVersion(previous);
        restored.add(table);
      }
    }
    write(List.of(RowFactory.create(runId, "*", -1L, ROLLED_BACK, now(), null)));
    return restored;
  }

  /** Replaces each gold table given by its staged content; the journal brackets the writes. */
  public Map<String, Long> publish(String runId, List<Gold.Table> staged) {
    Timestamp startedAt = now();
    List<Row> start = new ArrayList<>();
    Map<String, Long> previous = new LinkedHashMap<>();
    for (Gold.Table t : staged) {
      String table = t.name();
      previous.put(table, lake.version(Lake.GOLD, table));
      start.add(RowFactory.create(runId, table, previous.get(table), STARTED, startedAt, null));
    }
    write(start);
    Map<String, Long> rows = new LinkedHashMap<>();
    Map<String, Long> written = new LinkedHashMap<>();
    for (Gold.Table e : staged) {
      spark.sparkContext().setJobDescription("publish gold." + e.name());
      e.data()
          .write()
          .format("delta")
          .mode("overwrite")
          .option("overwriteSchema", "true")
          .option("userMetadata", runId)
          .save(lake.path(Lake.GOLD, e.name()));
      // The lake lock keeps other writers out, so the latest version is the one just written.
      long version = lake.version(Lake.GOLD, e.name());
      rows.put(
          e.name(),
          spark
              .read()
              .format("delta")
              .option("versionAsOf", version)
              .load(lake.path(Lake.GOLD, e.name()))
              .count());
      written.put(e.name(), version);
    }
    Timestamp doneAt = now();
    List<Row> done = new ArrayList<>();
    written.forEach(
        (table, version) ->
            done.add(RowFactory.create(runId, table, previous.get(table), DONE, doneAt, version)));
    write(done);
    return rows;
  }

  private void write(List<Row> rows) {
    // mergeSchema: journals written before the version column was added take it on.
    spark
        .createDataFrame(rows, JOURNAL_SCHEMA)
        .coalesce(1)
        .write()
        .format("delta")
        .mode("append")
        .option("mergeSchema", "true")
        .save(lake.path(Lake.OPS, JOURNAL));
  }

  private static Timestamp now() {
    return new Timestamp(System.currentTimeMillis());
  }
}
