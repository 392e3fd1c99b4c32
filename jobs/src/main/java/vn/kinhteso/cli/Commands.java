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
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.PipelineConfig.ConfigException;
import vn.kinhteso.config.Reference;
import vn.kinhteso.generate.GenerationSummary;
import vn.kinhteso.generate.LandingGenerator;
import vn.kinhteso.publish.Lake;
import vn.kinhteso.publish.PublishedGold;
import vn.kinhteso.quality.QualityCommands;
import vn.kinhteso.run.DeequQualityStage;
import vn.kinhteso.run.Nightly;

/** The subcommands besides nightly. */
final class Commands {
  private Commands() {}

  static int generate(Args a, PipelineConfig config, PrintStream out) {
    String dir = a.location("out");
    if (dir == null) {
      throw new ConfigException("generate needs --out DIR (an empty or new folder)");
    }
    long seed;
    double scale;
    try {
      seed = Long.parseLong(a.get("seed", "1"));
      scale = Double.parseDouble(a.get("scale", "1"));
    } catch (NumberFormatException e) {
      throw new ConfigException("--seed takes a whole number and --scale a number: " + e.getMessage());
    }
    if (!(scale > 0)) {
      throw new ConfigException("--scale must be above 0, got " + scale);
    }
    long t0 = System.nanoTime();
    GenerationSummary s;
    try {
      s = LandingGenerator.generate(java.nio.file.Path.of(dir), seed, scale, a.flag("dirty"), Reference.load(config));
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ConfigException("Cannot generate: " + e.getMessage());
    }
    out.printf(java.util.Locale.ROOT, "Generated %s (seed %d, scale %s%s) in %.1f s%n", dir, seed, scale,
        a.flag("dirty") ? ", dirty" : "", (System.nanoTime() - t0) / 1e9);
    s.sources().forEach((k, v) -> out.printf(java.util.Locale.ROOT, "  %-22s %3d files %10d lines %8.2f MB%n",
        k, v.files(), v.lines(), v.bytes() / 1e6));
    out.printf(java.util.Locale.ROOT, "  %-22s           %10d lines %8.2f MB%n", "total", s.totalLines(),
        s.totalBytes() / 1e6);
    s.expectedQuarantine().forEach((k, v) -> {
      if (v > 0) {
        out.printf("  injected %-20s %d%n", k, v);
      }
    });
    return 0;
  }

  /** {@code bench}: see docs/performance.md. */
  static int bench(Args a, PipelineConfig config, PrintStream out) {
    List<String> sizes = List.of(a.get("scale", "sample,18,100,300").split(","));
    for (String s : sizes) {
      if (!s.equals("sample") && !s.matches("[0-9]+(\\.[0-9]+)?")) {
        throw new ConfigException("--scale takes 'sample' or generator scales, comma-separated; got '" + s + "'");
      }
    }
    java.nio.file.Path work = java.nio.file.Path.of(a.get("work", "bench")).toAbsolutePath();
    java.nio.file.Path csv = java.nio.file.Path.of(a.get("out", work.resolve("results.csv").toString()));
    java.nio.file.Path conf = config.confFile();
    try {
      new vn.kinhteso.bench.Benchmark(work, java.nio.file.Path.of(config.landing()), conf,
          a.get("driver-memory", "4g"), Reference.load(config), out).run(sizes, csv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    return 0;
  }

  static int benchFloor(PipelineConfig config, PrintStream out) {
    SparkSession spark = Main.session(config, "bench floor");
    try {
      vn.kinhteso.bench.BareRead.run(spark, java.nio.file.Path.of(config.landing()), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return 0;
  }

  /** {@code quality}: the latest report and history; {@code quality suggest --table layer.t}. */
  static int quality(Args a, PipelineConfig config, PrintStream out) {
    boolean suggest = a.positional.size() == 1 && a.positional.get(0).equals("suggest");
    if (!a.positional.isEmpty() && !suggest) {
      throw new ConfigException("quality takes no argument, or 'suggest --table silver.X'");
    }
    SparkSession spark = Main.session(config, "quality");
    Lake lake = new Lake(spark, config.lake());
    if (suggest) {
      String table = a.get("table", null);
      if (table == null || !table.contains(".")) {
        throw new ConfigException("quality suggest needs --table layer.table, e.g. --table silver.declarations");
      }
      out.print(QualityCommands.suggest(spark, lake, table));
    } else {
      out.print(QualityCommands.latestReport(lake));
    }
    return 0;
  }

  static Nightly.QualityStage qualityStage(PipelineConfig config, Reference ref) {
    return new DeequQualityStage(config, ref);
  }

  /** Who holds the lake's lock; with --force, removes it (for a run that died holding it). */
  static int unlock(Args a, PipelineConfig config, PrintStream out) {
    // The lock is one small file: Hadoop's file system as Spark would configure it, no session.
    vn.kinhteso.deploy.LakePreflight.check(config);
    org.apache.hadoop.conf.Configuration hadoop = vn.kinhteso.deploy.LakePreflight.hadoopConf(config.sparkSettings());
    if (!a.flag("force")) {
      java.util.Properties held = vn.kinhteso.publish.LakeLock.holder(hadoop, config.lake());
      if (held == null) {
        out.println("The lake " + config.lake() + " is not locked.");
        return 0;
      }
      throw new ConfigException("The lake " + config.lake() + " is locked by "
          + vn.kinhteso.publish.LakeLock.describe(held) + ". If that run is not active, remove the lock with --force.");
    }
    java.util.Properties removed = vn.kinhteso.publish.LakeLock.forceUnlock(hadoop, config.lake());
    out.println(removed == null ? "The lake " + config.lake() + " was not locked."
        : "Removed the lock of " + vn.kinhteso.publish.LakeLock.describe(removed) + " from " + config.lake() + ".");
    return 0;
  }

  /** Runs Spark SQL with every lake table registered as layer.table. */
  static int sql(Args a, PipelineConfig config, PrintStream out) {
    if (a.positional.size() != 1) {
      throw new ConfigException("sql takes one quoted statement, e.g. bin/kinhteso sql \"SELECT * FROM gold.digital_economy_share\"");
    }
    int limit;
    try {
      limit = Integer.parseInt(a.get("limit", "200"));
    } catch (NumberFormatException e) {
      throw new ConfigException("--limit takes a whole number");
    }
    try {
      config = config.with("spark.sql.warehouse.dir", Files.createTempDirectory("kinhteso-sql").toUri().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String rawReason = a.get("show-raw", null);
    if (rawReason != null && rawReason.isBlank()) {
      throw new ConfigException("--show-raw needs the reason the delivered lines are needed, e.g. --show-raw \"ticket 123:"
          + " a file the tax office asks about\"");
    }
    SparkSession spark = Main.session(config, "sql");
    Lake lake = new Lake(spark, config.lake());
    List<String> tables = register(spark, lake, rawReason != null);
    if (rawReason != null) {
      System.err.println("kinhteso: raw columns shown (they hold delivered values, citizen IDs among them); reason: "
          + rawReason);
    }
    if (tables.isEmpty()) {
      throw new ConfigException("Cannot query: no Delta table under " + lake.root() + " (run bin/kinhteso nightly first)");
    }
    Dataset<Row> result;
    try {
      result = spark.sql(a.positional.get(0));
    } catch (Exception e) {
      // Scala's AnalysisException is checked in Java terms but undeclared.
      if (e instanceof org.apache.spark.sql.AnalysisException ae) {
        String hint = rawReason == null && a.positional.get(0).toLowerCase(java.util.Locale.ROOT).contains("raw")
            ? "\nThe raw columns (bronze.lines.raw, quality.quarantine.raw) are hidden: they hold delivered values,"
                + " citizen IDs among them. Pass --show-raw \"why they are needed\" to see them." : "";
        throw new ConfigException("Cannot run the query: " + ae.getSimpleMessage() + "\nTables: "
            + String.join(", ", tables) + hint);
      }
      throw e;
    }
    out.print(result.showString(limit, 40, false));
    return 0;
  }

  /**
   * Forgets an earlier registration of layer.table in this session (another lake, or raw shown
   * or not). Only views and external tables are dropped: neither deletes data.
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
      default -> throw new IllegalStateException(name + " is a " + type + " table of this session: not replaced");
    }
  }

  /**
   * Gold as last completely published, never a publish under way: the tables themselves when
   * their latest versions are the published ones (time travel by name works), else views of
   * the published versions.
   */
  private static void registerGold(SparkSession spark, Lake lake, List<String> names) {
    PublishedGold gold = PublishedGold.of(lake);
    boolean latest = gold.isLatest();
    if (!latest) {
      System.err.println("kinhteso: a publish is under way or was interrupted; gold.* is the last complete publish"
          + " (run " + gold.runId().orElse("?") + "). For time travel use delta.`" + lake.path(Lake.GOLD, "<table>")
          + "` VERSION AS OF n.");
    }
    for (String table : gold.tables()) {
      unregister(spark, Lake.GOLD, table);
      String name = Lake.GOLD + ".`" + table + "`";
      spark.sql(latest ? createTable(name, lake.path(Lake.GOLD, table))
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
   * Registers layer.table for every Delta table found at lake/layer/table; a table with a
   * {@value #RAW} column is a view without it unless {@code showRaw}.
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
              String kept = columns.stream().filter(c -> !c.equals(RAW))
                  .map(c -> "`" + c.replace("`", "``") + "`").collect(java.util.stream.Collectors.joining(", "));
              spark.sql("CREATE VIEW " + name + " AS SELECT " + kept + " FROM delta.`"
                  + lake.path(layer, table).replace("`", "``") + "`");
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
