package vn.kinhteso.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import vn.kinhteso.config.Csv;
import vn.kinhteso.lake.Lake;

/**
 * Bronze: every landing file once, identified by the SHA-256 of its bytes, its lines kept as
 * delivered with their lineage. One Delta commit adds the lines of a run and a second one the file
 * manifest; a run killed between the two is recovered by the next from the commit's metadata, so no
 * file is ingested twice.
 */
public final class BronzeIngest {
  public static final String LINES = "lines";
  public static final String FILES = "files";
  public static final String INGESTED = "ingested";
  public static final String DUPLICATE_FILE = "duplicate_file";
  public static final String UNREADABLE = "file_unreadable";
  public static final String BAD_HEADER = "bad_header";

  static final StructType LINE_SCHEMA =
      new StructType()
          .add("file_path", DataTypes.StringType, false)
          .add("byte_offset", DataTypes.LongType, false)
          .add("raw", DataTypes.StringType, false)
          .add("utf8_valid", DataTypes.BooleanType, false);

  public static final StructType FILES_SCHEMA =
      new StructType()
          .add("file_hash", DataTypes.StringType, false)
          .add("file_path", DataTypes.StringType, false)
          .add("source", DataTypes.StringType, false)
          .add("size_bytes", DataTypes.LongType, false)
          .add("modified_at", DataTypes.LongType, false)
          .add("data_lines", DataTypes.LongType, false)
          .add("blank_lines", DataTypes.LongType, false)
          .add("header", DataTypes.StringType, true)
          .add("status", DataTypes.StringType, false)
          .add("reason", DataTypes.StringType, true)
          .add("duplicate_of", DataTypes.StringType, true)
          .add("run_id", DataTypes.StringType, false)
          .add("ingested_at", DataTypes.TimestampType, false);

  /** What one ingestion added. */
  public record Result(
      int newFiles,
      int duplicateFiles,
      int unreadableFiles,
      long linesAdded,
      long dataRowsAdded,
      List<Row> manifestRows,
      List<LandingZone.Ignored> ignored) {
    public boolean anythingNew() {
      return !manifestRows.isEmpty();
    }
  }

  private final SparkSession spark;
  private final Lake lake;

  public BronzeIngest(SparkSession spark, Lake lake) {
    this.spark = Objects.requireNonNull(spark);
    this.lake = Objects.requireNonNull(lake);
  }

  public Result run(String runId, LandingZone zone) {
    return run(runId, zone, zone.list());
  }

  /**
   * Ingests the files of a listing of {@code zone} (taken by the caller: a test lists, then changes
   * a file).
   */
  Result run(String runId, LandingZone zone, List<LandingFile> listed) {
    recoverUnfinishedRun();
    long linesTxn = lake.version(Lake.BRONZE, LINES) + 1;
    long filesTxn = lake.version(Lake.BRONZE, FILES) + 1;
    Timestamp now = new Timestamp(System.currentTimeMillis());
    // The manifest is one row per file ever seen: small enough for the driver.
    Map<String, Row> seenByLocation = new HashMap<>();
    Map<String, Row> knownByHash = new HashMap<>();
    Set<String> seenPathHash = new HashSet<>();
    if (lake.exists(Lake.BRONZE, FILES)) {
      for (Row r : lake.read(Lake.BRONZE, FILES).orderBy("run_id", "file_path").collectAsList()) {
        seenByLocation.put(
            location(r.getAs("file_path"), r.getAs("size_bytes"), r.getAs("modified_at")), r);
        seenPathHash.add(r.getAs("file_path") + "|" + r.getAs("file_hash"));
        if (!DUPLICATE_FILE.equals(r.getAs("status"))) {
          knownByHash.putIfAbsent(r.getAs("file_hash"), r);
        }
      }
    }
    List<Row> manifest = new ArrayList<>();
    Map<String, LandingFile> candidates = new LinkedHashMap<>();
    Map<String, String> candidateHash = new HashMap<>();
    List<Object[]> duplicatesOfCandidates = new ArrayList<>();
    for (LandingFile f : listed) {
      if (seenByLocation.containsKey(location(f.path(), f.sizeBytes(), f.modifiedAt()))) {
        continue;
      }
      String hash = zone.hash(f.path());
      Row known = knownByHash.get(hash);
      if (seenPathHash.contains(f.path() + "|" + hash)) {
        continue; // the same file, touched or recovered after an interrupted run
      }
      if (known != null) {
        manifest.add(
            manifestRow(
                hash,
                f,
                known.getAs("data_lines"),
                known.getAs("blank_lines"),
                null,
                DUPLICATE_FILE,
                "same bytes as " + known.getAs("file_path"),
                known.getAs("file_path"),
                runId,
                now));
      } else if (candidateHash.containsValue(hash)) {
        duplicatesOfCandidates.add(new Object[] {f, hash});
      } else {
        candidates.put(f.path(), f);
        candidateHash.put(f.path(), hash);
      }
    }
    long linesAdded = 0;
    long dataRows = 0;
    int unreadable = 0;
    List<LandingZone.Ignored> ignored = new ArrayList<>(zone.ignored());
    Set<String> skippedHashes = new HashSet<>();
    Map<String, long[]> countsByHash = new HashMap<>();
    if (!candidates.isEmpty()) {
      Dataset<Row> lines = readLines(candidates.keySet()).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        Map<String, FileStats> stats = fileStats(lines);
        Set<String> writable = new HashSet<>();
        for (LandingFile f : candidates.values()) {
          FileStats st = stats.getOrDefault(f.path(), FileStats.EMPTY);
          String hash = candidateHash.get(f.path());
          // Lines read and hash taken: a file that changed meanwhile is left whole for a later
          // night.
          String changed = zone.changedSinceListed(f);
          if (changed != null) {
            ignored.add(new LandingZone.Ignored(f.path(), changed));
            skippedHashes.add(hash);
            continue;
          }
          String status = INGESTED;
          String reason = null;
          if (st.invalidLines > 0) {
            status = UNREADABLE;
            reason = "not UTF-8 text (first bad line " + st.firstInvalidLine + ")";
            unreadable++;
          } else if (f.source().isCsv()
              && st.header != null
              && !headerMatches(f.source(), st.header)) {
            status = BAD_HEADER;
            reason = badHeaderReason(f.source());
          }
          if (!UNREADABLE.equals(status)) {
            writable.add(f.path());
          }
          manifest.add(
              manifestRow(
                  hash,
                  f,
                  st.dataLines,
                  st.blankLines,
                  st.header,
                  status,
                  reason,
                  null,
                  runId,
                  now));
          countsByHash.put(hash, new long[] {st.dataLines, st.blankLines});
          if (INGESTED.equals(status)) {
            dataRows += st.dataLines;
          }
        }
        Dataset<Row> keep = lines.where(col("file_path").isin(writable.toArray()));
        Dataset<Row> meta =
            spark.createDataFrame(
                candidatesRows(candidates, candidateHash),
                new StructType()
                    .add("file_path", DataTypes.StringType)
                    .add("source", DataTypes.StringType)
                    .add("file_hash", DataTypes.StringType));
        Dataset<Row> bronze =
            keep.join(functions.broadcast(meta), "file_path")
                .select(
                    col("source"),
                    col("file_path"),
                    col("file_hash"),
                    col("line_no"),
                    col("raw"),
                    lit(runId).as("run_id"),
                    lit(now).as("ingested_at"));
        linesAdded =
            writable.stream()
                .mapToLong(p -> stats.getOrDefault(p, FileStats.EMPTY).totalLines)
                .sum();
        if (!writable.isEmpty()) {
          withoutRawStatistics(bronze.schema());
          appendOnce(LINES, bronze, runId, linesTxn, "source");
        }
      } finally {
        lines.unpersist();
      }
    }
    for (Object[] d : duplicatesOfCandidates) {
      LandingFile f = (LandingFile) d[0];
      String hash = (String) d[1];
      if (skippedHashes.contains(hash)) {
        continue; // its original was left for a later night: so is it
      }
      String original =
          candidateHash.entrySet().stream()
              .filter(e -> e.getValue().equals(hash))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElseThrow();
      long[] c = countsByHash.get(hash);
      manifest.add(
          manifestRow(
              hash,
              f,
              c[0],
              c[1],
              null,
              DUPLICATE_FILE,
              "same bytes as " + original,
              original,
              runId,
              now));
    }
    if (!manifest.isEmpty()) {
      appendOnce(FILES, spark.createDataFrame(manifest, FILES_SCHEMA).coalesce(1), runId, filesTxn);
    }
    int duplicates =
        (int) manifest.stream().filter(r -> DUPLICATE_FILE.equals(r.getAs("status"))).count();
    int skipped = (int) ignored.stream().filter(i -> candidates.containsKey(i.path())).count();
    return new Result(
        candidates.size() - skipped,
        duplicates,
        unreadable,
        linesAdded,
        dataRows,
        manifest,
        ignored);
  }

  /** Lines of a run whose manifest commit never happened get their manifest rows now. */
  private void recoverUnfinishedRun() {
    if (!lake.exists(Lake.BRONZE, LINES)) {
      return;
    }
    Row last = DeltaTable.forPath(spark, lake.path(Lake.BRONZE, LINES)).history(1).head();
    String runId = last.getAs("userMetadata");
    if (runId == null) {
      return;
    }
    boolean manifested =
        lake.exists(Lake.BRONZE, FILES)
            && !lake.read(Lake.BRONZE, FILES).where(col("run_id").equalTo(runId)).isEmpty();
    if (manifested) {
      return;
    }
    Timestamp now = new Timestamp(System.currentTimeMillis());
    // One row per file of that run comes back to the driver: metadata, not data.
    List<Row> files =
        lake.read(Lake.BRONZE, LINES)
            .where(col("run_id").equalTo(runId))
            .groupBy("file_hash", "file_path", "source")
            .agg(
                functions
                    .sum(
                        functions
                            .when(
                                col("line_no")
                                    .gt(headerLines(col("source")))
                                    .and(functions.trim(col("raw")).notEqual("")),
                                1)
                            .otherwise(0))
                    .as("data_lines"),
                functions
                    .sum(functions.when(functions.trim(col("raw")).equalTo(""), 1).otherwise(0))
                    .as("blank_lines"),
                functions.max(functions.when(col("line_no").equalTo(1), col("raw"))).as("header"))
            .collectAsList();
    List<Row> recovered = new ArrayList<>();
    for (Row r : files) {
      Source source = Source.ofFolder(r.getAs("source"));
      String header = source.isCsv() ? r.getAs("header") : null;
      // The same header check as a whole run: a bad header's lines are in bronze, but the file is
      // not ingested.
      boolean badHeader = header != null && !headerMatches(source, header);
      recovered.add(
          RowFactory.create(
              r.getAs("file_hash"),
              r.getAs("file_path"),
              r.getAs("source"),
              -1L,
              -1L,
              r.getAs("data_lines"),
              r.getAs("blank_lines"),
              header,
              badHeader ? BAD_HEADER : INGESTED,
              (badHeader ? badHeaderReason(source) + "; " : "")
                  + "recovered after an interrupted run",
              null,
              runId,
              now));
    }
    appendOnce(
        FILES,
        spark.createDataFrame(recovered, FILES_SCHEMA).coalesce(1),
        runId,
        lake.version(Lake.BRONZE, FILES) + 1);
  }

  /**
   * The columns of bronze.lines that Delta keeps minimum and maximum values of (source is the
   * partition).
   */
  static final String LINES_STATISTICS = "file_path,file_hash,line_no,run_id,ingested_at";

  /**
   * Delta's file statistics would copy the first characters of raw (citizen IDs among them) into
   * the table's log, and Delta logs those at INFO: bronze.lines keeps none of raw, which no query
   * filters on anyway.
   */
  private void withoutRawStatistics(StructType schema) {
    String path = lake.path(Lake.BRONZE, LINES);
    String key = "delta.dataSkippingStatsColumns";
    if (!lake.exists(Lake.BRONZE, LINES)) {
      DeltaTable.createIfNotExists(spark)
          .location(path)
          .addColumns(schema)
          .partitionedBy("source")
          .property(key, LINES_STATISTICS)
          .execute();
    } else if (!LINES_STATISTICS.equals(
        DeltaTable.forPath(spark, path)
            .detail()
            .selectExpr("properties['" + key + "']")
            .head()
            .getString(0))) {
      spark.sql(
          "ALTER TABLE delta.`"
              + path.replace("`", "``")
              + "` SET TBLPROPERTIES ('"
              + key
              + "' = '"
              + LINES_STATISTICS
              + "')");
    }
  }

  /**
   * Appends as one Delta commit tagged with an application id and a version taken before the write
   * (the table's version then, plus one): Delta skips a commit whose id already has that version,
   * so a retried append of the same rows adds nothing, and the next run's is accepted.
   */
  void appendOnce(
      String table, Dataset<Row> rows, String runId, long txnVersion, String... partitionBy) {
    rows.write()
        .format("delta")
        .mode("append")
        .partitionBy(partitionBy)
        .option("txnAppId", "kinhteso.bronze." + table)
        .option("txnVersion", txnVersion)
        .option("userMetadata", runId)
        .save(lake.path(Lake.BRONZE, table));
  }

  private static String badHeaderReason(Source source) {
    return "the header lacks a column of " + String.join(",", source.columns()) + " or repeats one";
  }

  private static org.apache.spark.sql.Column headerLines(org.apache.spark.sql.Column source) {
    return functions.when(source.equalTo(Source.ECOMMERCE.folder()), 0).otherwise(1);
  }

  /** Reads the files' lines in parallel, numbering them within each file. */
  private Dataset<Row> readLines(Set<String> paths) {
    Job job;
    try {
      job = Job.getInstance(new Configuration(spark.sparkContext().hadoopConfiguration()));
      // Input paths are glob patterns: a file named "q[1].csv" must not read "q1.csv".
      FileInputFormat.setInputPaths(
          job,
          paths.stream()
              .map(p -> new org.apache.hadoop.fs.Path(escapeGlob(p)))
              .toArray(org.apache.hadoop.fs.Path[]::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaNewHadoopRDD<LongWritable, Text> raw =
        (JavaNewHadoopRDD<LongWritable, Text>)
            jsc.newAPIHadoopRDD(
                job.getConfiguration(), TextInputFormat.class, LongWritable.class, Text.class);
    JavaRDD<Row> rows = raw.mapPartitionsWithInputSplit(BronzeIngest::decode, true);
    // Partitions follow the files' splits in order, so a global index minus the file's first
    // index is the line number, as zipWithIndex guarantees.
    JavaRDD<Row> indexed =
        rows.zipWithIndex()
            .map(
                t ->
                    RowFactory.create(
                        t._1().get(0), t._1().get(1), t._1().get(2), t._1().get(3), t._2()));
    Dataset<Row> df = spark.createDataFrame(indexed, LINE_SCHEMA.add("idx", DataTypes.LongType));
    Dataset<Row> first = df.groupBy("file_path").agg(functions.min("idx").as("first_idx"));
    return df.join(functions.broadcast(first), "file_path")
        .select(
            col("file_path"),
            col("idx").minus(col("first_idx")).plus(1).as("line_no"),
            col("raw"),
            col("utf8_valid"));
  }

  static String escapeGlob(String path) {
    return path.replaceAll("([\\\\\\[\\]{}*?])", "\\\\$1");
  }

  private static Iterator<Row> decode(InputSplit split, Iterator<Tuple2<LongWritable, Text>> it) {
    String path = ((FileSplit) split).getPath().toString();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Row next() {
        Tuple2<LongWritable, Text> t = it.next();
        long offset = t._1().get();
        Text text = t._2();
        boolean valid = true;
        String s;
        try {
          s =
              StandardCharsets.UTF_8
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT)
                  .decode(ByteBuffer.wrap(text.getBytes(), 0, text.getLength()))
                  .toString();
          valid = s.indexOf('\0') < 0;
        } catch (CharacterCodingException e) {
          valid = false;
          s = new String(text.getBytes(), 0, text.getLength(), StandardCharsets.UTF_8);
        }
        if (offset == 0 && s.startsWith("\uFEFF")) {
          s = s.substring(1);
        }
        return RowFactory.create(path, offset, s, valid);
      }
    };
  }

  private record FileStats(
      long totalLines,
      long dataLines,
      long blankLines,
      long invalidLines,
      long firstInvalidLine,
      String header) {
    static final FileStats EMPTY = new FileStats(0, 0, 0, 0, 0, null);
  }

  private Map<String, FileStats> fileStats(Dataset<Row> lines) {
    // One row per file comes back to the driver: metadata, not data.
    List<Row> rows =
        lines
            .groupBy("file_path")
            .agg(
                functions.count(lit(1)).as("total"),
                functions
                    .sum(functions.when(functions.trim(col("raw")).equalTo(""), 1).otherwise(0))
                    .as("blank"),
                functions.sum(functions.when(col("utf8_valid"), 0).otherwise(1)).as("invalid"),
                functions
                    .min(functions.when(col("utf8_valid").equalTo(false), col("line_no")))
                    .as("first_invalid"),
                functions
                    .max(functions.when(col("line_no").equalTo(1), col("raw")))
                    .as("first_line"),
                functions
                    .sum(
                        functions
                            .when(
                                col("line_no")
                                    .equalTo(1)
                                    .and(functions.trim(col("raw")).notEqual("")),
                                1)
                            .otherwise(0))
                    .as("first_nonblank"))
            .collectAsList();
    Map<String, FileStats> out = new HashMap<>();
    for (Row r : rows) {
      String path = r.getAs("file_path");
      long total = r.getAs("total");
      long blank = r.getAs("blank");
      long invalid = r.getAs("invalid");
      Long firstInvalid = r.getAs("first_invalid");
      String firstLine = r.getAs("first_line");
      boolean csv = !path.contains("/" + Source.ECOMMERCE.folder() + "/");
      long headerCount = csv ? (long) r.getAs("first_nonblank") : 0;
      out.put(
          path,
          new FileStats(
              total,
              total - blank - headerCount,
              blank,
              invalid,
              firstInvalid == null ? 0 : firstInvalid,
              csv ? firstLine : null));
    }
    return out;
  }

  /** Columns are found by name; extra ones are ignored, a missing one makes the file unusable. */
  static boolean headerMatches(Source source, String header) {
    Set<String> got = new HashSet<>();
    List<String> names = Csv.parseLine(header);
    for (String n : names) {
      got.add(n.trim().toLowerCase(Locale.ROOT));
    }
    return got.size() == names.size() && got.containsAll(source.columns());
  }

  private static List<Row> candidatesRows(Map<String, LandingFile> c, Map<String, String> hashes) {
    List<Row> out = new ArrayList<>();
    c.values()
        .forEach(
            f -> out.add(RowFactory.create(f.path(), f.source().folder(), hashes.get(f.path()))));
    return out;
  }

  private static Row manifestRow(
      String hash,
      LandingFile f,
      long dataLines,
      long blankLines,
      String header,
      String status,
      String reason,
      String duplicateOf,
      String runId,
      Timestamp now) {
    return new GenericRowWithSchema(
        new Object[] {
          hash,
          f.path(),
          f.source().folder(),
          f.sizeBytes(),
          f.modifiedAt(),
          dataLines,
          blankLines,
          header,
          status,
          reason,
          duplicateOf,
          runId,
          now
        },
        FILES_SCHEMA);
  }

  private static String location(String path, long size, long modified) {
    return path + "|" + size + "|" + modified;
  }
}
