package vn.kinhteso.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.config.Reference;
import vn.kinhteso.ingest.BronzeIngest;
import vn.kinhteso.run.Reconciliation;

/**
 * Landing lines that must end in quarantine with a reason of their own, not crash, vanish or be
 * read with one value guessed: a line above the length limit, a JSON line with text after its
 * object or a field given twice, a year, period or date after the run date. Bronze lines in, silver
 * and quarantine out, no lake: each line's reason, and every file reconciles.
 */
class LandingLinesIT {
  static final LocalDate RUN_DATE = LocalDate.of(2026, 1, 15);
  static final int MAX_LINE_CHARS = 600;
  static final String CITIZEN_ID = "0012" + "03001111";

  /** Starts a few characters before the cut of a too-long line, so the cut would split it. */
  static final String CUT_CITIZEN_ID = "0792" + "03009999";

  static final StructType LINES =
      new StructType()
          .add("source", DataTypes.StringType)
          .add("file_path", DataTypes.StringType)
          .add("file_hash", DataTypes.StringType)
          .add("line_no", DataTypes.LongType)
          .add("raw", DataTypes.StringType)
          .add("run_id", DataTypes.StringType);

  static final List<Row> lines = new ArrayList<>();
  static final List<Row> files = new ArrayList<>();

  /** "file:line" → the reason expected, null for an accepted line. */
  static final Map<String, String> expected = new LinkedHashMap<>();

  static Conform conform;
  static SilverTables silver;
  static Map<String, Row> quarantined = new TreeMap<>();

  @BeforeAll
  static void conformTheLines() {
    SparkSession spark = SharedSpark.get();
    String tooLongCsv = "2024,27,C," + "1".repeat(MAX_LINE_CHARS) + ",80,2025-06-30";
    csv(
        "statistics/grdp",
        "g.csv",
        "year,province_code,sector,grdp_current_bn_vnd,grdp_constant_2010_bn_vnd,release",
        row("2024,27,J,100,80,2025-06-30-official", null),
        row("2026,24,G,100,80,2026-01-15", null), // the run's own year and day are not the future
        row("2027,24,J,100,80,2025-06-30", Reason.FUTURE_DATE), // a year not yet begun
        row("2025,24,C,100,80,2026-02-01-preliminary", Reason.FUTURE_DATE), // a release not yet out
        row(tooLongCsv, Reason.LINE_TOO_LONG));
    csv(
        "tax/registry",
        "r.csv",
        "tax_id,name,vsic_code,size_class,registered_on,closed_on,snapshot_date",
        row("3982597914,Công ty A,6201,small,2020-01-01,,2024-12-31", null),
        row("9074833789,Cửa hàng B,4771,micro,2016-01-01,,2026-02-01", Reason.FUTURE_DATE),
        row("8762328601,C,1071,medium,2026-03-01,,2025-12-31", Reason.FUTURE_DATE),
        row("1290404797,D,4659,large,2010-01-01,2026-06-30,2025-12-31", Reason.FUTURE_DATE));
    csv(
        "tax/declarations",
        "d.csv",
        "tax_id,period,province_code,amendment,revenue_vnd,intermediate_cost_vnd,wage_bill_vnd,employees",
        row("3982597914,2024-01,27,0,100,40,10,50", null),
        row("3982597914,2026-01,24,0,100,40,10,50", null), // the month of the run has begun
        row("3982597914,2026-02,24,0,100,40,10,50", Reason.FUTURE_DATE),
        row("3982597914,2026-Q2,24,0,100,40,10,50", Reason.FUTURE_DATE));
    String tooLongJson = json("2024-09", CITIZEN_ID).replace("}", ", \"note\": \"");
    tooLongJson +=
        "a".repeat(Conform.SHOWN_CHARS - 6 - tooLongJson.length())
            + CUT_CITIZEN_ID
            + "b".repeat(4 * Conform.SHOWN_CHARS)
            + "\"}";
    jsonl(
        "ecommerce/tiki",
        "t.jsonl",
        row(json("2024-01", CITIZEN_ID), null),
        row(json("2024-02", CITIZEN_ID) + "  \t", null), // white space after the object is nothing
        row(json("2024-03", CITIZEN_ID) + " xyz", Reason.TRAILING_CONTENT),
        row(json("2024-04", CITIZEN_ID) + json("2024-05", CITIZEN_ID), Reason.TRAILING_CONTENT),
        row(json("2024-06", CITIZEN_ID) + ",", Reason.TRAILING_CONTENT),
        row(
            json("2024-07", CITIZEN_ID)
                .replace(
                    "\"platform\": \"tiki\"",
                    "\"platform\": \"tiki\", \"seller_ref\": \"001203002222\""),
            Reason.DUPLICATE_FIELD),
        row(
            json("2024-08", CITIZEN_ID).replace("\"orders\": 1", "\"orders\": 1, \"orders\": 2"),
            Reason.DUPLICATE_FIELD),
        row(json("2026-01", CITIZEN_ID), null),
        row(json("2026-02", CITIZEN_ID), Reason.FUTURE_DATE),
        row(tooLongJson, Reason.LINE_TOO_LONG));

    Dataset<Row> bronze = spark.createDataFrame(lines, LINES);
    Dataset<Row> manifest = spark.createDataFrame(files, BronzeIngest.FILES_SCHEMA);
    Reference ref = Reference.load(SharedSpark.config(Map.of()));
    conform =
        new Conform(
            spark,
            new Codes(ref),
            new Pseudonyms("test key".getBytes(StandardCharsets.UTF_8)),
            RUN_DATE,
            MAX_LINE_CHARS);
    silver = conform.apply(bronze, manifest, "r-test");
    for (Row r : silver.quarantine().collectAsList()) {
      quarantined.put(r.<String>getAs("file_path") + ":" + r.<Long>getAs("line_no"), r);
    }
    assertTrue(
        Reconciliation.perFile(manifest, silver).where("NOT reconciles").isEmpty(),
        "every line is accepted, superseded or quarantined");
  }

  @AfterAll
  static void release() {
    conform.close();
  }

  @Test
  void aLineAboveTheLimitIsQuarantinedCutAndMasked() {
    assertReasons(Reason.LINE_TOO_LONG);
    for (Row r : rowsOf(Reason.LINE_TOO_LONG)) {
      String raw = r.getAs("raw");
      String detail = r.getAs("detail");
      assertTrue(
          raw.length() <= Conform.SHOWN_CHARS + 1,
          "the quarantine keeps the line's start: " + raw.length());
      assertTrue(
          detail.contains("a line of ")
              && detail.contains("landing.max_line_chars = " + MAX_LINE_CHARS),
          detail);
      // The cut falls inside CUT_CITIZEN_ID: none of its digits may be left.
      assertFalse(raw.contains(CITIZEN_ID) || raw.contains(CUT_CITIZEN_ID.substring(0, 6)), raw);
    }
    assertTrue(
        rowsOf(Reason.LINE_TOO_LONG).stream()
            .anyMatch(r -> r.<String>getAs("raw").contains("<citizen-id>")));
  }

  @Test
  void aJsonLineWithTextAfterItsObjectOrAFieldTwiceIsQuarantined() {
    assertReasons(Reason.TRAILING_CONTENT);
    assertReasons(Reason.DUPLICATE_FIELD);
    List<String> details =
        rowsOf(Reason.DUPLICATE_FIELD).stream()
            .map(r -> r.<String>getAs("detail"))
            .sorted()
            .toList();
    assertEquals(
        List.of("field given more than once: orders", "field given more than once: seller_ref"),
        details);
  }

  @Test
  void aYearPeriodOrDateAfterTheRunDateIsQuarantined() {
    assertReasons(Reason.FUTURE_DATE);
    for (Row r : rowsOf(Reason.FUTURE_DATE)) {
      assertTrue(
          r.<String>getAs("detail").endsWith(" is after the run date " + RUN_DATE), r.toString());
    }
  }

  @Test
  void theOtherLinesAreAccepted() {
    for (Map.Entry<String, String> e : expected.entrySet()) {
      if (e.getValue() == null) {
        assertFalse(
            quarantined.containsKey(e.getKey()),
            e.getKey() + " quarantined: " + quarantined.get(e.getKey()));
      }
    }
    assertEquals(2, silver.grdp().count());
    assertEquals(1, silver.register().count());
    assertEquals(2, silver.declarations().count());
    assertEquals(3, silver.ecommerce().count());
  }

  /** Exactly the lines expected with this reason carry it. */
  static void assertReasons(String reason) {
    List<String> want =
        expected.entrySet().stream()
            .filter(e -> reason.equals(e.getValue()))
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    List<String> got =
        quarantined.entrySet().stream()
            .filter(e -> reason.equals(e.getValue().getAs("reason")))
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    Map<String, String> all = new TreeMap<>();
    quarantined.forEach((k, r) -> all.put(k, r.getAs("reason")));
    assertEquals(want, got, reason + " among " + all);
  }

  static List<Row> rowsOf(String reason) {
    return quarantined.values().stream().filter(r -> reason.equals(r.getAs("reason"))).toList();
  }

  record Line(String raw, String reason) {}

  static Line row(String raw, String reason) {
    return new Line(raw, reason);
  }

  static void csv(String folder, String name, String header, Line... data) {
    List<Line> all = new ArrayList<>(List.of(new Line(header, null)));
    all.addAll(List.of(data));
    add(folder, name, header, all, 1);
  }

  static void jsonl(String folder, String name, Line... data) {
    add(folder, name, null, List.of(data), 0);
  }

  static void add(String folder, String name, String header, List<Line> all, int headerLines) {
    String path = "landing/" + folder + "/" + name;
    String hash = "h-" + name;
    for (int i = 0; i < all.size(); i++) {
      lines.add(
          RowFactory.create(
              folder.startsWith("ecommerce") ? "ecommerce" : folder,
              path,
              hash,
              i + 1L,
              all.get(i).raw(),
              "r-ingest"));
      if (i >= headerLines) {
        expected.put(path + ":" + (i + 1), all.get(i).reason());
      }
    }
    files.add(
        RowFactory.create(
            hash,
            path,
            folder.startsWith("ecommerce") ? "ecommerce" : folder,
            0L,
            0L,
            (long) (all.size() - headerLines),
            0L,
            header,
            BronzeIngest.INGESTED,
            null,
            null,
            "r-ingest",
            new Timestamp(0)));
  }

  static String json(String month, String sellerRef) {
    return "{\"platform\": \"tiki\", \"month\": \""
        + month
        + "\", \"seller_ref\": \""
        + sellerRef
        + "\", \"seller_type\": \"household\", \"seller_tax_id\": null, \"seller_province_code\": \""
        + (month.compareTo("2025-07") < 0 ? "27" : "24")
        + "\", \"category\": \"fashion\", \"orders\": 1, "
        + "\"gmv_vnd\": 100, \"refunds_vnd\": 0}";
  }
}
