package vn.kinhteso.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.PipelineConfig.ConfigException;
import vn.kinhteso.lake.Lake;
import vn.kinhteso.publish.PublishedGold;

/** {@code sql}: Spark SQL with every lake table registered as layer.table. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    showDefaultValues = true,
    description = {
      "Runs one Spark SQL statement on the lake, every table named layer.table.",
      "gold.* is the last complete publish; the raw columns of delivered lines are hidden unless --show-raw"
          + " gives a reason."
    })
final class SqlCommand extends LakeCommand {
  @Parameters(
      paramLabel = "STATEMENT",
      description = "One statement, quoted, e.g. \"SELECT * FROM gold.digital_economy_share\".")
  String statement;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "200",
      description = "Rows shown at most.")
  int limit;

  @Option(
      names = "--show-raw",
      paramLabel = "REASON",
      description =
          "Show the raw columns (delivered values, citizen IDs among them); the reason is logged.")
  String rawReason;

  @Override
  int run(PipelineConfig file, PrintStream out) {
    PipelineConfig config;
    try {
      java.nio.file.Path warehouse = Files.createTempDirectory("kinhteso-sql");
      // Only views and external tables live here; Hadoop removes it when its file systems close
      // at exit (without this every query left a folder behind).
      FileSystem.getLocal(new org.apache.hadoop.conf.Configuration())
          .deleteOnExit(new Path(warehouse.toUri()));
      config = file.with("spark.sql.warehouse.dir", warehouse.toUri().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (rawReason != null && rawReason.isBlank()) {
      throw new ConfigException(
          "--show-raw needs the reason the delivered lines are needed, e.g. --show-raw \"ticket 123:"
              + " a file the tax office asks about\"");
    }
    SparkSession spark = Main.session(config, "sql");
    Lake l = new Lake(spark, config.lake());
    List<String> tables = register(spark, l, rawReason != null);
    if (rawReason != null) {
      System.err.println(
          "kinhteso: raw columns shown (they hold delivered values, citizen IDs among them); reason: "
              + rawReason);
    }
    if (tables.isEmpty()) {
      throw new ConfigException(
          "Cannot query: no Delta table under " + l.root() + " (run bin/kinhteso nightly first)");
    }
    Dataset<Row> result;
    try {
      result = spark.sql(statement);
    } catch (Exception e) {
      // Scala's AnalysisException is checked in Java terms but undeclared.
      if (e instanceof org.apache.spark.sql.AnalysisException ae) {
        String hint =
            rawReason == null && statement.toLowerCase(java.util.Locale.ROOT).contains("raw")
                ? "\nThe raw columns (bronze.lines.raw, quality.quarantine.raw) are hidden: they hold delivered values,"
                    + " citizen IDs among them. Pass --show-raw \"why they are needed\" to see them."
                : "";
        throw new ConfigException(
            "Cannot run the query: "
                + ae.getSimpleMessage()
                + "\nTables: "
                + String.join(", ", tables)
                + hint);
      }
      throw e;
    }
    out.print(result.showString(limit, 40, false));
    return Main.OK;
  }

  /**
   * Forgets an earlier registration of layer.table in this session (another lake, or raw shown or
   * not). Only views and external tables are dropped: neither deletes data.
   */
  private static void unregister(SparkSession spark, String layer, String table) {
    if (!spark.catalog().tableExists(layer, table)) {
      return;
    }
    String type;
    try {
      type = spark.catalog().getTable(layer, table).tableType();
    } catch (org.apache.spark.sql.AnalysisException e) {
      throw new IllegalStateException(e); // it exists: checked just above
    }
    String name = layer + ".`" + table + "`";
    switch (type) {
      case "VIEW" -> spark.sql("DROP VIEW " + name);
      case "EXTERNAL" -> spark.sql("DROP TABLE " + name);
      default ->
          throw new IllegalStateException(
              name + " is a " + type + " table of this session: not replaced");
    }
  }

  /**
   * Gold as last completely published, never a publish under way: the tables themselves when their
   * latest versions are the published ones (time travel by name works), else views of the published
   * versions.
   */
  private static void registerGold(SparkSession spark, Lake lake, List<String> names) {
    PublishedGold gold = PublishedGold.of(lake);
    boolean latest = gold.isLatest();
    if (!latest) {
      System.err.println(
          "kinhteso: a publish is under way or was interrupted; gold.* is the last complete publish"
              + " (run "
              + gold.runId().orElse("?")
              + "). For time travel use delta.`"
              + lake.path(Lake.GOLD, "<table>")
              + "` VERSION AS OF n.");
    }
    for (String table : gold.tables()) {
      unregister(spark, Lake.GOLD, table);
      String name = Lake.GOLD + ".`" + table + "`";
      spark.sql(
          latest
              ? createTable(name, lake.path(Lake.GOLD, table))
              : "CREATE VIEW " + name + " AS SELECT * FROM " + gold.sqlRelation(table));
      names.add(Lake.GOLD + "." + table);
    }
  }

  private static String createTable(String name, String path) {
    return "CREATE TABLE " + name + " USING delta LOCATION '" + path.replace("'", "\\'") + "'";
  }

  /** Columns holding delivered lines as they came, personal data included. */
  static final String RAW = "raw";

  /**
   * Registers layer.table for every Delta table found at lake/layer/table; a table with a {@value
   * #RAW} column is a view without it unless {@code showRaw}.
   */
  static List<String> register(SparkSession spark, Lake lake, boolean showRaw) {
    List<String> names = new ArrayList<>();
    try {
      Path root = new Path(lake.root());
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        return names;
      }
      for (String layer : List.of(Lake.BRONZE, Lake.SILVER, Lake.GOLD, Lake.QUALITY, Lake.OPS)) {
        Path dir = new Path(root, layer);
        if (!fs.exists(dir)) {
          continue;
        }
        spark.sql("CREATE DATABASE IF NOT EXISTS " + layer);
        if (layer.equals(Lake.GOLD)) {
          registerGold(spark, lake, names);
          continue;
        }
        for (FileStatus t : fs.listStatus(dir)) {
          String table = t.getPath().getName();
          if (t.isDirectory() && lake.exists(layer, table)) {
            String name = layer + ".`" + table + "`";
            unregister(spark, layer, table);
            List<String> columns = List.of(lake.read(layer, table).columns());
            if (!showRaw && columns.contains(RAW)) {
              // A view without raw (no time travel on it: --show-raw registers the table itself).
              String kept =
                  columns.stream()
                      .filter(c -> !c.equals(RAW))
                      .map(c -> "`" + c.replace("`", "``") + "`")
                      .collect(java.util.stream.Collectors.joining(", "));
              spark.sql(
                  "CREATE VIEW "
                      + name
                      + " AS SELECT "
                      + kept
                      + " FROM delta.`"
                      + lake.path(layer, table).replace("`", "``")
                      + "`");
            } else {
              spark.sql(createTable(name, lake.path(layer, table)));
            }
            names.add(layer + "." + table);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the lake " + lake.root(), e);
    }
    return names;
  }
}
