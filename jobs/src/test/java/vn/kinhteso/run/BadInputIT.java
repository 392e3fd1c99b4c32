package vn.kinhteso.run;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.kinhteso.LogCapture;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.config.ConfigKeys;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.conform.Reason;
import vn.kinhteso.lake.Lake;

/**
 * Every bad-input class of the contract, each row bad in exactly one way, on top of the tiny
 * landing zone: exactly N quarantined rows per class with its reason, the rest published, and every
 * file's rows reconcile.
 */
class BadInputIT {
  @TempDir static Path landing;
  @TempDir static Path lakeDir;
  static Lake lake;
  static Nightly.Outcome outcome;
  static String output;

  /** What the run logged at INFO and above. */
  static String logs;

  /** Reason → how many rows (files for the file-level reasons) carry it. */
  static final Map<String, Long> EXPECTED = new LinkedHashMap<>();

  static {
    EXPECTED.put(Reason.MALFORMED_LINE, 2L);
    EXPECTED.put(Reason.WRONG_COLUMN_COUNT, 3L);
    EXPECTED.put(Reason.UNPARSEABLE_NUMBER, 3L);
    EXPECTED.put(Reason.UNPARSEABLE_DATE, 4L);
    EXPECTED.put(Reason.BAD_TAX_ID, 5L);
    EXPECTED.put(Reason.UNKNOWN_PROVINCE, 2L);
    EXPECTED.put(Reason.UNKNOWN_VSIC, 1L);
    EXPECTED.put(Reason.UNKNOWN_CATEGORY, 2L);
    EXPECTED.put(Reason.UNKNOWN_SECTOR, 1L);
    EXPECTED.put(Reason.INVALID_VALUE, 2L);
    EXPECTED.put(Reason.NEGATIVE_AMOUNT, 3L);
    EXPECTED.put(Reason.REFUND_EXCEEDS_GMV, 1L);
    EXPECTED.put(Reason.DUPLICATE_ROW, 2L);
    EXPECTED.put(Reason.KEY_CONFLICT, 2L);
    EXPECTED.put(Reason.UNREGISTERED_TAX_ID, 1L);
    EXPECTED.put(Reason.DUPLICATE_FILE, 2L); // the tiny zone's own copy, and one more here
    EXPECTED.put(Reason.FILE_UNREADABLE, 1L);
    EXPECTED.put(Reason.BAD_HEADER, 1L);
  }

  static final String GLOB_NAME = "tax/declarations/[2024] quý {1} *?.csv";
  static final List<String> IGNORED =
      List.of(
          "tax/declarations/.partial.csv",
          "tax/declarations/archive/old.csv",
          "tax/declarations/notes.txt",
          "tax/declarations/plain.csv.gz",
          "README.csv",
          "ecommerce/tiki.jsonl");
  static final String CITIZEN_ID = "0792" + "03001234";
  static final String SELLER_CITIZEN_ID = "0012" + "03005678";
  static final String NEW_UNIT = TaxIds.withCheckDigit("010055501");
  static final String NFD_UNIT = TaxIds.withCheckDigit("010055506");

  @BeforeAll
  static void runOnDirtyLanding() throws IOException {
    Path tiny = SharedSpark.sharedDir().resolve("examples/tiny/landing");
    TinyLanding.copy(landing, rel -> true);
    String decl =
        "tax_id,period,province_code,amendment,revenue_vnd,intermediate_cost_vnd,wage_bill_vnd,employees\n";
    write(
        "tax/declarations/bad.csv",
        decl
            + "3982597914,2024-01,27,0,\"10000,4000\n" // malformed: unterminated quote
            + "3982597914,2024-02,27,7,1.5,4000,1000,50\n" // unparseable number (integer column)
            + "3982597914,2024-13,27,7,100,40,10,50\n" // unparseable date
            + "3982597915,2024-01,27,0,100,40,10,50\n" // bad check digit
            + "3982597914,2025-08,27,0,100,40,10,50\n" // 27 is no 2025 code
            + "3982597914,2024-03,27,5,100,40,10,-5\n" // negative employees
            + "0100233488,2024-01,27,0,100,40,10,5\n" // valid id, in no register snapshot
            + "\""
            + CITIZEN_ID
            + "\",2024-04,27,0,100,40,10,5\n" // a citizen ID as tax id (quoted): bad tax id
            + "9074833789,2024-01,27,0,5000000000,4000000000,1000000000,3,9\n"); // one field too
    // many
    String reg = "tax_id,name,vsic_code,size_class,registered_on,closed_on,snapshot_date\n";
    write(
        "tax/registry/r2024b.csv",
        reg
            + NEW_UNIT
            + ",Đơn vị mới,0410,small,2020-01-01,,2024-12-31\n" // unknown VSIC division 04
            + TaxIds.withCheckDigit("010055503")
            + ",X,6201,small,2024-13-45,,2024-12-31\n" // bad date
            + "0100233487,Y,6201,small,2020-01-01,,2024-12-31\n" // bad check digit
            + TaxIds.withCheckDigit("010055504")
            + ",Z,6201,giant,2020-01-01,,2024-12-31\n" // size class
            + "9074833789,Cửa hàng B,4771,micro,2016-01-01,,2024-12-31\n" // exact copy of
            // r2024.csv's row
            + TaxIds.withCheckDigit("010055505")
            + ",W,6201,small\n" // too few fields
            + Normalizer.normalize(
                NFD_UNIT + ",Công ty Điện tử Bắc Ninh,2610,medium,2019-05-01,,2024-12-31\n",
                Normalizer.Form.NFD));
    write(
        "statistics/grdp/bad.csv",
        "year,province_code,sector,grdp_current_bn_vnd,grdp_constant_2010_bn_vnd,release\n"
            + "2024,27,L,12a,5,2025-06-30-official\n" // unparseable number
            + "2024,27,Z,10,5,2025-06-30-official\n" // unknown sector
            + "2024,27,K,10,5,2025-06-30-official,extra\n" // too many fields
            + "2024,27,F,10,5,2025-06-31\n" // no such date
            + "2023,24,G,91,55,2024-06-30-official\n"); // same key as a tiny row, other content:
    // both out
    write(
        "statistics/employment/bad.csv",
        "year,province_code,sector,employed_thousands,release\n"
            + "2024,27,F,-3,2026-01-10\n"); // negative employment
    write(
        "ecommerce/tiki/bad.jsonl",
        "{\"platform\": \"tiki\", \"month\": \"2024-03\", \"seller_ref\": \"001234567890\"\n" // truncated
            + line("2024/05", "27", "fashion", "100", "0")
            + "\n" // month format
            + line("2024-05", "99", "fashion", "100", "0")
            + "\n" // unknown province
            + line("2024-05", "27", "weapons", "100", "0")
            + "\n" // unknown category
            + line("2024-06", "27", "pets", "100", "0")
            + "\n" // unknown category
            + line("2024-07", "27", "fashion", "abc", "0")
            + "\n" // unparseable gmv
            + line("2024-08", "27", "fashion", "100", "-1")
            + "\n" // negative refund
            + line("2024-09", "27", "fashion", "100", "150")
            + "\n" // refund above gmv
            + line("2024-10", "27", "fashion", "100", "0").replace("\"household\"", "\"robot\"")
            + "\n" // seller type
            + line("2024-11", "27", "fashion", "100", "0")
            + "\n"
            + line("2024-11", "27", "fashion", "100", "0")
            + "\n" // exact copy of the line above
            // An "enterprise" whose tax id is a citizen ID: bad tax id, the ID in the detail.
            + line("2024-12", "27", "fashion", "100", "0")
                .replace("\"household\"", "\"enterprise\"")
                .replace(
                    "\"seller_tax_id\": null", "\"seller_tax_id\": \"" + SELLER_CITIZEN_ID + "\"")
            + "\n");
    write(
        "statistics/retail/r_copy.csv", Files.readString(tiny.resolve("statistics/retail/r.csv")));
    Files.createDirectories(landing.resolve("tax/registry"));
    Files.write(
        landing.resolve("tax/registry/latin1.csv"),
        (reg + "0100233488,C\u00f4ng ty,6201,small,2020-01-01,,2024-12-31\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    // A name with glob characters, spaces and non-ASCII is read as named: one bad check digit.
    write(GLOB_NAME, decl + "3982597916,2024-05,27,0,100,40,10,5\n");
    // Not deliveries: listed in the run's output, never read.
    for (String f : IGNORED) {
      write(f, decl + "3982597914,2024-06,27,0,100,40,10,5\n");
    }
    write(
        "statistics/ict/wrong_header.csv",
        "nam,ma_tinh,chi_tieu,gia_tri,ban_phat_hanh\n2024,27,x,1,2025-01-15\n");

    SparkSession spark = SharedSpark.get();
    PipelineConfig config =
        SharedSpark.config(
            Map.of(
                ConfigKeys.LANDING.name(),
                landing.toString(),
                ConfigKeys.LAKE.name(),
                lakeDir.toString()));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (LogCapture log = new LogCapture()) {
      outcome =
          new Nightly(
                  spark,
                  config,
                  Reference.load(config),
                  NoChecks.INSTANCE,
                  new PrintStream(buf, true, StandardCharsets.UTF_8))
              .run(LocalDate.of(2026, 1, 15));
      logs = log.text();
    }
    output = buf.toString(StandardCharsets.UTF_8);
    System.out.println(output);
    lake = new Lake(spark, lakeDir.toString());
  }

  static String line(String month, String province, String category, String gmv, String refunds) {
    return "{\"platform\": \"tiki\", \"month\": \""
        + month
        + "\", \"seller_ref\": \"0012345678"
        + month.substring(5, 7)
        + "\", \"seller_type\": \"household\", \"seller_tax_id\": null, \"seller_province_code\": \""
        + province
        + "\", \"category\": \""
        + category
        + "\", \"orders\": 1, \"gmv_vnd\": "
        + quoteIfText(gmv)
        + ", \"refunds_vnd\": "
        + refunds
        + "}";
  }

  static String quoteIfText(String v) {
    return v.matches("-?[0-9]+") ? v : "\"" + v + "\"";
  }

  static void write(String rel, String content) throws IOException {
    Path p = landing.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  static Stream<String> reasons() {
    return EXPECTED.keySet().stream();
  }

  @ParameterizedTest
  @MethodSource("reasons")
  void quarantinesExactlyTheBadRowsOfEachClass(String reason) {
    List<Row> rows =
        lake.read(Lake.QUALITY, "quarantine").where(col("reason").equalTo(reason)).collectAsList();
    assertEquals(EXPECTED.get(reason), (long) rows.size(), reason + ": " + rows);
    for (Row r : rows) {
      assertTrue(
          r.getAs("detail") != null && r.getAs("file_path") != null,
          "reason comes with detail and lineage");
    }
  }

  @Test
  void nothingElseIsQuarantined() {
    long total = lake.read(Lake.QUALITY, "quarantine").count();
    assertEquals(EXPECTED.values().stream().mapToLong(Long::longValue).sum(), total);
  }

  @Test
  void everyFileReconciles() {
    assertEquals(0, lake.read(Lake.OPS, "file_reconciliation").where("NOT reconciles").count());
    assertEquals(0, outcome.exitCode(), output);
  }

  @Test
  void goodRowsArePublished() {
    // The tiny example's untouched numbers still come out: 27 (2004) 2024, sector J.
    Row j =
        lake.read(Lake.GOLD, "digital_economy_share")
            .where(
                "geo_level = 'province_2004' AND province_code = '27' AND year = 2024 AND sector = 'J'")
            .head();
    assertEquals(72.0, j.<Double>getAs("share_pct"), 1e-9);
  }

  @Test
  void aFileNamedLikeAGlobIsReadAsNamed() {
    List<Row> q =
        lake.read(Lake.QUALITY, "quarantine")
            .where(col("file_path").endsWith("[2024] quý {1} *?.csv"))
            .select("reason", "line_no")
            .collectAsList();
    assertEquals(
        List.of(Reason.BAD_TAX_ID), q.stream().map(r -> r.getString(0)).toList(), q.toString());
    assertEquals(
        1,
        lake.read(Lake.BRONZE, "files")
            .where(
                col("file_path")
                    .endsWith("[2024] quý {1} *?.csv")
                    .and(col("status").equalTo("ingested")))
            .count());
  }

  @Test
  void filesThatAreNotDeliveriesAreNamedAndNotRead() {
    assertTrue(
        output.contains(IGNORED.size() + " file(s) in the landing zone are not deliveries"),
        output);
    for (String f : IGNORED) {
      assertTrue(output.contains(f + "  ("), f + " is named in:\n" + output);
      assertEquals(
          0, lake.read(Lake.BRONZE, "files").where(col("file_path").endsWith(f)).count(), f);
      assertEquals(
          1,
          lake.read(Lake.OPS, Nightly.IGNORED_FILES)
              .where(col("file_path").endsWith(f).and(col("reason").notEqual("")))
              .count(),
          f + " in ops.ignored_files");
    }
    assertEquals(IGNORED.size(), lake.read(Lake.OPS, Nightly.IGNORED_FILES).count());
  }

  @Test
  void decomposedTextIsNormalisedNotQuarantined() {
    Row r = lake.read(Lake.SILVER, "register").where(col("tax_id").equalTo(NFD_UNIT)).head();
    assertEquals(
        Normalizer.normalize("Công ty Điện tử Bắc Ninh", Normalizer.Form.NFC), r.getAs("name"));
  }

  /** Every twelve-digit run of the delivered lines, searched in every table outside bronze. */
  @Test
  void citizenIdsDoNotLeaveBronze() throws IOException {
    List<String> ids =
        lake.read(Lake.BRONZE, "lines")
            .select(
                functions.explode(
                    functions.expr("regexp_extract_all(raw, '(?<![0-9])([0-9]{12})(?![0-9])', 1)")))
            .distinct()
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    assertTrue(
        ids.containsAll(List.of(CITIZEN_ID, SELLER_CITIZEN_ID, "001234567890")), ids.toString());
    String any = String.join("|", ids);
    int tables = 0;
    for (String layer : List.of(Lake.SILVER, Lake.GOLD, Lake.QUALITY, Lake.OPS)) {
      try (Stream<Path> dirs = Files.list(lakeDir.resolve(layer))) {
        for (Path t : dirs.filter(d -> Files.isDirectory(d.resolve("_delta_log"))).toList()) {
          // Text columns only: a twelve-digit amount in a number column is no citizen ID.
          org.apache.spark.sql.Dataset<Row> d = lake.read(layer, t.getFileName().toString());
          String[] text =
              java.util.Arrays.stream(d.schema().fields())
                  .filter(f -> f.dataType().sql().contains("STRING"))
                  .map(f -> "`" + f.name() + "`")
                  .toArray(String[]::new);
          long clear =
              text.length == 0
                  ? 0
                  : d.selectExpr("to_json(struct(" + String.join(", ", text) + ")) AS j")
                      .where(col("j").rlike(any))
                      .count();
          assertEquals(0, clear, layer + "." + t.getFileName() + " holds a citizen ID");
          tables++;
        }
      }
    }
    assertTrue(tables > 20, tables + " tables searched");
    assertTrue(!output.matches("(?s).*(" + any + ").*"), "no citizen ID in the run's output");
    assertTrue(
        logs.lines().count() > 1000 && logs.contains("INFO org.apache.spark"),
        "the run's log was captured");
    java.util.regex.Matcher inLog = java.util.regex.Pattern.compile(any).matcher(logs);
    assertTrue(
        !inLog.find(),
        () ->
            "a citizen ID in the run's log: "
                + logs.substring(
                    Math.max(0, inLog.start() - 300), Math.min(logs.length(), inLog.end() + 100)));
    List<Row> masked =
        lake.read(Lake.QUALITY, "quarantine")
            .where(
                col("reason")
                    .equalTo(Reason.BAD_TAX_ID)
                    .and(col("detail").contains("<citizen-id>")))
            .collectAsList();
    assertEquals(
        2, masked.size(), "the two IDs in tax-id columns are masked in the detail: " + masked);
  }

  /** Check digits for test tax ids (reference-data.md). */
  static final class TaxIds {
    static String withCheckDigit(String nine) {
      int[] w = {31, 29, 23, 19, 17, 13, 7, 5, 3};
      int s = 0;
      for (int i = 0; i < 9; i++) {
        s += w[i] * (nine.charAt(i) - '0');
      }
      int c = 10 - s % 11;
      if (c == 10) {
        throw new IllegalArgumentException("no valid check digit for " + nine);
      }
      return nine + c;
    }
  }
}
