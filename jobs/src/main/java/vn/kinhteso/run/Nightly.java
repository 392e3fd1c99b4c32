package vn.kinhteso.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import vn.kinhteso.config.ConfigKeys;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.conform.Codes;
import vn.kinhteso.conform.Conform;
import vn.kinhteso.conform.Pseudonyms;
import vn.kinhteso.conform.SilverTables;
import vn.kinhteso.indicators.Gold;
import vn.kinhteso.indicators.GoldTables;
import vn.kinhteso.ingest.BronzeIngest;
import vn.kinhteso.ingest.LandingZone;
import vn.kinhteso.lake.Lake;
import vn.kinhteso.lake.LakeLock;
import vn.kinhteso.publish.GoldPublisher;
import vn.kinhteso.publish.PublishedGold;
import vn.kinhteso.quality.GateDecision;

/**
 * The nightly run: ingest → conform → indicators → quality → publish. A night with nothing new
 * after a published run does nothing; otherwise silver and gold are recomputed from bronze, staged,
 * checked, and only then published.
 */
public final class Nightly {
  /** Exit codes of the command line (defined in {@link vn.kinhteso.config.ExitCode}). */
  public static final int OK = vn.kinhteso.config.ExitCode.OK;

  public static final int NOT_PUBLISHED = vn.kinhteso.config.ExitCode.NOT_PUBLISHED;

  /** What a run did. */
  public record Outcome(int exitCode, String runId, boolean published, String message) {}

  private final SparkSession spark;
  private final PipelineConfig config;
  private final Reference reference;
  private final PrintStream out;
  private final QualityStage quality;

  /** The quality stage between staging and publishing; it decides whether gold is replaced. */
  public interface QualityStage {
    /** Whether publishing may go on, judged on silver and the staged gold. */
    GateDecision check(
        String runId,
        LocalDate runDate,
        java.util.Set<String> pendingRunIds,
        Lake lake,
        SilverTables silver,
        Gold staged,
        PrintStream out);

    /** Told after publishing (or not), so that a run that did not publish is no baseline. */
    default void finished(String runId, LocalDate runDate, Lake lake, boolean published) {}
  }

  public Nightly(
      SparkSession spark,
      PipelineConfig config,
      Reference reference,
      QualityStage quality,
      PrintStream out) {
    this.spark = Objects.requireNonNull(spark);
    this.config = Objects.requireNonNull(config);
    this.reference = Objects.requireNonNull(reference);
    this.quality = Objects.requireNonNull(quality);
    this.out = Objects.requireNonNull(out);
  }

  public static String newRunId() {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .format(ZonedDateTime.now(ZoneOffset.UTC))
        + "-"
        + UUID.randomUUID().toString().substring(0, 6);
  }

  public Outcome run(LocalDate runDate) {
    String runId = newRunId();
    Lake lake = new Lake(spark, config.lake());
    String fingerprint = config.methodologyFingerprint();
    StageLog log = new StageLog(runId, fingerprint, out);
    out.printf("kinhteso nightly %s  landing %s  lake %s%n", runId, config.landing(), lake.root());
    // Before anything is written: a second run on this lake is refused, nothing of it recorded.
    LakeLock lock =
        LakeLock.acquire(
            spark.sparkContext().hadoopConfiguration(),
            lake.root(),
            runId,
            java.time.Duration.ofHours(config.get(ConfigKeys.LOCK_EXPIRY_HOURS)),
            out);
    try {
      GoldPublisher publisher = new GoldPublisher(spark, lake);
      List<String> restored = publisher.recover();
      if (!restored.isEmpty()) {
        out.println(
            "  an earlier run stopped while publishing; gold restored to its last complete version: "
                + String.join(", ", restored));
      }

      log.start("ingest");
      spark.sparkContext().setJobGroup("ingest", "bronze: landing files to bronze.lines", false);
      BronzeIngest.Result ingest =
          new BronzeIngest(spark, lake)
              .run(
                  runId,
                  new LandingZone(
                      config.landing(),
                      spark.sparkContext().hadoopConfiguration(),
                      java.time.Duration.ofSeconds(
                          config.get(ConfigKeys.LANDING_MIN_AGE_SECONDS))));
      log.done(
          ingest.dataRowsAdded(),
          ingest.linesAdded(),
          null,
          "ok",
          String.format(
              Locale.ROOT,
              "%d new files, %d duplicate, %d unreadable",
              ingest.newFiles(),
              ingest.duplicateFiles(),
              ingest.unreadableFiles()));
      printIgnored(ingest.ignored());
      recordIgnored(lake, runId, ingest.ignored());

      if (!lake.exists(Lake.BRONZE, BronzeIngest.LINES)) {
        return finish(
            log,
            lake,
            new Outcome(
                NOT_PUBLISHED,
                runId,
                false,
                "Cannot publish: the landing zone "
                    + config.landing()
                    + " holds no readable delivery"));
      }
      if (!ingest.anythingNew() && upToDate(lake, fingerprint)) {
        out.println(
            "  nothing new since the last published run, same methodology settings: gold unchanged");
        Outcome o = new Outcome(OK, runId, false, "nothing new");
        finish(log, lake, o);
        Summary.print(spark, lake, reference, out);
        return o;
      }

      log.start("conform");
      spark
          .sparkContext()
          .setJobGroup("conform", "silver: typed, validated, latest revisions", false);
      Codes codes = new Codes(reference);
      ConformStage.Changes changes;
      try (Conform conform =
          new Conform(
              spark,
              codes,
              new Pseudonyms(config.pseudonymKey()),
              runDate,
              config.maxLineChars())) {
        changes =
            new ConformStage(spark, lake, conform)
                .run(runId, conformFingerprint(fingerprint), this::profiled);
      }
      Reconciliation.Totals totals = changes.totals();
      SilverTables silver = readSilver(lake);
      log.done(
          totals.rowsIn(),
          totals.accepted() + totals.superseded(),
          totals.quarantined(),
          totals.reconciles() ? "ok" : "failed",
          totals.reconciles()
              ? String.format(
                  Locale.ROOT,
                  "%,d accepted, %,d superseded; %,d new rows parsed from %d ingest run(s)",
                  totals.accepted(),
                  totals.superseded(),
                  changes.typedRows(),
                  changes.batchRuns())
              : "rows do not reconcile: see ops.file_reconciliation");
      if (!totals.reconciles()) {
        return finish(
            log,
            lake,
            new Outcome(
                NOT_PUBLISHED,
                runId,
                false,
                "Cannot publish: rows in != accepted + superseded + quarantined for some files; "
                    + "see SELECT * FROM ops.file_reconciliation WHERE NOT reconciles"));
      }

      log.start("indicators");
      spark.sparkContext().setJobGroup("indicators", "gold: methodology formulas", false);
      GoldTables goldTables =
          new GoldTables(
              codes,
              new GoldTables.Methodology(
                  reference.seriesBreaks(),
                  config.smeSizeClasses(),
                  config.get(ConfigKeys.BOOTSTRAP_REPLICATES),
                  config.get(ConfigKeys.BOOTSTRAP_SEED)));
      goldTables.confidentiality(vn.kinhteso.indicators.Confidentiality.of(config));
      // Gold is recomputed for the years whose inputs changed since the last publish; the other
      // years' rows are the published ones (each row depends on its own year's inputs only).
      PublishedGold lastPublish = PublishedGold.of(lake);
      java.util.Set<Integer> years =
          lastPublish.has(GoldTables.DIGITAL_ECONOMY_SHARE)
                  && lake.exists(Lake.QUALITY, "methodology_counts")
              ? ConformStage.goldYearsSince(lake, lastPublishedRun(lake))
              : null;
      // A table that reads every year (the nowcast and its back-test do): every year is computed
      // anew. Decided before computing, as computing gold runs jobs (the back-test's fits).
      if (years != null && !BY_YEAR_OR_STATISTICS.containsAll(Gold.NAMES)) {
        years = null;
      }
      SilverTables input = onceEach(years == null ? silver : yearsOf(silver, years));
      Gold gold = profiled("gold.compute", () -> goldTables.compute(input));
      // The quality stage checks silver whole: the rows read once for gold when they are all of it.
      SilverTables checked = years == null ? input : silver;
      if (years != null && !sameColumns(lastPublish, gold)) {
        // Gold changed shape since the last publish: every year is computed anew.
        years = null;
        checked = onceEach(silver);
        gold = goldTables.compute(checked);
      }
      Dataset<Row> counts = goldTables.methodologyCounts();
      if (years != null) {
        java.util.Set<Integer> recomputed = years;
        gold =
            gold.map(
                (t, d) ->
                    t.equals(GoldTables.DIGITAL_ECONOMY_SHARE)
                            || t.equals(GoldTables.DIGITAL_INDICATORS)
                        ? keepOthers(d, lastPublish.read(t).drop("run_id"), recomputed)
                        : d);
        counts =
            keepOthers(counts, lake.read(Lake.QUALITY, "methodology_counts").drop("run_id"), years);
      }
      out.printf(
          "  gold years recomputed: %s%n",
          years == null ? "all" : years.isEmpty() ? "none" : years);
      Gold staged = gold.map((t, d) -> stage(lake, runId, t, d));
      // The targets' tables read the staged gold of this run and are published with it.
      List<Gold.Table> toPublish = new java.util.ArrayList<>(staged.tables());
      for (Gold.Table t :
          profiled(
                  "targets.compute",
                  () -> vn.kinhteso.targets.TargetTables.load(config, reference).compute(staged))
              .tables()) {
        toPublish.add(new Gold.Table(t.name(), stage(lake, runId, t.name(), t.data())));
      }
      long goldRows =
          profiled("gold.count", () -> toPublish.stream().mapToLong(t -> t.data().count()).sum());
      log.done(
          totals.accepted(),
          goldRows,
          null,
          "ok",
          "staged " + String.join(", ", toPublish.stream().map(Gold.Table::name).toList()));
      Dataset<Row> countsOfRun = counts;
      profiled(
          "methodology_counts",
          () -> {
            lake.overwrite(
                Lake.QUALITY,
                "methodology_counts",
                countsOfRun.withColumn("run_id", lit(runId)).localCheckpoint().coalesce(1));
            printCounts(lake);
          });

      log.start("quality");
      spark.sparkContext().setJobGroup("quality", "quality: checks, metrics, anomalies", false);
      GateDecision decision =
          quality.check(runId, runDate, pendingIngests(lake), lake, checked, staged, out);
      log.done(
          null,
          null,
          totals.quarantined(),
          decision.publish() ? "ok" : "failed",
          decision.reason());
      if (!decision.publish()) {
        quality.finished(runId, runDate, lake, false);
        dropStaging(lake, runId);
        return finish(
            log,
            lake,
            new Outcome(
                NOT_PUBLISHED,
                runId,
                false,
                "Cannot publish: " + decision.reason() + "; gold is unchanged"));
      }

      log.start("publish");
      spark.sparkContext().setJobGroup("publish", "gold: replace published tables", false);
      Map<String, Long> written = publisher.publish(runId, toPublish);
      long total = written.values().stream().mapToLong(Long::longValue).sum();
      log.done(goldRows, total, null, "ok", written.toString());
      quality.finished(runId, runDate, lake, true);
      dropStaging(lake, runId);
      Outcome o = finish(log, lake, new Outcome(OK, runId, true, "published"));
      Summary.print(spark, lake, reference, out);
      return o;
    } catch (Exception e) {
      // Exception: Spark's AnalysisException and SparkException are checked but undeclared.
      log.done(null, null, null, "failed", Failures.oneLine(e));
      writeOps(lake, log);
      try {
        lock.close();
      } catch (RuntimeException release) {
        e.addSuppressed(release); // the run's own failure is the one to report
      }
      throw e;
    } finally {
      spark.sparkContext().clearJobGroup();
      lock.close(); // no-op when released above
    }
  }

  /** Files in the landing zone that are not deliveries: named every night, so none goes unseen. */
  private void printIgnored(List<vn.kinhteso.ingest.LandingZone.Ignored> ignored) {
    if (ignored.isEmpty()) {
      return;
    }
    out.printf(
        Locale.ROOT,
        "  warning: %d file(s) in the landing zone are not deliveries and were not read:%n",
        ignored.size());
    int shown = 20;
    ignored.stream()
        .limit(shown)
        .forEach(i -> out.println("    " + i.path() + "  (" + i.reason() + ")"));
    if (ignored.size() > shown) {
      out.printf(Locale.ROOT, "    ... and %d more%n", ignored.size() - shown);
    }
  }

  /**
   * The same files in ops.ignored_files, one row per run and file; nothing written when there are
   * none.
   */
  private void recordIgnored(
      Lake lake, String runId, List<vn.kinhteso.ingest.LandingZone.Ignored> ignored) {
    if (ignored.isEmpty()) {
      return;
    }
    java.sql.Timestamp now = new java.sql.Timestamp(System.currentTimeMillis());
    List<Row> rows =
        ignored.stream()
            .map(
                i ->
                    org.apache.spark.sql.RowFactory.create(
                        runId, Failures.mask(i.path()), i.reason(), now))
            .toList();
    lake.append(Lake.OPS, IGNORED_FILES, spark.createDataFrame(rows, IGNORED_SCHEMA).coalesce(1));
  }

  public static final String IGNORED_FILES = "ignored_files";
  private static final org.apache.spark.sql.types.StructType IGNORED_SCHEMA =
      new org.apache.spark.sql.types.StructType()
          .add("run_id", "string", false)
          .add("file_path", "string", false)
          .add("reason", "string", false)
          .add("noticed_at", "timestamp", false);

  /** True when the last publish saw every file bronze holds. */
  private boolean upToDate(Lake lake, String fingerprint) {
    if (!lake.exists(Lake.OPS, "runs")) {
      return false;
    }
    Dataset<Row> runs = lake.read(Lake.OPS, "runs");
    Row lastPublished =
        runs.where(
                col("stage")
                    .equalTo("publish")
                    .and(col("status").equalTo("ok"))
                    .and(col("methodology_fingerprint").equalTo(fingerprint)))
            .agg(functions.max("run_id"))
            .head();
    Row lastAnyPublished =
        runs.where(col("stage").equalTo("publish").and(col("status").equalTo("ok")))
            .agg(functions.max("run_id"))
            .head();
    Row lastFailed =
        runs.where(col("status").equalTo("failed")).agg(functions.max("run_id")).head();
    Row lastIngest = lake.read(Lake.BRONZE, BronzeIngest.FILES).agg(functions.max("run_id")).head();
    // The last publish must also have used today's methodology settings.
    if (lastPublished.isNullAt(0)
        || !lastPublished.getString(0).equals(lastAnyPublished.getString(0))) {
      return false;
    }
    String published = lastPublished.getString(0);
    return published.compareTo(lastIngest.getString(0)) >= 0
        && (lastFailed.isNullAt(0) || published.compareTo(lastFailed.getString(0)) > 0);
  }

  /** Gold tables whose rows of a year read that year's inputs only, or statistics only. */
  private static final java.util.Set<String> BY_YEAR_OR_STATISTICS =
      java.util.Set.of(
          GoldTables.DIGITAL_ECONOMY_SHARE,
          GoldTables.DIGITAL_INDICATORS,
          GoldTables.LABOUR_PRODUCTIVITY);

  private static boolean sameColumns(PublishedGold last, Gold gold) {
    for (Gold.Table e : gold.tables()) {
      if (!last.has(e.name())) {
        return false;
      }
      java.util.Set<String> published =
          new java.util.TreeSet<>(List.of(last.read(e.name()).columns()));
      published.remove("run_id");
      if (!published.equals(new java.util.TreeSet<>(List.of(e.data().columns())))) {
        return false;
      }
    }
    return true;
  }

  /** This run's rows for the years given, the other years' rows as they were. */
  private static Dataset<Row> keepOthers(
      Dataset<Row> computed, Dataset<Row> previous, java.util.Set<Integer> years) {
    Object[] ys = years.toArray();
    return computed
        .where(col("year").isin(ys))
        .unionByName(previous.where(functions.not(col("year").isin(ys))));
  }

  /**
   * Each silver table read once for gold: every gold plan scans several of them, and each scan of a
   * Delta table in a plan costs a file-listing job and a plan from the scan up.
   */
  private static SilverTables onceEach(SilverTables s) {
    return new SilverTables(
        s.grdp().localCheckpoint(true),
        s.employment().localCheckpoint(true),
        s.retail().localCheckpoint(true),
        s.ict().localCheckpoint(true),
        s.register().localCheckpoint(true),
        s.declarations().localCheckpoint(true),
        s.ecommerce().localCheckpoint(true),
        s.quarantine());
  }

  private static SilverTables yearsOf(SilverTables s, java.util.Set<Integer> years) {
    Object[] ys = years.toArray();
    return new SilverTables(
        s.grdp(),
        s.employment(),
        s.retail(),
        s.ict(),
        s.register(),
        s.declarations().where(col("year").isin(ys)),
        s.ecommerce().where(col("year").isin(ys)),
        s.quarantine());
  }

  /** The last run that published, or null. */
  private static String lastPublishedRun(Lake lake) {
    if (!lake.exists(Lake.OPS, "runs")) {
      return null;
    }
    Row r =
        lake.read(Lake.OPS, "runs")
            .where(col("stage").equalTo("publish").and(col("status").equalTo("ok")))
            .agg(functions.max("run_id"))
            .head();
    return r.isNullAt(0) ? null : r.getString(0);
  }

  /**
   * What typed rows depend on besides the data: the methodology and reference files, the lake
   * layout, and the pseudonym key (digested with the rest, never stored alone).
   */
  private String conformFingerprint(String methodology) {
    try {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      // The line limit decides which lines are parsed at all: a new limit parses bronze again.
      md.update(
          (methodology + "|layout " + LAYOUT_VERSION + "|max line " + config.maxLineChars() + "|")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      md.update(config.pseudonymKey());
      return java.util.HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Raised when the lake's tables change shape, so an older lake is rebuilt from bronze once. */
  static final int LAYOUT_VERSION = 2;

  /** Runs whose ingested files no successful publish has taken yet (a few ids: metadata). */
  private java.util.Set<String> pendingIngests(Lake lake) {
    String lastPublished = null;
    if (lake.exists(Lake.OPS, "runs")) {
      Row r =
          lake.read(Lake.OPS, "runs")
              .where(col("stage").equalTo("publish").and(col("status").equalTo("ok")))
              .agg(functions.max("run_id"))
              .head();
      lastPublished = r.isNullAt(0) ? null : r.getString(0);
    }
    Dataset<Row> files = lake.read(Lake.BRONZE, BronzeIngest.FILES);
    if (lastPublished != null) {
      files = files.where(col("run_id").gt(lastPublished));
    }
    java.util.Set<String> ids = new java.util.TreeSet<>();
    files.select("run_id").distinct().collectAsList().forEach(r -> ids.add(r.getString(0)));
    return ids;
  }

  static SilverTables readSilver(Lake lake) {
    return new SilverTables(
        lake.read(Lake.SILVER, "grdp"),
        lake.read(Lake.SILVER, "employment"),
        lake.read(Lake.SILVER, "retail"),
        lake.read(Lake.SILVER, "ict"),
        lake.read(Lake.SILVER, "register"),
        lake.read(Lake.SILVER, "declarations"),
        lake.read(Lake.SILVER, "ecommerce"),
        lake.read(Lake.QUALITY, "quarantine"));
  }

  /**
   * Gold is computed once into a staging area that the checks and the publish both read; returns
   * the staged table.
   */
  private Dataset<Row> stage(Lake lake, String runId, String table, Dataset<Row> data) {
    String path = stagingPath(lake, runId) + "/" + table;
    spark.sparkContext().setJobDescription("stage gold." + table);
    profiled(
        "gold." + table,
        () ->
            data.withColumn("run_id", lit(runId))
                .orderBy(
                    java.util.stream.Stream.of("geo_level", "province_code", "year", "target_id")
                        .filter(java.util.Arrays.asList(data.columns())::contains)
                        .map(functions::col)
                        .toArray(org.apache.spark.sql.Column[]::new))
                .coalesce(1)
                .write()
                .format("delta")
                .mode("overwrite")
                .save(path));
    return spark.read().format("delta").load(path);
  }

  /** The methodology's own counts (a handful of rows), one line. */
  private void printCounts(Lake lake) {
    StringBuilder line = new StringBuilder("  counted: ");
    for (Row r :
        lake.read(Lake.QUALITY, "methodology_counts")
            .groupBy("metric")
            .agg(functions.sum("value"))
            .orderBy("metric")
            .collectAsList()) {
      line.append(r.getString(0)).append(' ').append(r.getLong(1)).append("  ");
    }
    out.println(line.toString().stripTrailing() + "  (quality.methodology_counts, per year)");
  }

  private <T> T profiled(String what, java.util.function.Supplier<T> work) {
    long t0 = System.nanoTime();
    T result = work.get();
    if (config.get(ConfigKeys.STEP_TIMINGS)) {
      out.printf(Locale.ROOT, "    %s %.1fs%n", what, (System.nanoTime() - t0) / 1e9);
    }
    return result;
  }

  private void profiled(String what, Runnable work) {
    profiled(
        what,
        () -> {
          work.run();
          return null;
        });
  }

  private static String stagingPath(Lake lake, String runId) {
    return lake.root() + "/_staging/" + runId;
  }

  private void dropStaging(Lake lake, String runId) {
    try {
      Path p = new Path(stagingPath(lake, runId));
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.delete(p, true);
    } catch (java.io.IOException e) {
      out.println(
          "  note: could not remove the staging folder "
              + stagingPath(lake, runId)
              + ": "
              + e.getMessage());
    }
  }

  private Outcome finish(StageLog log, Lake lake, Outcome o) {
    writeOps(lake, log);
    if (o.exitCode() != OK) {
      out.println(o.message());
    }
    return o;
  }

  private void writeOps(Lake lake, StageLog log) {
    if (log.rows().isEmpty()) {
      return;
    }
    spark
        .createDataFrame(log.rows(), StageLog.SCHEMA)
        .coalesce(1)
        .write()
        .format("delta")
        .mode("append")
        .option("mergeSchema", "true")
        .save(lake.path(Lake.OPS, "runs"));
  }
}
