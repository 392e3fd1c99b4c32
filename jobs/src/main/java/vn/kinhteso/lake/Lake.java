package vn.kinhteso.lake;

import io.delta.tables.DeltaTable;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Where the Delta tables live: {@code <root>/<layer>/<table>}, on a local folder or s3a. */
public final class Lake {
  public static final String BRONZE = "bronze";
  public static final String SILVER = "silver";
  public static final String GOLD = "gold";
  public static final String QUALITY = "quality";
  public static final String OPS = "ops";

  private final SparkSession spark;
  private final String root;

  public Lake(SparkSession spark, String root) {
    this.spark = Objects.requireNonNull(spark);
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  public String root() {
    return root;
  }

  public SparkSession spark() {
    return spark;
  }

  public String path(String layer, String table) {
    return root + "/" + layer + "/" + table;
  }

  public boolean exists(String layer, String table) {
    return DeltaTable.isDeltaTable(spark, path(layer, table));
  }

  public Dataset<Row> read(String layer, String table) {
    return spark.read().format("delta").load(path(layer, table));
  }

  public Optional<Dataset<Row>> readIfExists(String layer, String table) {
    return exists(layer, table) ? Optional.of(read(layer, table)) : Optional.empty();
  }

  /** The current Delta version of a table, or -1 when it does not exist yet. */
  public long version(String layer, String table) {
    if (!exists(layer, table)) {
      return -1;
    }
    return DeltaTable.forPath(spark, path(layer, table))
        .history(1)
        .select("version")
        .head()
        .getLong(0);
  }

  /**
   * Replaces a table's content in one Delta commit (readers see the old or the new, never half).
   */
  public void overwrite(String layer, String table, Dataset<Row> data) {
    data.write()
        .format("delta")
        .mode("overwrite")
        .option("overwriteSchema", "true")
        .save(path(layer, table));
  }

  public void append(String layer, String table, Dataset<Row> data) {
    data.write()
        .format("delta")
        .mode("append")
        .option("mergeSchema", "true")
        .save(path(layer, table));
  }
}
