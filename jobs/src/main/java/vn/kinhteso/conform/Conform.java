package vn.kinhteso.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import vn.kinhteso.config.ConfigKeys;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.ingest.BronzeIngest;
import vn.kinhteso.ingest.Source;

/**
 * Silver: bronze lines typed and validated. Each line ends accepted, superseded (an older release,
 * amendment or snapshot, kept with {@code is_latest = false}) or quarantined with a reason. The
 * order of the checks decides the reason of a row that is bad in several ways. This class takes the
 * lines and the run's limits; each source family is checked in its own class ({@link Statistics},
 * {@link Register}, {@link Declarations}, {@link Ecommerce}).
 */
public final class Conform implements AutoCloseable {
  // Text may arrive decomposed (NFD); Spark has no built-in normaliser, so one small UDF.
  private static final UserDefinedFunction NFC =
      functions
          .udf(
              (String s) ->
                  s == null || Normalizer.isNormalized(s, Normalizer.Form.NFC)
                      ? s
                      : Normalizer.normalize(s, Normalizer.Form.NFC),
              DataTypes.StringType)
          .asNondeterministic()
          .withName("nfc");

  /** What the quarantine keeps of a line longer than the limit. */
  static final int SHOWN_CHARS = 1_000;

  /**
   * Quarantine rows by the check that rejected them: the file, the line itself, or its key among
   * all rows.
   */
  public static final String LEVEL_FILE = "file";

  public static final String LEVEL_LINE = "line";
  public static final String LEVEL_KEY = "key";

  private final SparkSession spark;
  private final int maxLineChars;
  // Each source's checked rows feed silver and quarantine alike: computed once, kept until close().
  private final Checkpoints checkpoints = new Checkpoints();
  private final Statistics statistics;
  private final Register register;
  private final Declarations declarations;
  private final Ecommerce ecommerce;

  /**
   * @param runDate the night the run stands for: a year, period or date after it is quarantined
   * @param maxLineChars longer lines are quarantined unparsed ({@link
   *     PipelineConfig#MAX_LINE_CHARS})
   */
  public Conform(
      SparkSession spark, Codes codes, Pseudonyms pseudonyms, LocalDate runDate, int maxLineChars) {
    this.spark = Objects.requireNonNull(spark);
    Objects.requireNonNull(codes);
    Objects.requireNonNull(pseudonyms);
    RunDate night = new RunDate(runDate);
    if (maxLineChars < 1) {
      throw new IllegalArgumentException(
          "Cannot conform: the line limit must be at least 1, got " + maxLineChars);
    }
    this.maxLineChars = maxLineChars;
    Family family = new Family(codes, night, checkpoints, new KeyedRows(checkpoints));
    this.statistics = new Statistics(family);
    this.register = new Register(family);
    this.declarations = new Declarations(family);
    this.ecommerce = new Ecommerce(family, pseudonyms);
  }

  /**
   * Rows of one source after its own checks, typed, with lineage (raw masked), and its key-level
   * outcome.
   */
  public record Resolved(Dataset<Row> silver, Dataset<Row> quarantine) {}

  /**
   * What parsing a batch of bronze lines gives: per source the rows that passed their own checks,
   * typed (the form later nights reuse without parsing text again), and the rows and files that
   * failed them.
   */
  public record Parsed(Map<Source, Dataset<Row>> typed, Dataset<Row> quarantine) {}

  /**
   * The core: bronze lines and the file manifest in, silver tables and quarantine out. The nightly
   * runs the two halves apart ({@link #parse} once per file, {@link #resolve} for the keys a night
   * touches); this is both on everything.
   *
   * @param detectedRunId the run doing the checking, recorded on each quarantined row
   */
  public SilverTables apply(Dataset<Row> lines, Dataset<Row> files, String detectedRunId) {
    Parsed parsed = parse(lines, files, detectedRunId);
    Map<Source, Dataset<Row>> t = parsed.typed();
    Resolved grdp = resolveStatistics(Source.GRDP, t.get(Source.GRDP), detectedRunId);
    Resolved employment =
        resolveStatistics(Source.EMPLOYMENT, t.get(Source.EMPLOYMENT), detectedRunId);
    Resolved retail = resolveStatistics(Source.RETAIL, t.get(Source.RETAIL), detectedRunId);
    Resolved ict = resolveStatistics(Source.ICT, t.get(Source.ICT), detectedRunId);
    Resolved register = resolveRegister(t.get(Source.REGISTRY), detectedRunId);
    Resolved declarations =
        resolveDeclarations(t.get(Source.DECLARATIONS), register.silver(), detectedRunId);
    Resolved ecommerce = resolveEcommerce(t.get(Source.ECOMMERCE), detectedRunId);
    Dataset<Row> q = parsed.quarantine();
    for (Resolved r : List.of(grdp, employment, retail, ict, register, declarations, ecommerce)) {
      q = q.unionByName(r.quarantine());
    }
    return new SilverTables(
        grdp.silver(),
        employment.silver(),
        retail.silver(),
        ict.silver(),
        register.silver(),
        declarations.silver(),
        ecommerce.silver(),
        q);
  }

  /** Each line's own checks and types; file-level outcomes of the manifest rows given. */
  public Parsed parse(Dataset<Row> lines, Dataset<Row> files, String detectedRunId) {
    Dataset<Row> ingestedFiles = files.where(col("status").equalTo(BronzeIngest.INGESTED));
    Column chars = functions.length(col("raw"));
    Column dataLine = col("source").equalTo(Source.ECOMMERCE.folder()).or(col("line_no").gt(1));
    // A too-long data line is cut before anything parses or keeps it; its length stays for the
    // detail.
    Dataset<Row> delivered =
        checkpoints.keep(
            lines
                .join(
                    functions.broadcast(ingestedFiles.select("file_hash")),
                    "file_hash",
                    "left_semi")
                .where(functions.trim(col("raw")).notEqual(""))
                .withColumn("_chars", when(dataLine.and(chars.gt(maxLineChars)), chars))
                .withColumn(
                    "raw",
                    when(col("_chars").isNotNull(), shortened(col("raw")))
                        .otherwise(NFC.apply(col("raw")))));
    List<Dataset<Row>> quarantine = new ArrayList<>();
    quarantine.add(Quarantine.fileRows(files));
    quarantine.add(
        Quarantine.lineRows(
            Quarantine.because(
                delivered.where(col("_chars").isNotNull()),
                Reason.LINE_TOO_LONG,
                functions.concat(
                    lit("a line of "),
                    col("_chars").cast("string"),
                    lit(" characters, above " + ConfigKeys.MAX_LINE_CHARS + " = " + maxLineChars))),
            col("source")));
    Dataset<Row> usable = delivered.where(col("_chars").isNull()).drop("_chars");
    CsvFields csv = new CsvFields(spark, ingestedFiles);
    Map<Source, Checked> checked = new LinkedHashMap<>();
    for (Source s : List.of(Source.GRDP, Source.EMPLOYMENT, Source.RETAIL, Source.ICT)) {
      checked.put(s, statistics.parse(s, csv.of(usable, s)));
    }
    checked.put(Source.REGISTRY, register.parse(csv.of(usable, Source.REGISTRY)));
    checked.put(Source.DECLARATIONS, declarations.parse(csv.of(usable, Source.DECLARATIONS)));
    checked.put(Source.ECOMMERCE, ecommerce.parse(usable));
    Map<Source, Dataset<Row>> typed = new LinkedHashMap<>();
    checked.forEach(
        (s, c) -> {
          typed.put(s, c.accepted());
          quarantine.add(c.quarantined());
        });
    return new Parsed(typed, detected(Quarantine.union(quarantine), detectedRunId));
  }

  /** Statistics: duplicates and conflicts by key, then the latest release of each cell. */
  public Resolved resolveStatistics(Source s, Dataset<Row> typed, String detectedRunId) {
    return resolved(statistics.resolve(s, typed), detectedRunId);
  }

  /**
   * Register: duplicates and conflicts by (tax_id, snapshot_date), then each unit's newest
   * snapshot.
   */
  public Resolved resolveRegister(Dataset<Row> typed, String detectedRunId) {
    return resolved(register.resolve(typed), detectedRunId);
  }

  /**
   * Declarations: a unit in no register snapshot is quarantined, then duplicates and conflicts by
   * (tax_id, period, amendment), then the highest amendment of each period. Every key lies in one
   * year, so a year's rows resolve alone.
   */
  public Resolved resolveDeclarations(
      Dataset<Row> good, Dataset<Row> register, String detectedRunId) {
    return resolved(declarations.resolve(good, register), detectedRunId);
  }

  /** E-commerce: duplicates and conflicts by (platform, month, seller_ref, category). */
  public Resolved resolveEcommerce(Dataset<Row> typed, String detectedRunId) {
    return resolved(ecommerce.resolve(typed), detectedRunId);
  }

  private static Resolved resolved(Checked c, String detectedRunId) {
    return new Resolved(c.accepted(), detected(c.quarantined(), detectedRunId));
  }

  private static Dataset<Row> detected(Dataset<Row> quarantine, String detectedRunId) {
    return quarantine.withColumn("detected_run_id", lit(detectedRunId));
  }

  /** Releases the rows kept for this run once silver and quarantine are written. */
  @Override
  public void close() {
    checkpoints.close();
  }

  /**
   * The first characters of a too-long line, masked before they are cut (an ID cut in two would
   * escape the mask); the eleven extra characters hold any ID that starts in the part kept, so the
   * mask never reads the whole line.
   */
  private static Column shortened(Column raw) {
    return functions.concat(
        functions.substring(
            Quarantine.maskCitizenIds(functions.substring(raw, 1, SHOWN_CHARS + 11)),
            1,
            SHOWN_CHARS),
        lit("…"));
  }
}
