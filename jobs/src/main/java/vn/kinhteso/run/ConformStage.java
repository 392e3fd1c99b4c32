package vn.kinhteso.run;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.kinhteso.conform.Conform;
import vn.kinhteso.conform.SilverTables;
import vn.kinhteso.ingest.BronzeIngest;
import vn.kinhteso.ingest.Source;
import vn.kinhteso.lake.Lake;

/**
 * Conform as the nightly runs it, at the cost of what arrived. Each ingested file is parsed once,
 * into typed rows ({@code silver.typed_<table>}) that later nights reuse; then only what the new
 * rows can change is resolved again: a statistics or register table whole (they are small), the
 * years of declarations and e-commerce that the new rows fall in (every key lies in one year), all
 * years of declarations when the register changed (registration decides which declarations count).
 * A batch is the set of ingest runs not parsed yet, so a run killed anywhere in conform is redone
 * whole by the next one; every write replaces what the batch wrote before, so a redo adds nothing
 * twice.
 */
final class ConformStage {
  static final String TYPED = "typed_";
  static final String BATCHES = "conform_batches";
  static final StructType BATCHES_SCHEMA =
      new StructType()
          .add("ingest_run_id", DataTypes.StringType, false)
          .add("conform_run_id", DataTypes.StringType, false)
          .add("fingerprint", DataTypes.StringType, false)
          .add("all_years", DataTypes.BooleanType, false)
          .add("gold_years", DataTypes.createArrayType(DataTypes.IntegerType), false)
          .add("at", DataTypes.TimestampType, false);

  /** What conform changed: gold must be recomputed for these years (or all of them). */
  record Changes(
      boolean allYears,
      Set<Integer> goldYears,
      Reconciliation.Totals totals,
      long typedRows,
      int batchRuns) {}

  private final SparkSession spark;
  private final Lake lake;
  private final Conform conform;
  private final List<String> written = new ArrayList<>();

  ConformStage(SparkSession spark, Lake lake, Conform conform) {
    this.spark = Objects.requireNonNull(spark);
    this.lake = Objects.requireNonNull(lake);
    this.conform = Objects.requireNonNull(conform);
  }

  static String table(Source s) {
    return switch (s) {
      case GRDP -> "grdp";
      case EMPLOYMENT -> "employment";
      case RETAIL -> "retail";
      case ICT -> "ict";
      case REGISTRY -> "register";
      case DECLARATIONS -> "declarations";
      case ECOMMERCE -> "ecommerce";
    };
  }

  private static boolean byYear(Source s) {
    return s == Source.DECLARATIONS || s == Source.ECOMMERCE;
  }

  Changes run(String runId, String fingerprint, Profiler profile) {
    Set<String> ingestRuns = distinct(lake.read(Lake.BRONZE, BronzeIngest.FILES), "run_id");
    boolean full = !parsedWith(fingerprint);
    Set<String> batch = new TreeSet<>(ingestRuns);
    if (!full) {
      batch.removeAll(
          distinct(
              lake.read(Lake.OPS, BATCHES).where(col("fingerprint").equalTo(fingerprint)),
              "ingest_run_id"));
    }
    boolean allYears = full;
    Set<Integer> goldYears = new TreeSet<>();
    long typedRows = 0;
    if (!batch.isEmpty()) {
      Object[] runs = batch.toArray();
      Dataset<Row> lines = lake.read(Lake.BRONZE, BronzeIngest.LINES);
      Dataset<Row> files = lake.read(Lake.BRONZE, BronzeIngest.FILES);
      if (!full) {
        lines = lines.where(col("run_id").isin(runs));
        files = files.where(col("run_id").isin(runs));
      }
      Conform.Parsed parsed = conform.parse(lines, files, runId);
      String inBatch = "run_id IN (" + quoted(batch) + ")";
      List<Source> changed = new ArrayList<>();
      Set<Integer> declarationYears = new TreeSet<>();
      Set<Integer> ecommerceYears = new TreeSet<>();
      for (Map.Entry<Source, Dataset<Row>> e : parsed.typed().entrySet()) {
        Source s = e.getKey();
        Dataset<Row> typed = e.getValue();
        // The years a batch touches are metadata (a handful of values); the register has none.
        List<Row> years =
            s == Source.REGISTRY
                ? List.of(RowFactory.create(0, typed.count())).stream()
                    .filter(r -> r.getLong(1) > 0)
                    .toList()
                : typed.groupBy("year").count().collectAsList();
        if (years.isEmpty() && !full) {
          continue;
        }
        changed.add(s);
        Set<Integer> ys =
            years.stream().map(r -> r.getInt(0)).collect(Collectors.toCollection(TreeSet::new));
        typedRows += years.stream().mapToLong(r -> r.getLong(1)).sum();
        if (s == Source.DECLARATIONS) {
          declarationYears.addAll(ys);
        } else if (s == Source.ECOMMERCE) {
          ecommerceYears.addAll(ys);
        }
        if (s != Source.REGISTRY) {
          goldYears.addAll(ys);
        }
        String name = TYPED + table(s);
        profile.time(
            "typed." + table(s),
            () -> write(Lake.SILVER, name, typed, full ? null : inBatch, byYear(s)));
      }
      boolean registerChanged = full || changed.contains(Source.REGISTRY);
      allYears |= registerChanged;
      List<Dataset<Row>> quarantine = new ArrayList<>(List.of(parsed.quarantine()));
      List<String> wholeSources = new ArrayList<>();
      for (Source s : List.of(Source.GRDP, Source.EMPLOYMENT, Source.RETAIL, Source.ICT)) {
        if (full || changed.contains(s)) {
          Conform.Resolved r = conform.resolveStatistics(s, typed(s, null), runId);
          profile.time(
              "silver." + table(s), () -> write(Lake.SILVER, table(s), r.silver(), null, false));
          quarantine.add(r.quarantine());
          wholeSources.add(s.folder());
        }
      }
      if (changed.contains(Source.GRDP)) {
        // The interval of a year whose GRDP is not official draws on the revisions seen in all
        // releases, so a new release changes those years too (a few, and small to redo).
        goldYears.addAll(unofficialGrdpYears());
      }
      if (registerChanged) {
        Conform.Resolved r = conform.resolveRegister(typed(Source.REGISTRY, null), runId);
        profile.time(
            "silver.register", () -> write(Lake.SILVER, "register", r.silver(), null, false));
        quarantine.add(r.quarantine());
        wholeSources.add(Source.REGISTRY.folder());
      }
      Set<Integer> dYears = registerChanged ? null : declarationYears;
      if (dYears == null || !dYears.isEmpty()) {
        Conform.Resolved r =
            conform.resolveDeclarations(
                typed(Source.DECLARATIONS, dYears), lake.read(Lake.SILVER, "register"), runId);
        profile.time(
            "silver.declarations",
            () ->
                write(
                    Lake.SILVER,
                    "declarations",
                    r.silver(),
                    dYears == null ? null : inYears(dYears),
                    true));
        quarantine.add(r.quarantine());
      }
      if (full || !ecommerceYears.isEmpty()) {
        Set<Integer> eYears = full ? null : ecommerceYears;
        Conform.Resolved r = conform.resolveEcommerce(typed(Source.ECOMMERCE, eYears), runId);
        profile.time(
            "silver.ecommerce",
            () ->
                write(
                    Lake.SILVER,
                    "ecommerce",
                    r.silver(),
                    eYears == null ? null : inYears(eYears),
                    true));
        quarantine.add(r.quarantine());
      }
      Dataset<Row> q = quarantine.get(0);
      for (Dataset<Row> d : quarantine.subList(1, quarantine.size())) {
        q = q.unionByName(d);
      }
      // Key-level outcomes are replaced where they were resolved again; the rest is this batch's
      // own.
      List<String> keyScope = new ArrayList<>();
      if (!wholeSources.isEmpty()) {
        keyScope.add("source IN (" + quoted(wholeSources) + ")");
      }
      if (dYears == null) {
        keyScope.add("source = '" + Source.DECLARATIONS.folder() + "'");
      } else if (!dYears.isEmpty()) {
        keyScope.add(
            "(source = '" + Source.DECLARATIONS.folder() + "' AND " + inYears(dYears) + ")");
      }
      if (!ecommerceYears.isEmpty()) {
        keyScope.add(
            "(source = '" + Source.ECOMMERCE.folder() + "' AND " + inYears(ecommerceYears) + ")");
      }
      String scope =
          "(check_level <> '"
              + Conform.LEVEL_KEY
              + "' AND "
              + inBatch
              + ")"
              + (keyScope.isEmpty()
                  ? ""
                  : " OR (check_level = '"
                      + Conform.LEVEL_KEY
                      + "' AND ("
                      + String.join(" OR ", keyScope)
                      + "))");
      Dataset<Row> finalQ = q;
      profile.time(
          "quarantine",
          () -> write(Lake.QUALITY, "quarantine", finalQ, full ? null : scope, false));
    }
    if (!batch.isEmpty()) {
      compact(profile);
    }
    SilverTables silver = Nightly.readSilver(lake);
    Reconciliation.Totals totals =
        profile.time("reconciliation", () -> Reconciliation.write(lake, silver));
    if (!batch.isEmpty()) {
      Timestamp now = new Timestamp(System.currentTimeMillis());
      List<Row> rows = new ArrayList<>();
      for (String r : batch) {
        rows.add(
            RowFactory.create(r, runId, fingerprint, allYears, new ArrayList<>(goldYears), now));
      }
      Dataset<Row> d = spark.createDataFrame(rows, BATCHES_SCHEMA).coalesce(1);
      if (full) {
        lake.overwrite(Lake.OPS, BATCHES, d);
      } else {
        lake.append(Lake.OPS, BATCHES, d);
      }
    }
    return new Changes(allYears, goldYears, totals, typedRows, batch.size());
  }

  /** The gold years that conform batches after the given publish changed (all of them: null). */
  static Set<Integer> goldYearsSince(Lake lake, String lastPublishedRunId) {
    if (lastPublishedRunId == null || !lake.exists(Lake.OPS, BATCHES)) {
      return null;
    }
    Dataset<Row> pending =
        lake.read(Lake.OPS, BATCHES).where(col("conform_run_id").gt(lastPublishedRunId));
    Set<Integer> years = new TreeSet<>();
    for (Row r : pending.select("all_years", "gold_years").distinct().collectAsList()) {
      if (r.getBoolean(0)) {
        return null;
      }
      years.addAll(r.<Integer>getList(1));
    }
    return years;
  }

  private Set<Integer> unofficialGrdpYears() {
    Set<Integer> years = new TreeSet<>();
    lake.read(Lake.SILVER, "grdp")
        .where(col("is_latest").and(functions.not(col("release").endsWith("-official"))))
        .select("year")
        .distinct()
        .collectAsList()
        .forEach(r -> years.add(r.getInt(0)));
    return years;
  }

  /**
   * Nightly appends leave small files; a table with many is compacted (one more commit, same rows).
   */
  private void compact(Profiler profile) {
    for (String name : written) {
      io.delta.tables.DeltaTable t =
          io.delta.tables.DeltaTable.forPath(spark, lake.path(Lake.SILVER, name));
      long files = t.detail().select("numFiles").head().getLong(0);
      if (files >= COMPACT_MIN_FILES) {
        profile.time("optimize silver." + name, () -> t.optimize().executeCompaction());
      }
    }
  }

  /** Files in a table above which it is compacted; a few nights' appends stay below it. */
  static final long COMPACT_MIN_FILES = 256;

  private boolean parsedWith(String fingerprint) {
    for (Source s : Source.values()) {
      if (!lake.exists(Lake.SILVER, TYPED + table(s))) {
        return false;
      }
    }
    return lake.exists(Lake.OPS, BATCHES)
        && lake.exists(Lake.QUALITY, "quarantine")
        && !lake.read(Lake.OPS, BATCHES).where(col("fingerprint").equalTo(fingerprint)).isEmpty()
        && lake.read(Lake.OPS, BATCHES).where(col("fingerprint").notEqual(fingerprint)).isEmpty();
  }

  private Dataset<Row> typed(Source s, Set<Integer> years) {
    Dataset<Row> d = lake.read(Lake.SILVER, TYPED + table(s));
    return years == null ? d : d.where(col("year").isin(years.toArray()));
  }

  /** One Delta commit: the whole table, or only the rows the predicate selects. */
  private void write(
      String layer, String table, Dataset<Row> data, String replaceWhere, boolean byYear) {
    spark.sparkContext().setJobDescription("write " + layer + "." + table);
    if (layer.equals(Lake.SILVER)) {
      written.add(table);
    }
    var w = data.write().format("delta").mode("overwrite");
    if (byYear) {
      w = w.partitionBy("year");
    }
    if (replaceWhere != null && lake.exists(layer, table)) {
      w.option("replaceWhere", replaceWhere).save(lake.path(layer, table));
    } else {
      w.option("overwriteSchema", "true").save(lake.path(layer, table));
    }
  }

  private static String inYears(Set<Integer> years) {
    return "year IN ("
        + years.stream().map(String::valueOf).collect(Collectors.joining(", "))
        + ")";
  }

  private static String quoted(java.util.Collection<String> values) {
    return values.stream()
        .map(v -> "'" + v.replace("'", "''") + "'")
        .collect(Collectors.joining(", "));
  }

  private static Set<String> distinct(Dataset<Row> d, String column) {
    Set<String> out = new TreeSet<>();
    d.select(column).distinct().collectAsList().forEach(r -> out.add(r.getString(0)));
    return out;
  }

  /** Times a step when profiling is on. */
  interface Profiler {
    <T> T time(String what, Supplier<T> work);

    default void time(String what, Runnable work) {
      time(
          what,
          () -> {
            work.run();
            return null;
          });
    }
  }
}
