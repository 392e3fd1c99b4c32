package vn.kinhteso.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static vn.kinhteso.conform.Rules.isDate;
import static vn.kinhteso.conform.Rules.isDecimal;
import static vn.kinhteso.conform.Rules.isInteger;
import static vn.kinhteso.conform.Rules.isMissingMarker;
import static vn.kinhteso.conform.Rules.show;
import static vn.kinhteso.conform.Rules.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.kinhteso.config.ConfigKeys;
import vn.kinhteso.config.Csv;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.ingest.BronzeIngest;
import vn.kinhteso.ingest.Source;

/**
 * Silver: bronze lines typed and validated. Each line ends accepted, superseded (an older release,
 * amendment or snapshot, kept with {@code is_latest = false}) or quarantined with a reason. The
 * order of the checks decides the reason of a row that is bad in several ways.
 */
public final class Conform implements AutoCloseable {
  private static final String CONTENT = "_content";
  private static final List<String> LINEAGE =
      List.of("source", "file_path", "file_hash", "line_no", "run_id", "raw");
  private static final List<String> SIZE_CLASSES = List.of("micro", "small", "medium", "large");
  private static final List<String> SELLER_TYPES = List.of("enterprise", "household", "individual");

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

  // from_json, get_json_object and json_object_keys all stop at the object's closing brace and
  // ignore what follows; no built-in tells whether anything does, so one small UDF asks Jackson.
  private static final JsonFactory JSON = new JsonFactory();
  private static final UserDefinedFunction TRAILING_CONTENT =
      functions
          .udf(
              (org.apache.spark.sql.api.java.UDF1<String, Boolean>) Conform::trailingContent,
              DataTypes.BooleanType)
          .withName("json_trailing_content");

  /** What the quarantine keeps of a line longer than the limit. */
  static final int SHOWN_CHARS = 1_000;

  private final SparkSession spark;
  private final Codes codes;
  private final Pseudonyms pseudonyms;
  private final LocalDate runDate;
  private final int maxLineChars;
  // Each source's checked rows feed silver and quarantine alike: computed once, kept until close().
  private final List<Dataset<Row>> cached = new ArrayList<>();

  /**
   * @param runDate the night the run stands for: a year, period or date after it is quarantined
   * @param maxLineChars longer lines are quarantined unparsed ({@link
   *     PipelineConfig#MAX_LINE_CHARS})
   */
  public Conform(
      SparkSession spark, Codes codes, Pseudonyms pseudonyms, LocalDate runDate, int maxLineChars) {
    this.spark = Objects.requireNonNull(spark);
    this.codes = Objects.requireNonNull(codes);
    this.pseudonyms = Objects.requireNonNull(pseudonyms);
    this.runDate = Objects.requireNonNull(runDate);
    if (maxLineChars < 1) {
      throw new IllegalArgumentException(
          "Cannot conform: the line limit must be at least 1, got " + maxLineChars);
    }
    this.maxLineChars = maxLineChars;
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
        keep(
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
    quarantine.add(
        quarantineRowsOf(
            delivered
                .where(col("_chars").isNotNull())
                .withColumn("_reason", lit(Reason.LINE_TOO_LONG))
                .withColumn(
                    "_detail",
                    functions.concat(
                        lit("a line of "),
                        col("_chars").cast("string"),
                        lit(
                            " characters, above "
                                + ConfigKeys.MAX_LINE_CHARS
                                + " = "
                                + maxLineChars))),
            col("source")));
    Dataset<Row> usable = delivered.where(col("_chars").isNull()).drop("_chars");
    // Header layouts are per file and few: metadata for the driver.
    Map<Source, Map<String, List<String>>> layouts = layouts(ingestedFiles);
    Map<Source, Dataset<Row>> typed = new LinkedHashMap<>();
    for (Source s : List.of(Source.GRDP, Source.EMPLOYMENT, Source.RETAIL, Source.ICT)) {
      typed.put(s, statistics(usable, layouts, s, quarantine));
    }
    typed.put(Source.REGISTRY, register(usable, layouts, quarantine));
    typed.put(Source.DECLARATIONS, declarations(usable, layouts, quarantine));
    typed.put(Source.ECOMMERCE, ecommerce(usable, quarantine));

    Dataset<Row> q =
        files
            .where(col("status").notEqual(BronzeIngest.INGESTED))
            .select(
                col("source"),
                col("file_path"),
                col("file_hash"),
                lit(null).cast("long").as("line_no"),
                col("status").as("reason"),
                col("reason").as("detail"),
                lit(null).cast("string").as("raw"),
                col("data_lines").as("rows"),
                col("run_id"),
                lit(LEVEL_FILE).as("check_level"),
                lit(null).cast("int").as("year"));
    for (Dataset<Row> d : quarantine) {
      q = q.unionByName(d);
    }
    return new Parsed(typed, q.withColumn("detected_run_id", lit(detectedRunId)));
  }

  /**
   * Quarantine rows by the check that rejected them: the file, the line itself, or its key among
   * all rows.
   */
  public static final String LEVEL_FILE = "file";

  public static final String LEVEL_LINE = "line";
  public static final String LEVEL_KEY = "key";

  private static Map<Source, Map<String, List<String>>> layouts(Dataset<Row> ingestedFiles) {
    Map<Source, Map<String, List<String>>> out = new LinkedHashMap<>();
    for (Row r :
        ingestedFiles
            .where(col("header").isNotNull())
            .select("source", "header", "file_hash")
            .collectAsList()) {
      Source s = Source.ofFolder(r.getString(0));
      out.computeIfAbsent(s, k -> new LinkedHashMap<>())
          .computeIfAbsent(r.getString(1), k -> new ArrayList<>())
          .add(r.getString(2));
    }
    return out;
  }

  /** Data lines of a CSV source, split into its named columns (as text) by each file's header. */
  private Dataset<Row> csvFields(
      Dataset<Row> lines, Map<Source, Map<String, List<String>>> layouts, Source s) {
    Dataset<Row> data = lines.where(col("source").equalTo(s.folder()).and(col("line_no").gt(1)));
    Column stripped = functions.regexp_replace(col("raw"), "\"([^\"]|\"\")*\"", "");
    Column fieldCount =
        functions
            .length(stripped)
            .minus(functions.length(functions.regexp_replace(stripped, ",", "")))
            .plus(1);
    Column quotes =
        functions
            .length(col("raw"))
            .minus(functions.length(functions.regexp_replace(col("raw"), "\"", "")));
    Dataset<Row> out = null;
    for (Map.Entry<String, List<String>> layout : layouts.getOrDefault(s, Map.of()).entrySet()) {
      List<String> names =
          Csv.parseLine(layout.getKey()).stream()
              .map(n -> n.trim().toLowerCase(Locale.ROOT))
              .collect(Collectors.toList());
      String ddl = names.stream().map(n -> "`" + n + "` STRING").collect(Collectors.joining(", "));
      Dataset<Row> part =
          data.where(col("file_hash").isin(layout.getValue().toArray()))
              .withColumn(
                  "_p",
                  functions.from_csv(
                      col("raw"), lit(ddl), Map.of("escape", "\"", "mode", "PERMISSIVE")));
      List<Column> cols = new ArrayList<>();
      LINEAGE.forEach(c -> cols.add(col(c)));
      for (String c : s.columns()) {
        cols.add(text(col("_p.`" + c + "`")).as(c));
      }
      cols.add(fieldCount.as("_fields"));
      cols.add(lit(names.size()).as("_header_fields"));
      cols.add(functions.pmod(quotes, lit(2)).equalTo(1).as("_odd_quotes"));
      part = part.select(cols.toArray(Column[]::new));
      out = out == null ? part : out.unionByName(part);
    }
    if (out == null) {
      StructType schema = new StructType();
      for (String c : LINEAGE) {
        schema = schema.add(c, c.equals("line_no") ? DataTypes.LongType : DataTypes.StringType);
      }
      for (String c : s.columns()) {
        schema = schema.add(c, DataTypes.StringType);
      }
      out =
          spark.createDataFrame(
              List.of(),
              schema
                  .add("_fields", DataTypes.IntegerType)
                  .add("_header_fields", DataTypes.IntegerType)
                  .add("_odd_quotes", DataTypes.BooleanType));
    }
    return out;
  }

  private Rules.Checks csvShape(Source s) {
    return new Rules.Checks()
        .fail(col("_odd_quotes"), Reason.MALFORMED_LINE, "unterminated quote")
        .fail(
            col("_fields").notEqual(col("_header_fields")),
            Reason.WRONG_COLUMN_COUNT,
            functions.concat(
                lit("the header has "),
                col("_header_fields").cast("string"),
                lit(" fields, the line "),
                col("_fields").cast("string")));
  }

  // ---- statistics ------------------------------------------------------------------------

  private Dataset<Row> statistics(
      Dataset<Row> lines,
      Map<Source, Map<String, List<String>>> layouts,
      Source s,
      List<Dataset<Row>> quarantine) {
    Dataset<Row> f = csvFields(lines, layouts, s);
    String dim = s == Source.ICT ? "indicator" : s == Source.RETAIL ? null : "sector";
    List<String> values = valueColumns(s);
    Column year = col("year").cast("int");
    Column uses2004 = year.leq(Codes.NEW_LIST_FIRST_YEAR - 1);
    Column province2025 = codes.province2025(col("province_code"), uses2004);
    Rules.Checks checks =
        csvShape(s)
            .fail(
                Rules.not(Rules.matches(col("year"), "^[0-9]{4}$")),
                Reason.UNPARSEABLE_NUMBER,
                show("year"));
    for (String v : values) {
      checks.fail(
          Rules.not(isMissingMarker(col(v))).and(Rules.not(isDecimal(col(v)))),
          Reason.UNPARSEABLE_NUMBER,
          show(v));
    }
    checks.fail(
        Rules.not(
                Rules.matches(
                    col("release"), "^[0-9]{4}-[0-9]{2}-[0-9]{2}(-official|-preliminary)?$"))
            .or(Rules.not(isDate(functions.substring(col("release"), 1, 10)))),
        Reason.UNPARSEABLE_DATE,
        show("release"));
    checks
        .fail(year.gt(runDate.getYear()), Reason.FUTURE_DATE, afterRunDate("year"))
        .fail(
            functions
                .to_date(functions.substring(col("release"), 1, 10), "yyyy-MM-dd")
                .gt(runDay()),
            Reason.FUTURE_DATE,
            afterRunDate("release"));
    checks.fail(
        province2025.isNull(),
        Reason.UNKNOWN_PROVINCE,
        functions.concat(show("province_code"), lit(" is not in the code list of "), col("year")));
    if (dim != null) {
      Column known =
          s == Source.GRDP
              ? codes.isSection(col(dim)).or(col(dim).equalTo("TSP"))
              : s == Source.EMPLOYMENT ? codes.isSection(col(dim)) : col(dim).isNotNull();
      checks.fail(
          Rules.not(known),
          s == Source.ICT ? Reason.INVALID_VALUE : Reason.UNKNOWN_SECTOR,
          show(dim));
    }
    // TSP may be negative; an ICT percentage below 0 is implausible, not malformed: kept and
    // flagged by checks.
    for (String v : s == Source.ICT ? List.<String>of() : values) {
      Column negative = col(v).cast("double").lt(0);
      if (s == Source.GRDP) {
        negative = negative.and(col("sector").notEqual("TSP"));
      }
      checks.fail(
          Rules.not(isMissingMarker(col(v))).and(negative), Reason.NEGATIVE_AMOUNT, show(v));
    }
    Dataset<Row> checked =
        keep(f.withColumn("_reason", checks.reason()).withColumn("_detail", checks.detail()));
    quarantine.add(bad(checked));

    List<Column> typed =
        new ArrayList<>(
            List.of(
                year.as("year"),
                col("province_code"),
                when(uses2004, lit(Codes.PROVINCE_2004))
                    .otherwise(lit(Codes.PROVINCE_2025))
                    .as("geo_level")));
    if (dim != null) {
      typed.add(col(dim));
    }
    if (s == Source.ICT) {
      typed.add(col("indicator").isin(KNOWN_ICT_INDICATORS.toArray()).as("known_indicator"));
    }
    for (String v : values) {
      typed.add(
          when(isMissingMarker(col(v)), lit(null).cast("double"))
              .otherwise(col(v).cast("double"))
              .as(v));
    }
    typed.add(col("release"));
    typed.add(
        functions
            .to_date(functions.substring(col("release"), 1, 10), "yyyy-MM-dd")
            .as("release_date"));
    typed.add(
        when(col("release").endsWith("-official"), 2)
            .when(col("release").endsWith("-preliminary"), 0)
            .otherwise(1)
            .as("_release_rank"));
    lineageColumns(typed, s);
    return good(checked).select(typed.toArray(Column[]::new));
  }

  /** Statistics: duplicates and conflicts by key, then the latest release of each cell. */
  public Resolved resolveStatistics(Source s, Dataset<Row> typed, String detectedRunId) {
    String dim = s == Source.ICT ? "indicator" : s == Source.RETAIL ? null : "sector";
    List<String> values = valueColumns(s);
    List<Dataset<Row>> quarantine = new ArrayList<>();
    List<String> group = new ArrayList<>(List.of("year", "province_code"));
    if (dim != null) {
      group.add(dim);
    }
    List<String> key = new ArrayList<>(group);
    key.add("release");
    Dataset<Row> accepted = keyed(typed, key, values, quarantine, s);
    // Latest release: by date, then official > unlabelled > preliminary.
    WindowSpec latest =
        Window.partitionBy(group.stream().map(functions::col).toArray(Column[]::new))
            .orderBy(col("release_date").desc(), col("_release_rank").desc());
    return new Resolved(
        accepted
            .withColumn("is_latest", functions.row_number().over(latest).equalTo(1))
            .drop("_release_rank"),
        union(quarantine, detectedRunId));
  }

  private static List<String> valueColumns(Source s) {
    return s.columns().stream()
        .filter(
            c -> !List.of("year", "province_code", "sector", "indicator", "release").contains(c))
        .collect(Collectors.toList());
  }

  /** The indicators of the contract; any other is kept and reported as unknown. */
  public static final List<String> KNOWN_ICT_INDICATORS =
      List.of(
          "fibre_households_pct",
          "broadband_households_pct",
          "epayment_account_pct",
          "payment_account_15plus_pct",
          "smartphone_adults_pct",
          "digital_signature_adults_pct",
          "online_public_services_l4_pct",
          "cashless_public_payments_pct");

  // ---- register --------------------------------------------------------------------------

  private Dataset<Row> register(
      Dataset<Row> lines,
      Map<Source, Map<String, List<String>>> layouts,
      List<Dataset<Row>> quarantine) {
    Dataset<Row> f = csvFields(lines, layouts, Source.REGISTRY);
    Rules.Checks checks =
        csvShape(Source.REGISTRY)
            .fail(
                Rules.not(isDate(col("registered_on"))),
                Reason.UNPARSEABLE_DATE,
                show("registered_on"))
            .fail(
                col("closed_on").isNotNull().and(Rules.not(isDate(col("closed_on")))),
                Reason.UNPARSEABLE_DATE,
                show("closed_on"))
            .fail(
                Rules.not(isDate(col("snapshot_date"))),
                Reason.UNPARSEABLE_DATE,
                show("snapshot_date"));
    // A register records what has happened: none of its dates can be after the night.
    for (String d : List.of("registered_on", "closed_on", "snapshot_date")) {
      checks.fail(
          functions.to_date(col(d), "yyyy-MM-dd").gt(runDay()),
          Reason.FUTURE_DATE,
          afterRunDate(d));
    }
    checks
        .fail(Rules.not(Rules.isValidTaxId(col("tax_id"))), Reason.BAD_TAX_ID, show("tax_id"))
        .fail(codes.section(col("vsic_code")).isNull(), Reason.UNKNOWN_VSIC, show("vsic_code"))
        .fail(
            Rules.not(Rules.in(col("size_class"), SIZE_CLASSES.toArray())),
            Reason.INVALID_VALUE,
            show("size_class"));
    Dataset<Row> checked =
        keep(f.withColumn("_reason", checks.reason()).withColumn("_detail", checks.detail()));
    quarantine.add(bad(checked));
    List<Column> typed =
        new ArrayList<>(
            List.of(
                col("tax_id"),
                Rules.parentTaxId(col("tax_id")).as("parent_tax_id"),
                col("name"),
                col("vsic_code"),
                codes.section(col("vsic_code")).as("section"),
                codes.isIctCore(col("vsic_code")).as("ict_core"),
                col("size_class"),
                functions.to_date(col("registered_on")).as("registered_on"),
                functions.to_date(col("closed_on")).as("closed_on"),
                functions.to_date(col("snapshot_date")).as("snapshot_date")));
    lineageColumns(typed, Source.REGISTRY);
    return good(checked).select(typed.toArray(Column[]::new));
  }

  /**
   * Register: duplicates and conflicts by (tax_id, snapshot_date), then each unit's newest
   * snapshot.
   */
  public Resolved resolveRegister(Dataset<Row> typed, String detectedRunId) {
    List<Dataset<Row>> quarantine = new ArrayList<>();
    Dataset<Row> accepted =
        keyed(
            typed,
            List.of("tax_id", "snapshot_date"),
            List.of("name", "vsic_code", "size_class", "registered_on", "closed_on"),
            quarantine,
            Source.REGISTRY);
    WindowSpec newest = Window.partitionBy("tax_id").orderBy(col("snapshot_date").desc());
    return new Resolved(
        accepted.withColumn("is_latest", functions.row_number().over(newest).equalTo(1)),
        union(quarantine, detectedRunId));
  }

  // ---- declarations ----------------------------------------------------------------------

  private static final List<String> DECLARED =
      List.of("amendment", "revenue_vnd", "intermediate_cost_vnd", "wage_bill_vnd", "employees");

  private Dataset<Row> declarations(
      Dataset<Row> lines,
      Map<Source, Map<String, List<String>>> layouts,
      List<Dataset<Row>> quarantine) {
    Dataset<Row> f = csvFields(lines, layouts, Source.DECLARATIONS);
    Column monthly = Rules.matches(col("period"), "^[0-9]{4}-(0[1-9]|1[0-2])$");
    Column quarterly = Rules.matches(col("period"), "^[0-9]{4}-Q[1-4]$");
    Column year = functions.substring(col("period"), 1, 4).cast("int");
    Column start =
        when(monthly, functions.to_date(functions.concat(col("period"), lit("-01")), "yyyy-MM-dd"))
            .when(
                quarterly,
                functions.make_date(
                    year,
                    functions
                        .substring(col("period"), 7, 1)
                        .cast("int")
                        .minus(1)
                        .multiply(3)
                        .plus(1),
                    lit(1)));
    Column uses2004 = Codes.uses2004List(start);
    Rules.Checks checks = csvShape(Source.DECLARATIONS);
    for (String n : DECLARED) {
      checks.fail(Rules.not(isInteger(col(n))), Reason.UNPARSEABLE_NUMBER, show(n));
    }
    checks
        .fail(Rules.not(monthly.or(quarterly)), Reason.UNPARSEABLE_DATE, show("period"))
        .fail(start.gt(runDay()), Reason.FUTURE_DATE, afterRunDate("period"))
        .fail(Rules.not(Rules.isValidTaxId(col("tax_id"))), Reason.BAD_TAX_ID, show("tax_id"))
        .fail(
            codes.province2025(col("province_code"), uses2004).isNull(),
            Reason.UNKNOWN_PROVINCE,
            functions.concat(
                show("province_code"), lit(" is not in the code list of "), col("period")));
    checks.fail(col("amendment").cast("long").lt(0), Reason.INVALID_VALUE, show("amendment"));
    for (String n : DECLARED.subList(1, DECLARED.size())) {
      checks.fail(col(n).cast("long").lt(0), Reason.NEGATIVE_AMOUNT, show(n));
    }
    Dataset<Row> checked =
        keep(f.withColumn("_reason", checks.reason()).withColumn("_detail", checks.detail()));
    quarantine.add(bad(checked));
    List<Column> typed =
        new ArrayList<>(
            List.of(
                col("tax_id"),
                Rules.parentTaxId(col("tax_id")).as("parent_tax_id"),
                col("period"),
                year.as("year"),
                start.as("period_start"),
                when(monthly, 1).otherwise(3).as("months"),
                col("province_code"),
                codes.province2004(col("province_code"), uses2004).as("province_2004"),
                codes.province2025(col("province_code"), uses2004).as("province_2025"),
                col("amendment").cast("int").as("amendment"),
                col("revenue_vnd").cast("long").as("revenue_vnd"),
                col("intermediate_cost_vnd").cast("long").as("intermediate_cost_vnd"),
                col("wage_bill_vnd").cast("long").as("wage_bill_vnd"),
                col("employees").cast("long").as("employees")));
    lineageColumns(typed, Source.DECLARATIONS);
    return good(checked).select(typed.toArray(Column[]::new));
  }

  /**
   * Declarations: a unit in no register snapshot is quarantined, then duplicates and conflicts by
   * (tax_id, period, amendment), then the highest amendment of each period. Every key lies in one
   * year, so a year's rows resolve alone.
   */
  public Resolved resolveDeclarations(
      Dataset<Row> good, Dataset<Row> register, String detectedRunId) {
    List<Dataset<Row>> quarantine = new ArrayList<>();
    // A declaration needs its unit in some valid snapshot of the register.
    Dataset<Row> registered =
        register.select("tax_id").distinct().withColumn("_registered", lit(true));
    Dataset<Row> withReg =
        good.join(registered, good.col("tax_id").equalTo(registered.col("tax_id")), "left")
            .drop(registered.col("tax_id"));
    Dataset<Row> unregistered =
        withReg
            .where(col("_registered").isNull())
            .withColumn("_reason", lit(Reason.UNREGISTERED_TAX_ID))
            .withColumn(
                "_detail", functions.concat(show("tax_id"), lit(" is in no register snapshot")));
    quarantine.add(quarantineRows(unregistered, Source.DECLARATIONS));
    Dataset<Row> known = withReg.where(col("_registered").isNotNull()).drop("_registered");
    Dataset<Row> accepted =
        keyed(
            known,
            List.of("tax_id", "period", "amendment"),
            List.of(
                "province_code",
                "revenue_vnd",
                "intermediate_cost_vnd",
                "wage_bill_vnd",
                "employees"),
            quarantine,
            Source.DECLARATIONS);
    WindowSpec highest = Window.partitionBy("tax_id", "period").orderBy(col("amendment").desc());
    return new Resolved(
        accepted.withColumn("is_latest", functions.row_number().over(highest).equalTo(1)),
        union(quarantine, detectedRunId));
  }

  // ---- e-commerce ------------------------------------------------------------------------

  private static final List<String> COUNTS = List.of("orders", "gmv_vnd", "refunds_vnd");

  private Dataset<Row> ecommerce(Dataset<Row> lines, List<Dataset<Row>> quarantine) {
    StructType schema = new StructType();
    for (String c : Source.ECOMMERCE.columns()) {
      schema = schema.add(c, DataTypes.StringType);
    }
    schema = schema.add("_corrupt_record", DataTypes.StringType);
    Dataset<Row> parsed =
        lines
            .where(col("source").equalTo(Source.ECOMMERCE.folder()))
            .withColumn(
                "_p",
                functions.from_json(
                    col("raw"), schema, Map.of("columnNameOfCorruptRecord", "_corrupt_record")));
    List<Column> fields = new ArrayList<>();
    LINEAGE.forEach(c -> fields.add(col(c)));
    for (String c : Source.ECOMMERCE.columns()) {
      fields.add(text(col("_p." + c)).as(c));
    }
    fields.add(
        col("_p._corrupt_record")
            .isNotNull()
            .or(col("_p").isNull())
            .or(Rules.not(functions.trim(col("raw")).startsWith("{")))
            .as("_malformed"));
    fields.add(TRAILING_CONTENT.apply(col("raw")).as("_trailing"));
    // Top-level names as written, repeats included (from_json keeps the last of a repeated field).
    fields.add(functions.json_object_keys(col("raw")).as("_keys"));
    Dataset<Row> f = parsed.select(fields.toArray(Column[]::new));
    Column monthOk = Rules.matches(col("month"), "^[0-9]{4}-(0[1-9]|1[0-2])$");
    Column start = functions.to_date(functions.concat(col("month"), lit("-01")), "yyyy-MM-dd");
    Column uses2004 = Codes.uses2004List(start);
    Column enterprise = col("seller_type").equalTo("enterprise");
    Column repeated =
        functions.array_distinct(
            functions.filter(
                col("_keys"),
                k -> functions.size(functions.filter(col("_keys"), j -> j.equalTo(k))).gt(1)));
    Rules.Checks checks =
        new Rules.Checks()
            .fail(col("_malformed"), Reason.MALFORMED_LINE, "not a JSON object")
            .fail(col("_trailing"), Reason.TRAILING_CONTENT, "text after the JSON object")
            .fail(
                functions.size(repeated).gt(0),
                Reason.DUPLICATE_FIELD,
                functions.concat(
                    lit("field given more than once: "), functions.array_join(repeated, ", ")));
    for (String c :
        List.of("platform", "seller_ref", "seller_type", "seller_province_code", "category")) {
      checks.fail(col(c).isNull(), Reason.INVALID_VALUE, "missing " + c);
    }
    for (String c : COUNTS) {
      checks.fail(Rules.not(isInteger(col(c))), Reason.UNPARSEABLE_NUMBER, show(c));
    }
    checks
        .fail(Rules.not(monthOk), Reason.UNPARSEABLE_DATE, show("month"))
        .fail(start.gt(runDay()), Reason.FUTURE_DATE, afterRunDate("month"))
        .fail(
            Rules.not(Rules.in(col("seller_type"), SELLER_TYPES.toArray())),
            Reason.INVALID_VALUE,
            show("seller_type"))
        .fail(
            enterprise.and(Rules.not(Rules.isValidTaxId(col("seller_tax_id")))),
            Reason.BAD_TAX_ID,
            show("seller_tax_id"))
        .fail(
            codes.province2025(col("seller_province_code"), uses2004).isNull(),
            Reason.UNKNOWN_PROVINCE,
            functions.concat(
                show("seller_province_code"), lit(" is not in the code list of "), col("month")))
        .fail(
            codes.categorySection(col("category")).isNull(),
            Reason.UNKNOWN_CATEGORY,
            show("category"));
    for (String c : COUNTS) {
      checks.fail(col(c).cast("long").lt(0), Reason.NEGATIVE_AMOUNT, show(c));
    }
    checks.fail(
        col("refunds_vnd").cast("long").gt(col("gmv_vnd").cast("long")),
        Reason.REFUND_EXCEEDS_GMV,
        functions.concat(show("refunds_vnd"), lit(" > "), show("gmv_vnd")));
    Dataset<Row> checked =
        keep(f.withColumn("_reason", checks.reason()).withColumn("_detail", checks.detail()));
    quarantine.add(bad(checked));
    Column person = col("seller_type").isin("household", "individual");
    List<Column> typed =
        new ArrayList<>(
            List.of(
                col("platform"),
                col("month"),
                functions.substring(col("month"), 1, 4).cast("int").as("year"),
                start.as("month_start"),
                // A twelve-digit reference is a citizen ID whatever seller type the platform
                // reported.
                when(
                        person.or(col("seller_ref").rlike("^[0-9]{12}$")),
                        pseudonyms.of(col("seller_ref")))
                    .otherwise(col("seller_ref"))
                    .as("seller_ref"),
                col("seller_type"),
                when(enterprise, col("seller_tax_id")).as("seller_tax_id"),
                col("seller_province_code").as("province_code"),
                codes.province2004(col("seller_province_code"), uses2004).as("province_2004"),
                codes.province2025(col("seller_province_code"), uses2004).as("province_2025"),
                col("category"),
                codes.categorySection(col("category")).as("section"),
                codes.categoryRatio(col("category")).as("va_ratio"),
                col("orders").cast("long").as("orders"),
                col("gmv_vnd").cast("long").as("gmv_vnd"),
                col("refunds_vnd").cast("long").as("refunds_vnd"),
                col("gmv_vnd").cast("long").minus(col("refunds_vnd").cast("long")).as("net_vnd")));
    lineageColumns(typed, Source.ECOMMERCE);
    return good(checked).select(typed.toArray(Column[]::new));
  }

  /** E-commerce: duplicates and conflicts by (platform, month, seller_ref, category). */
  public Resolved resolveEcommerce(Dataset<Row> typed, String detectedRunId) {
    List<Dataset<Row>> quarantine = new ArrayList<>();
    Dataset<Row> accepted =
        keyed(
            typed,
            List.of("platform", "month", "seller_ref", "category"),
            List.of(
                "seller_type",
                "seller_tax_id",
                "province_code",
                "orders",
                "gmv_vnd",
                "refunds_vnd"),
            quarantine,
            Source.ECOMMERCE);
    return new Resolved(accepted, union(quarantine, detectedRunId));
  }

  // ---- shared steps ----------------------------------------------------------------------

  /**
   * Rows with the same key and content count once (the first delivered is kept); rows with the same
   * key and different content are all quarantined, since nothing says which is right.
   */
  private Dataset<Row> keyed(
      Dataset<Row> good,
      List<String> key,
      List<String> content,
      List<Dataset<Row>> quarantine,
      Source s) {
    Column[] keyCols = key.stream().map(functions::col).toArray(Column[]::new);
    Dataset<Row> withContent =
        good.withColumn(
            CONTENT,
            functions.to_json(
                functions.struct(content.stream().map(functions::col).toArray(Column[]::new))));
    Dataset<Row> marked =
        keep(
            withContent
                .withColumn(
                    "_variants",
                    functions.size(
                        functions.collect_set(col(CONTENT)).over(Window.partitionBy(keyCols))))
                .withColumn(
                    "_copy",
                    functions
                        .row_number()
                        .over(
                            Window.partitionBy(keyCols)
                                .orderBy(col("run_id"), col("file_path"), col("line_no")))));
    Column keyText =
        functions.concat_ws(", ", key.stream().map(Rules::show).toArray(Column[]::new));
    Dataset<Row> conflicts =
        marked
            .where(col("_variants").gt(1))
            .withColumn("_reason", lit(Reason.KEY_CONFLICT))
            .withColumn(
                "_detail",
                functions.concat(
                    keyText,
                    lit(" delivered with "),
                    col("_variants").cast("string"),
                    lit(" different contents")));
    Dataset<Row> copies =
        marked
            .where(col("_variants").equalTo(1).and(col("_copy").gt(1)))
            .withColumn("_reason", lit(Reason.DUPLICATE_ROW))
            .withColumn(
                "_detail", functions.concat(lit("exact copy of an earlier row with "), keyText));
    quarantine.add(quarantineRows(conflicts, s));
    quarantine.add(quarantineRows(copies, s));
    return marked
        .where(col("_variants").equalTo(1).and(col("_copy").equalTo(1)))
        .drop(CONTENT, "_variants", "_copy", "raw");
  }

  /**
   * Computes rows that feed several outputs once, and cuts their lineage: the checks make plans
   * large, and every later plan built on a checkpoint starts small.
   */
  private Dataset<Row> keep(Dataset<Row> d) {
    Dataset<Row> p = d.localCheckpoint(true);
    cached.add(p);
    return p;
  }

  /** Releases the rows kept for this run once silver and quarantine are written. */
  @Override
  public void close() {
    for (Dataset<Row> d : cached) {
      if (d.logicalPlan() instanceof org.apache.spark.sql.execution.LogicalRDD r) {
        r.rdd().unpersist(false);
      }
    }
    cached.clear();
  }

  private static void lineageColumns(List<Column> typed, Source s) {
    // raw travels until the key checks so a late quarantine keeps it; silver drops it. The typed
    // rows are kept outside bronze, so their raw is masked already.
    for (String c : List.of("file_path", "file_hash", "line_no", "run_id")) {
      typed.add(col(c));
    }
    typed.add(maskCitizenIds(col("raw")).as("raw"));
  }

  private static Dataset<Row> union(List<Dataset<Row>> parts, String detectedRunId) {
    Dataset<Row> q = parts.get(0);
    for (Dataset<Row> d : parts.subList(1, parts.size())) {
      q = q.unionByName(d);
    }
    return q.withColumn("detected_run_id", lit(detectedRunId));
  }

  private static Dataset<Row> good(Dataset<Row> checked) {
    return checked.where(col("_reason").isNull());
  }

  private static Dataset<Row> bad(Dataset<Row> checked) {
    return quarantineRowsOf(checked.where(col("_reason").isNotNull()), col("source"));
  }

  private static Dataset<Row> quarantineRows(Dataset<Row> rows, Source s) {
    Column year =
        java.util.Arrays.asList(rows.columns()).contains("year")
            ? col("year")
            : lit(null).cast("int");
    return rows.select(
        lit(s.folder()).as("source"),
        col("file_path"),
        col("file_hash"),
        col("line_no"),
        col("_reason").as("reason"),
        maskCitizenIds(col("_detail")).as("detail"),
        maskCitizenIds(col("raw")).as("raw"),
        lit(1L).as("rows"),
        col("run_id"),
        lit(LEVEL_KEY).as("check_level"),
        year.as("year"));
  }

  private static Dataset<Row> quarantineRowsOf(Dataset<Row> rows, Column source) {
    return rows.select(
        source.as("source"),
        col("file_path"),
        col("file_hash"),
        col("line_no"),
        col("_reason").as("reason"),
        maskCitizenIds(col("_detail")).as("detail"),
        maskCitizenIds(col("raw")).as("raw"),
        lit(1L).as("rows"),
        col("run_id"),
        lit(LEVEL_LINE).as("check_level"),
        lit(null).cast("int").as("year"));
  }

  private Column runDay() {
    return lit(java.sql.Date.valueOf(runDate));
  }

  private Column afterRunDate(String name) {
    return functions.concat(show(name), lit(" is after the run date " + runDate));
  }

  /**
   * Jackson, Spark's own JSON parser, reads the first value and then whatever follows; null when
   * the first value itself does not parse (that line is malformed_line).
   */
  static Boolean trailingContent(String line) {
    if (line == null) {
      return null;
    }
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() == null) {
        return null;
      }
      p.skipChildren();
      try {
        return p.nextToken() != null;
      } catch (IOException e) {
        return true; // something after the object that is not even JSON
      }
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The first characters of a too-long line, masked before they are cut (an ID cut in two would
   * escape the mask); the eleven extra characters hold any ID that starts in the part kept, so the
   * mask never reads the whole line.
   */
  private static Column shortened(Column raw) {
    return functions.concat(
        functions.substring(
            maskCitizenIds(functions.substring(raw, 1, SHOWN_CHARS + 11)), 1, SHOWN_CHARS),
        lit("…"));
  }

  /**
   * Quarantine is outside bronze, so citizen IDs are masked in its raw line and its detail: every
   * run of exactly twelve digits, whichever column holds it, quoted or not, CSV or JSON (households
   * file with their citizen ID since 2025, platforms report sellers by it). A twelve-digit amount
   * is masked too; its line is still in bronze.
   */
  static Column maskCitizenIds(Column text) {
    return functions.regexp_replace(text, "(?<![0-9])[0-9]{12}(?![0-9])", "<citizen-id>");
  }
}
