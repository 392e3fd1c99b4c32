package vn.kinhteso.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.kinhteso.quality.SilverFixture.DECLARATIONS;
import static vn.kinhteso.quality.SilverFixture.ECOMMERCE;
import static vn.kinhteso.quality.SilverFixture.GRDP;
import static vn.kinhteso.quality.SilverFixture.QUARANTINE;
import static vn.kinhteso.quality.SilverFixture.REGISTER;
import static vn.kinhteso.quality.SilverFixture.SHARE;
import static vn.kinhteso.quality.SilverFixture.register;
import static vn.kinhteso.quality.SilverFixture.taxId;
import static vn.kinhteso.quality.SilverFixture.with;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.config.ConfigKeys;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.conform.SilverTables;
import vn.kinhteso.lake.Lake;
import vn.kinhteso.quality.CheckOutcome.Status;

/** Each family of checks fails on a hand-made violation and passes on clean rows. */
class QualityChecksIT {
  private static final String RUN = "run-1";
  private static SparkSession spark;
  private static PipelineConfig config;
  private static Reference ref;
  private static SilverFixture fx;

  @TempDir static Path lakeDir;

  @BeforeAll
  static void setUp() {
    spark = SharedSpark.get();
    config = SharedSpark.config(Map.of());
    ref = Reference.load(config);
    fx = new SilverFixture(spark, ref);
  }

  // ---- clean rows -------------------------------------------------------------------------

  private static List<Row> registerRows() {
    List<Row> rows = new ArrayList<>();
    rows.add(register(taxId(1), "6201", "J", true, RUN));
    rows.add(register(taxId(2), "4771", "G", false, RUN));
    rows.add(register(taxId(3), "10710", "C", false, RUN));
    rows.add(register(taxId(1) + "-001", "2610", "C", true, RUN));
    rows.add(register("0100233488", "4651", "G", true, RUN));
    return rows;
  }

  private static List<Row> declarationRows() {
    List<Row> rows = new ArrayList<>();
    rows.add(fx.declaration(taxId(1), "2025-06", "27", 0, 1_000_000, true, RUN));
    rows.add(fx.declaration(taxId(2), "2025-06", "24", 0, 2_000_000, false, RUN));
    rows.add(fx.declaration(taxId(2), "2025-06", "24", 1, 2_500_000, true, RUN));
    rows.add(fx.declaration(taxId(3), "2025-Q3", "24", 0, 9_000_000, true, RUN));
    rows.add(fx.declaration(taxId(1) + "-001", "2025-07", "24", 0, 0, true, RUN));
    return rows;
  }

  private static List<Row> ecommerceRows() {
    List<Row> rows = new ArrayList<>();
    rows.add(fx.sale("shopee", "2025-06", taxId(2), "enterprise", "27", "fashion", 1000, 100, RUN));
    rows.add(
        fx.sale("shopee", "2025-08", "p:3fa9", "household", "24", "digital_goods", 500, 500, RUN));
    rows.add(
        fx.sale("lazada", "2025-08", "p:77c1", "individual", "01", "food_delivery", 800, 0, RUN));
    return rows;
  }

  private static List<Row> grdpRows() {
    List<Row> rows = new ArrayList<>(fx.grdpGrid2025(RUN));
    rows.add(SilverFixture.grdp(2025, "01", "J", 19.0, 9.0, "2025-12-01-preliminary", false, RUN));
    return rows;
  }

  private static SilverTables clean() {
    return SilverFixture.tables(
        fx.frame(grdpRows(), GRDP),
        fx.frame(registerRows(), REGISTER),
        fx.frame(declarationRows(), DECLARATIONS),
        fx.frame(ecommerceRows(), ECOMMERCE),
        fx.frame(List.of(), QUARANTINE));
  }

  private static QualityGate gate(PipelineConfig c) {
    return new QualityGate(spark, new Lake(spark, lakeDir.toString()), c, ref);
  }

  private static Map<String, CheckOutcome> run(
      SilverTables silver, Dataset<Row> staged, Optional<Dataset<Row>> national) {
    return run(config, silver, staged, national);
  }

  private static Map<String, CheckOutcome> run(
      PipelineConfig c, SilverTables silver, Dataset<Row> staged, Optional<Dataset<Row>> national) {
    return gate(c).checks(Set.of(RUN), silver, staged, national).stream()
        .collect(Collectors.toMap(CheckOutcome::checkId, o -> o));
  }

  private static void assertStatus(Status expected, Map<String, CheckOutcome> outcomes, String id) {
    CheckOutcome o = outcomes.get(id);
    assertEquals(expected, o.status(), id + ": " + o.message());
  }

  // ---- tests ------------------------------------------------------------------------------

  @Test
  void cleanSilverPassesEveryCheck() {
    Dataset<Row> staged = fx.frame(List.of(SilverFixture.share("01", "J", 20.0, 30.0)), SHARE);
    Map<String, CheckOutcome> out = run(clean(), staged, Optional.empty());
    for (CheckOutcome o : out.values()) {
      if (o.checkId().equals("grdp.national_total")
          || o.table().startsWith("silver.employment")
          || o.table().startsWith("silver.retail")
          || o.table().startsWith("silver.ict")) {
        assertEquals(Status.NOT_APPLICABLE, o.status(), o.checkId());
      } else {
        assertEquals(Status.PASSED, o.status(), o.checkId() + ": " + o.message());
      }
    }
  }

  @Test
  void duplicateAndIncompleteKeysFail() {
    List<Row> decl = declarationRows();
    decl.add(decl.get(1)); // a superseded row delivered twice: key repeats over all rows
    decl.add(
        fx.declaration(
            taxId(3), "2025-Q3", "24", 1, 9_500_000, true, RUN)); // two latest amendments
    decl.add(
        with(
            fx.declaration(taxId(1), "2025-05", "27", 0, 10, true, RUN),
            DECLARATIONS,
            "amendment",
            null));
    List<Row> grdp = grdpRows();
    grdp.add(SilverFixture.grdp(2025, "04", "C", 101.0, 61.0, "2026-01-11-official", true, RUN));
    Map<String, CheckOutcome> out =
        run(
            SilverFixture.tables(
                fx.frame(grdp, GRDP),
                fx.frame(registerRows(), REGISTER),
                fx.frame(decl, DECLARATIONS),
                null,
                null),
            null,
            Optional.empty());
    assertStatus(Status.FAILED, out, "declarations.key_unique");
    assertStatus(Status.FAILED, out, "declarations.latest_unique");
    assertStatus(Status.FAILED, out, "declarations.key_complete");
    assertStatus(Status.FAILED, out, "grdp.latest_unique");
    assertStatus(Status.PASSED, out, "grdp.key_unique");
    assertTrue(
        out.get("declarations.latest_unique").message().contains(taxId(3) + "/2025-Q3"),
        out.get("declarations.latest_unique").message());
  }

  @Test
  void codesInvalidForTheirReferenceDateFail() {
    List<Row> grdp = grdpRows();
    grdp.add(SilverFixture.grdp(2025, "99", "C", 1.0, 1.0, "2026-01-10-preliminary", true, RUN));
    // a 2025 code on 2024 statistics: 2004 codes apply up to 2024
    grdp.add(
        with(
            SilverFixture.grdp(2024, "08", "C", 1.0, 1.0, "2025-06-30", true, RUN),
            GRDP,
            "geo_level",
            "province_2025"));
    grdp.add(SilverFixture.grdp(2025, "01", "Z", 1.0, 1.0, "2026-01-10-preliminary", true, RUN));
    List<Row> reg = registerRows();
    reg.add(register(taxId(4), "0400", "A", false, RUN));
    reg.add(register("0100233489", "6201", "J", true, RUN));
    reg.add(
        register("001234567890", "4771", "G", false, RUN)); // a citizen id where a tax id belongs
    reg.add(register(taxId(5), "4771", "G", true, RUN));
    reg.add(with(register(taxId(6), "4771", "G", false, RUN), REGISTER, "size_class", "huge"));
    List<Row> decl = declarationRows();
    decl.add(fx.declaration(taxId(1), "2025-08", "27", 0, 10, true, RUN)); // 27 is not a 2025 code
    List<Row> sales = ecommerceRows();
    sales.add(fx.sale("shopee", "2025-08", "p:aa", "household", "24", "pets", 10, 0, RUN));
    sales.add(
        fx.sale("tiki", "2025-08", "001234567890", "individual", "24", "fashion", 10, 0, RUN));
    Map<String, CheckOutcome> out =
        run(
            SilverFixture.tables(
                fx.frame(grdp, GRDP),
                fx.frame(reg, REGISTER),
                fx.frame(decl, DECLARATIONS),
                fx.frame(sales, ECOMMERCE),
                null),
            null,
            Optional.empty());
    assertStatus(Status.FAILED, out, "grdp.province_valid");
    assertTrue(
        out.get("grdp.province_valid").message().startsWith("2 of 106 rows fail"),
        out.get("grdp.province_valid").message());
    assertStatus(Status.FAILED, out, "grdp.sector_valid");
    assertStatus(Status.FAILED, out, "register.vsic_valid");
    assertStatus(Status.FAILED, out, "register.tax_id_valid");
    String examples = out.get("register.tax_id_valid").message();
    assertTrue(examples.contains("<citizen id>") && !examples.contains("001234567890"), examples);
    assertStatus(Status.FAILED, out, "register.ict_core_consistent");
    assertStatus(Status.FAILED, out, "register.size_class_valid");
    assertStatus(Status.FAILED, out, "declarations.province_valid");
    assertStatus(Status.PASSED, out, "declarations.period_valid");
    assertStatus(Status.FAILED, out, "ecommerce.category_valid");
    assertStatus(Status.FAILED, out, "ecommerce.citizen_ids_pseudonymised");
    assertStatus(Status.PASSED, out, "ecommerce.province_valid");
  }

  @Test
  void valuesOutOfRangeFailOrWarn() {
    List<Row> grdp = grdpRows();
    grdp.add(SilverFixture.grdp(2025, "01", "A", 5.0, 0.0, "2026-01-10-preliminary", true, RUN));
    grdp.add(SilverFixture.grdp(2025, "04", "A", -5.0, 1.0, "2026-01-10-preliminary", true, RUN));
    List<Row> decl = declarationRows();
    decl.add(fx.declaration(taxId(2), "2025-05", "24", 0, -1, true, RUN));
    List<Row> sales = ecommerceRows();
    sales.add(fx.sale("shopee", "2025-08", "p:bb", "household", "24", "fashion", 100, 150, RUN));
    Map<String, CheckOutcome> out =
        run(
            SilverFixture.tables(
                fx.frame(grdp, GRDP),
                fx.frame(registerRows(), REGISTER),
                fx.frame(decl, DECLARATIONS),
                fx.frame(sales, ECOMMERCE),
                null),
            null,
            Optional.empty());
    assertStatus(Status.WARNING, out, "grdp.constant_positive");
    assertStatus(Status.FAILED, out, "grdp.values_non_negative");
    assertStatus(Status.FAILED, out, "declarations.amounts_non_negative");
    assertStatus(Status.FAILED, out, "ecommerce.refunds_within_gmv");
    assertStatus(Status.PASSED, out, "ecommerce.amounts_non_negative");
  }

  @Test
  void unregisteredDeclarationsAboveTheThresholdFail() {
    List<Row> decl = declarationRows();
    decl.add(fx.declaration(taxId(40), "2025-06", "27", 0, 10, true, RUN));
    decl.add(fx.declaration(taxId(41), "2025-06", "27", 0, 10, true, "an-earlier-run"));
    List<Row> quarantine =
        List.of(
            SilverFixture.quarantined("tax/declarations", "unregistered_tax_id", RUN),
            SilverFixture.quarantined("tax/declarations", "unregistered_tax_id", "an-earlier-run"),
            SilverFixture.quarantined("tax/declarations", "bad_tax_id", RUN));
    SilverTables silver =
        SilverFixture.tables(
            null,
            fx.frame(registerRows(), REGISTER),
            fx.frame(decl, DECLARATIONS),
            null,
            fx.frame(quarantine, QUARANTINE));
    // this run: 6 in silver (1 unregistered) + 1 quarantined unregistered = 2 of 7
    CheckOutcome failed = run(silver, null, Optional.empty()).get("declarations.registered");
    assertEquals(Status.FAILED, failed.status(), failed.message());
    assertEquals(5.0 / 7, failed.metric(), 1e-9);
    CheckOutcome passed =
        run(
                config.with(ConfigKeys.UNREGISTERED_MAX_SHARE.name(), "0.3"),
                silver,
                null,
                Optional.empty())
            .get("declarations.registered");
    assertEquals(Status.PASSED, passed.status(), passed.message());
  }

  @Test
  void crossSourceChecksWarnWithoutBlocking() {
    List<Row> grdp = grdpRows();
    grdp.removeIf(r -> r.getString(1).equals("96") && r.getString(3).equals("J"));
    List<Row> national =
        List.of(
            SilverFixture.grdp(
                2025, "VN", "C", 3400.0, 2040.0, "2026-01-10-preliminary", true, RUN),
            SilverFixture.grdp(
                2025, "VN", "TSP", -170.0, -68.0, "2026-01-10-preliminary", true, RUN),
            SilverFixture.grdp(2025, "VN", "J", 800.0, 300.0, "2026-01-10-preliminary", true, RUN));
    Dataset<Row> staged =
        fx.frame(
            List.of(
                SilverFixture.share("01", "J", 20.0, 130.0),
                SilverFixture.share("04", "J", null, null)),
            SHARE);
    Map<String, CheckOutcome> out =
        run(
            SilverFixture.tables(fx.frame(grdp, GRDP), null, null, null, null),
            staged,
            Optional.of(fx.frame(national, GRDP)));
    assertStatus(Status.WARNING, out, "grdp.grid_complete");
    assertTrue(
        out.get("grdp.grid_complete").message().contains("2025/96/J"),
        out.get("grdp.grid_complete").message());
    // Σ provinces: C 3400 and TSP -170 agree; J has 33 provinces of 20 = 660 against 800
    assertStatus(Status.WARNING, out, "grdp.national_total");
    assertTrue(
        out.get("grdp.national_total").message().startsWith("1 of 3 rows fail"),
        out.get("grdp.national_total").message());
    assertStatus(Status.WARNING, out, "digital_economy_share.coverage_within_100");
    assertStatus(Status.PASSED, out, "digital_economy_share.share_within_100");
    QualityReport report =
        new QualityReport(
            RUN, LocalDate.of(2026, 1, 11), List.copyOf(out.values()), List.of(), List.of());
    assertFalse(report.blocksPublishing(), report.summary());
    assertEquals(3, report.warnings().size());
  }

  @Test
  void severityComesFromConf() {
    List<Row> sales = ecommerceRows();
    sales.add(fx.sale("shopee", "2025-08", "p:bb", "household", "24", "fashion", 100, 150, RUN));
    SilverTables silver = SilverFixture.tables(null, null, null, fx.frame(sales, ECOMMERCE), null);
    String key = ConfigKeys.SEVERITY_PREFIX + "ecommerce.refunds_within_gmv";
    Map<String, CheckOutcome> warned =
        run(
            config
                .with(key, "warning")
                .with(ConfigKeys.SEVERITY_PREFIX + "ecommerce.has_rows", "off"),
            silver,
            null,
            Optional.empty());
    assertStatus(Status.WARNING, warned, "ecommerce.refunds_within_gmv");
    assertEquals(Severity.WARNING, warned.get("ecommerce.refunds_within_gmv").severity());
    assertStatus(Status.SKIPPED, warned, "ecommerce.has_rows");
    assertThrows(PipelineConfig.ConfigException.class, () -> gate(config.with(key, "fatal")));
    PipelineConfig.ConfigException typo =
        assertThrows(
            PipelineConfig.ConfigException.class,
            () ->
                gate(
                    config.with(ConfigKeys.SEVERITY_PREFIX + "declaration.key_unique", "warning")));
    assertTrue(
        typo.getMessage().contains("no check has the id 'declaration.key_unique'"),
        typo.getMessage());
    gate(config.with(ConfigKeys.SEVERITY_PREFIX + "anomaly.volume_change", "error"));
  }

  @Test
  void aMissingSourceFailsAndItsOtherChecksDoNotApply() {
    SilverTables silver =
        SilverFixture.tables(null, null, fx.frame(List.of(), DECLARATIONS), null, null);
    Map<String, CheckOutcome> out = run(silver, null, Optional.empty());
    assertStatus(Status.FAILED, out, "declarations.has_rows");
    assertStatus(Status.NOT_APPLICABLE, out, "declarations.key_unique");
    QualityReport report =
        new QualityReport(
            RUN, LocalDate.of(2026, 1, 11), List.copyOf(out.values()), List.of(), List.of());
    assertTrue(report.blocksPublishing());
    assertTrue(
        report.failureMessage().contains("declarations.has_rows (silver.declarations)"),
        report.failureMessage());
    assertTrue(
        report
            .failureMessage()
            .contains("look: SELECT file_path, status, reason, ingested_at FROM bronze.files"),
        report.failureMessage());
  }

  @Test
  void taxIdRuleAgreesWithTheCheckDigit() {
    List<String> valid =
        new ArrayList<>(
            List.of(
                "0100233488",
                "0314409058",
                "0100112437",
                "0312687878",
                "0100109106",
                "0100233488-001"));
    List<String> invalid =
        List.of(
            "0100233489",
            "0100233488-000",
            "0100000008",
            "010023348",
            "01002334880",
            "0100233488-01",
            "ABCDEFGHIJ",
            "");
    for (int n = 0; n < 50; n++) {
      valid.add(taxId(n));
    }
    for (String id : valid) {
      assertTrue(taxIdRule(id), id);
    }
    for (String id : invalid) {
      assertFalse(taxIdRule(id), id);
    }
  }

  private static boolean taxIdRule(String id) {
    return spark
        .sql(
            "SELECT coalesce("
                + SqlRules.taxId("t")
                + ", false) FROM (SELECT "
                + SqlRules.quote(id)
                + " AS t)")
        .head()
        .getBoolean(0);
  }
}
