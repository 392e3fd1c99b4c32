package vn.kinhteso.publish;

import static org.apache.spark.sql.functions.col;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import vn.kinhteso.lake.Lake;

/**
 * The gold of the last complete publish: each table at the Delta version that publish wrote (a
 * table it did not write, at the version of the publish before that wrote it). Delta commits one
 * table at a time; the publish journal's "done" commit, one Delta commit naming every table's
 * version, is what makes a publish visible, so a reader of these versions never sees one run's
 * table beside another run's, even while a publish is under way or after one was killed.
 */
public final class PublishedGold {
  private final Lake lake;
  private final String runId;
  private final Map<String, Long> versions;

  private PublishedGold(Lake lake, String runId, Map<String, Long> versions) {
    this.lake = lake;
    this.runId = runId;
    this.versions = Collections.unmodifiableMap(versions);
  }

  /** Reads the journal; an empty result when nothing was ever completely published. */
  public static PublishedGold of(Lake lake) {
    Map<String, Long> versions = new LinkedHashMap<>();
    if (!lake.exists(Lake.OPS, GoldPublisher.JOURNAL)) {
      return new PublishedGold(lake, null, versions);
    }
    Dataset<Row> done =
        lake.read(Lake.OPS, GoldPublisher.JOURNAL).where(col("status").equalTo(GoldPublisher.DONE));
    Row last =
        done.orderBy(col("at").desc(), col("run_id").desc()).limit(1).collectAsList().stream()
            .findFirst()
            .orElse(null);
    if (last == null) {
      return new PublishedGold(lake, null, versions);
    }
    String runId = last.getAs("run_id");
    if (List.of(done.columns()).contains("version")) {
      // Each table at the version its latest complete publish wrote: a publish of some tables
      // leaves the others as they were. One row per gold table: small.
      for (Row r :
          done.where(col("version").isNotNull())
              .groupBy("table")
              .agg(functions.max_by(col("version"), col("at")))
              .orderBy("table")
              .collectAsList()) {
        versions.put(r.getString(0), r.getLong(1));
      }
    }
    if (versions.isEmpty()) {
      // A journal from before versions were recorded: its last publish completed, and its
      // tables are at their latest versions until the next publish records them.
      for (Row r :
          lake.read(Lake.OPS, GoldPublisher.JOURNAL)
              .where(col("run_id").equalTo(runId).and(col("status").equalTo(GoldPublisher.STARTED)))
              .orderBy("table")
              .select("table")
              .collectAsList()) {
        versions.put(r.getString(0), lake.version(Lake.GOLD, r.getString(0)));
      }
    }
    return new PublishedGold(lake, runId, versions);
  }

  /** The run of the last complete publish. */
  public Optional<String> runId() {
    return Optional.ofNullable(runId);
  }

  public Set<String> tables() {
    return versions.keySet();
  }

  public boolean has(String table) {
    return versions.containsKey(table);
  }

  public long version(String table) {
    Long v = versions.get(table);
    if (v == null) {
      throw new IllegalArgumentException(
          "gold." + table + " is not in the last complete publish of " + lake.root());
    }
    return v;
  }

  /** The table as published; later, unfinished commits of it are not seen. */
  public Dataset<Row> read(String table) {
    return lake.spark()
        .read()
        .format("delta")
        .option("versionAsOf", version(table))
        .load(lake.path(Lake.GOLD, table));
  }

  /**
   * True when no publish is under way or was interrupted: every table's latest version is the
   * published one.
   */
  public boolean isLatest() {
    return versions.entrySet().stream()
        .allMatch(e -> lake.version(Lake.GOLD, e.getKey()) == e.getValue());
  }

  /** A SQL relation for the published table, for a view. */
  public String sqlRelation(String table) {
    return "delta.`"
        + lake.path(Lake.GOLD, table).replace("`", "``")
        + "` VERSION AS OF "
        + version(table);
  }
}
