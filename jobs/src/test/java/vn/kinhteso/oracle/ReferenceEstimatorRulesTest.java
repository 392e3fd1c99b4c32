package vn.kinhteso.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.config.Reference;

/** Rules of methodology.md §6 and data-contracts.md that examples/tiny does not exercise. */
class ReferenceEstimatorRulesTest {
  static final String GRDP =
      "year,province_code,sector,grdp_current_bn_vnd,grdp_constant_2010_bn_vnd,release";
  static final String EMPLOYMENT = "year,province_code,sector,employed_thousands,release";
  static final String RETAIL = "year,province_code,retail_sales_bn_vnd,release";
  static final String REGISTER =
      "tax_id,name,vsic_code,size_class,registered_on,closed_on,snapshot_date";
  static final String DECLARATIONS =
      "tax_id,period,province_code,amendment,revenue_vnd,"
          + "intermediate_cost_vnd,wage_bill_vnd,employees";
  // Tax ids with valid check digits.
  static final String CORE_UNIT = "3982597914";
  static final String RETAILER = "9074833789";
  static final String FACTORY = "8762328601";
  static final String SHOP = "0100233488";
  static final String UNREGISTERED = "6669725103";

  static Reference ref;

  @TempDir Path landing;

  @BeforeAll
  static void reference() {
    ref = ReferenceEstimatorTinyTest.reference();
  }

  private void write(String path, String... lines) {
    try {
      Path file = landing.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Billion VND written as VND. */
  private static String bn(double billions) {
    return Long.toString(Math.round(billions * 1e9));
  }

  private static String declaration(
      String taxId,
      String period,
      String province,
      int amendment,
      double revenueBn,
      double costBn,
      int employees) {
    return String.join(
        ",",
        taxId,
        period,
        province,
        Integer.toString(amendment),
        bn(revenueBn),
        bn(costBn),
        bn(1),
        Integer.toString(employees));
  }

  private static String seller(
      String month,
      String ref,
      String type,
      String taxId,
      String province,
      String category,
      double gmvBn,
      double refundsBn) {
    return "{\"platform\": \"shopee\", \"month\": \""
        + month
        + "\", \"seller_ref\": \""
        + ref
        + "\", \"seller_type\": \""
        + type
        + "\", \"seller_tax_id\": "
        + (taxId == null ? "null" : "\"" + taxId + "\"")
        + ", \"seller_province_code\": \""
        + province
        + "\", \"category\": \""
        + category
        + "\", \"orders\": 10, \"gmv_vnd\": "
        + bn(gmvBn)
        + ", \"refunds_vnd\": "
        + bn(refundsBn)
        + "}";
  }

  private ReferenceEstimator.Result run() {
    return ReferenceEstimator.estimate(landing, ref);
  }

  /** The row of a table with this key (sector or indicator last), or null. */
  private static Map<String, Object> find(
      List<Map<String, Object>> rows, String geo, String province, int year, String item) {
    List<Map<String, Object>> found =
        rows.stream()
            .filter(
                r ->
                    r.get("geo_level").equals(geo)
                        && r.get("province_code").equals(province)
                        && r.get("year").equals(year)
                        && item.equals(
                            r.containsKey("sector") ? r.get("sector") : r.get("indicator")))
            .collect(Collectors.toList());
    assertTrue(found.size() <= 1, "one row per key: " + found);
    return found.isEmpty() ? null : found.get(0);
  }

  private static Map<String, Object> get(
      List<Map<String, Object>> rows, String geo, String province, int year, String item) {
    Map<String, Object> r = find(rows, geo, province, year, item);
    assertNotNull(r, "no row " + geo + " " + province + " " + year + " " + item);
    return r;
  }

  private static void assertNumber(double expected, Object actual) {
    assertNotNull(actual);
    assertEquals(expected, (Double) actual, 1e-9 * Math.max(1, Math.abs(expected)));
  }

  private static long count(ReferenceEstimator.Result r, String reason) {
    return r.quarantine().stream().filter(q -> q.reason().equals(reason)).count();
  }

  @Test
  void aKeyConflictDropsEveryRowOfTheKeyAndAnExactDuplicateCountsOnce() {
    write("tax/registry/r.csv", REGISTER, RETAILER + ",B,4771,micro,2016-01-01,,2024-12-31");
    write("statistics/grdp/old.csv", GRDP, "2024,27,G,100,60,2025-01-15");
    write(
        "statistics/grdp/new.csv",
        GRDP,
        "2024,27,G,200,120,2025-06-30",
        "2024,27,G,250,120,2025-06-30",
        "2024,27,TSP,10,5,2025-06-30");
    write(
        "tax/declarations/a.csv",
        DECLARATIONS,
        declaration(RETAILER, "2024-01", "27", 0, 10, 4, 3),
        declaration(RETAILER, "2024-02", "27", 0, 10, 4, 3));
    write(
        "tax/declarations/b.csv",
        DECLARATIONS,
        declaration(RETAILER, "2024-02", "27", 0, 12, 4, 3),
        declaration(RETAILER, "2024-01", "27", 0, 10, 4, 3));

    ReferenceEstimator.Result r = run();

    // Both 2025-06-30 rows of 27/G are out, so the older release is the latest valid one.
    Map<String, Object> g = get(r.digitalEconomyShare(), "province_2004", "27", 2024, "G");
    assertNumber(100, g.get("grdp_current_bn_vnd"));
    // February conflicts (both rows out), January is delivered twice and counts once: VA 6.
    assertNumber(6, g.get("coverage_pct"));
    Map<String, Object> all = get(r.digitalEconomyShare(), "province_2004", "27", 2024, "ALL");
    assertNumber(110, all.get("grdp_current_bn_vnd"));
    assertNumber(100 * 6.0 / 110, all.get("coverage_pct"));
    assertEquals(4, count(r, "key_conflict"));
    assertEquals(1, count(r, "duplicate_row"));
  }

  @Test
  void aQuarantinedAmendmentReplacesNothing() {
    write("tax/registry/r.csv", REGISTER, FACTORY + ",C,1071,medium,2010-01-01,,2024-12-31");
    write("statistics/grdp/g.csv", GRDP, "2024,24,C,500,300,2025-06-30");
    write(
        "tax/declarations/d.csv",
        DECLARATIONS,
        declaration(FACTORY, "2024-Q1", "24", 0, 30, 20, 100),
        declaration(FACTORY, "2024-Q2", "24", 0, 30, 20, 100),
        declaration(FACTORY, "2024-Q2", "99", 1, 40, 25, 100),
        FACTORY + ",2024-Q2,24,2,-5," + bn(25) + "," + bn(1) + ",100",
        FACTORY + ",2024-Q2,24,3,4O," + bn(25) + "," + bn(1) + ",100",
        declaration(FACTORY, "2024-Q1", "24", 1, 36, 20, 100),
        declaration("0100233489", "2024-Q1", "24", 0, 30, 20, 100),
        declaration(SHOP, "2024-Q1", "24", 0, 30, 20, 100));

    ReferenceEstimator.Result r = run();

    // Q1 is its valid amendment 1 (VA 16); Q2 stays the original (VA 10).
    Map<String, Object> c = get(r.digitalEconomyShare(), "province_2004", "24", 2024, "C");
    assertNumber(100 * 26.0 / 500, c.get("coverage_pct"));
    assertEquals(1, count(r, "unknown_province"));
    assertEquals(1, count(r, "negative_amount"));
    assertEquals(1, count(r, "unparseable_number"));
    assertEquals(1, count(r, "bad_tax_id"));
    assertEquals(1, count(r, "unregistered_tax_id"));
  }

  @Test
  void aValueMissingInTheLatestReleaseIsNullAndMakesItsTotalsNull() {
    write("tax/registry/r.csv", REGISTER, CORE_UNIT + ",A,6201,small,2015-01-01,,2024-12-31");
    write(
        "statistics/grdp/g.csv",
        GRDP,
        "2023,27,G,180,110,2024-06-30",
        "2023,27,J,90,45,2024-06-30",
        "2023,27,TSP,45,18,2024-06-30",
        "2024,27,G,200,120,2025-01-15",
        "2024,27,G,..,120,2025-06-30",
        "2024,27,J,100,40,2025-01-15",
        "2024,27,J,100,-,2025-06-30",
        "2024,27,TSP,50,20,2025-06-30",
        "2024,24,C,500,300,2025-06-30");
    write(
        "statistics/employment/e.csv",
        EMPLOYMENT,
        "2023,27,G,100,2026-01-10",
        "2023,27,J,10,2026-01-10",
        "2024,27,G,100,2026-01-10",
        "2024,27,J,10,2026-01-10",
        "2024,24,C,200,2026-01-10");
    write(
        "tax/declarations/d.csv",
        DECLARATIONS,
        declaration(CORE_UNIT, "2024-01", "27", 0, 10, 4, 50));

    ReferenceEstimator.Result r = run();
    List<Map<String, Object>> share = r.digitalEconomyShare();

    Map<String, Object> g = get(share, "province_2004", "27", 2024, "G");
    assertNull(g.get("grdp_current_bn_vnd"), "an older release does not fill in a missing value");
    assertNumber(0, g.get("digital_va_bn_vnd"));
    assertNull(g.get("share_pct"));
    assertNull(g.get("coverage_pct"));
    assertNumber(6, get(share, "province_2004", "27", 2024, "J").get("share_pct"));
    for (String[] geo :
        new String[][] {{"province_2004", "27"}, {"province_2025", "24"}, {"national", "VN"}}) {
      Map<String, Object> all = get(share, geo[0], geo[1], 2024, "ALL");
      assertNull(all.get("grdp_current_bn_vnd"), geo[0]);
      assertNull(all.get("share_pct"), geo[0]);
      assertNull(all.get("coverage_pct"), geo[0]);
      assertNumber(6, all.get("digital_va_bn_vnd"));
      assertNumber(6, all.get("core_ict_bn_vnd"));
    }
    // 24 has no G row: it adds nothing, its own total stands; the merged G is null through 27.
    assertNull(find(share, "province_2004", "24", 2024, "G"));
    assertNumber(500, get(share, "province_2004", "24", 2024, "ALL").get("grdp_current_bn_vnd"));
    assertNull(get(share, "province_2025", "24", 2024, "G").get("grdp_current_bn_vnd"));
    assertNumber(500, get(share, "province_2025", "24", 2024, "C").get("grdp_current_bn_vnd"));
    // No declarations in 2023: no share rows that year.
    assertNull(find(share, "province_2004", "27", 2023, "ALL"));

    List<Map<String, Object>> lp = r.labourProductivity();
    Map<String, Object> j = get(lp, "province_2004", "27", 2024, "J");
    assertNull(j.get("grdp_constant_2010_bn_vnd"));
    assertNull(j.get("productivity_mn_vnd"));
    assertNull(j.get("growth_pct"));
    assertEquals(false, j.get("series_break"));
    assertNull(get(lp, "province_2004", "27", 2024, "ALL").get("productivity_mn_vnd"));
    assertNumber(
        100 * (1.2 / 1.1 - 1), get(lp, "province_2004", "27", 2024, "G").get("growth_pct"));
    assertNull(get(lp, "province_2004", "27", 2023, "G").get("growth_pct"));
  }

  @Test
  void anUnregisteredEnterpriseSellerIsAHouseholdAndARegisteredOneOnlySetsItsWeight() {
    write(
        "tax/registry/r.csv",
        REGISTER,
        RETAILER + ",B,4771,micro,2016-01-01,,2024-12-31",
        SHOP + ",S,4711,small,2016-01-01,,2024-12-31");
    write(
        "statistics/grdp/g.csv",
        GRDP,
        "2024,27,G,200,120,2025-06-30",
        "2024,27,I,50,30,2025-06-30",
        "2024,27,TSP,10,5,2025-06-30",
        "2024,24,I,60,40,2025-06-30");
    write("statistics/retail/r.csv", RETAIL, "2024,27,500,2025-06-30", "2024,24,300,2025-06-30");
    write(
        "tax/declarations/d.csv",
        DECLARATIONS,
        declaration(RETAILER, "2024-01", "27", 0, 60, 48, 3));
    write(
        "ecommerce/shopee/2024.jsonl",
        seller("2024-03", RETAILER, "enterprise", RETAILER, "27", "home_living", 30, 0),
        seller("2024-05", UNREGISTERED, "enterprise", UNREGISTERED, "24", "food_delivery", 10, 0),
        seller("2024-06", SHOP, "enterprise", SHOP, "27", "electronics", 20, 0),
        seller("2024-04", "001234567890", "household", null, "27", "fashion", 10, 1));

    ReferenceEstimator.Result r = run();
    List<Map<String, Object>> share = r.digitalEconomyShare();

    Map<String, Object> g = get(share, "province_2004", "27", 2024, "G");
    assertNumber(6, g.get("digitalised_enterprise_bn_vnd")); // VA 12 x w 30/60
    assertNumber(1.08, g.get("household_online_bn_vnd")); // (10 - 1) x 0.12; SHOP adds nothing
    assertNumber(100 * 7.08 / 200, g.get("share_pct"));
    Map<String, Object> i = get(share, "province_2004", "24", 2024, "I");
    assertNumber(3, i.get("household_online_bn_vnd")); // 10 x 0.30, section I
    assertNumber(5, i.get("share_pct"));
    assertNumber(3, get(share, "province_2004", "24", 2024, "ALL").get("digital_va_bn_vnd"));
    assertNumber(10.08, get(share, "national", "VN", 2024, "ALL").get("digital_va_bn_vnd"));

    List<Map<String, Object>> ind = r.digitalIndicators();
    assertNumber(
        100 * 59.0 / 500,
        get(ind, "province_2004", "27", 2024, "ecommerce_retail_share_pct").get("value"));
    assertNumber(
        100 * 10.0 / 300,
        get(ind, "province_2004", "24", 2024, "ecommerce_retail_share_pct").get("value"));
    assertNumber(
        100 * 69.0 / 800,
        get(ind, "province_2025", "24", 2024, "ecommerce_retail_share_pct").get("value"));
    assertNumber(100, get(ind, "province_2004", "27", 2024, "sme_online_pct").get("value"));
    assertNumber(0, get(ind, "province_2004", "27", 2024, "ict_core_enterprises").get("value"));
    assertNull(find(ind, "province_2004", "24", 2024, "ict_core_enterprises"), "24 has no account");
  }

  @Test
  void deliveryFormatsAndBadLinesAreReadAsTheContractSays() {
    String nfc = "Công ty A, \"Alpha\"";
    String nfd = Normalizer.normalize(nfc, Normalizer.Form.NFD);
    write(
        "tax/registry/a.csv",
        "\uFEFF" + REGISTER + "\r",
        CORE_UNIT + ",\"" + nfc.replace("\"", "\"\"") + "\",6201,small,2015-01-01,,2024-12-31\r",
        RETAILER + ",B,4771,micro,2016-01-01,,2024-12-31\r",
        FACTORY + ",\"Nhà máy C,1071,medium,2010-01-01,,2024-12-31\r",
        "1290404797,E,4659,large,2012-01-01,2024-12-31\r");
    write(
        "tax/registry/b.csv",
        REGISTER,
        CORE_UNIT + ",\"" + nfd.replace("\"", "\"\"") + "\",6201,small,2015-01-01,,2024-12-31",
        RETAILER + ",B,4772,micro,2016-01-01,,2024-12-31",
        "0100112437,X,0011,small,2016-01-01,,2024-12-31",
        "0312687878,Y,6201,giant,2016-01-01,,2024-12-31",
        "0100109106,Z,6201,small,2016-02-30,,2024-12-31");
    write(
        "statistics/grdp/g.csv",
        GRDP,
        "2024,27,J,100,-,\"2025-06-30\"",
        "2024,27,C, 5,1,2025-06-30");
    write(
        "tax/declarations/d.csv",
        DECLARATIONS,
        declaration(CORE_UNIT, "2024-01", "27", 0, 10, 4, 50),
        declaration(RETAILER, "2024-01", "27", 0, 10, 4, 3),
        declaration(CORE_UNIT, "2024-13", "27", 0, 10, 4, 50));
    write(
        "tax/declarations/copy_of_d.csv",
        DECLARATIONS,
        declaration(CORE_UNIT, "2024-01", "27", 0, 10, 4, 50),
        declaration(RETAILER, "2024-01", "27", 0, 10, 4, 3),
        declaration(CORE_UNIT, "2024-13", "27", 0, 10, 4, 50));
    write(
        "ecommerce/lazada/x.jsonl",
        seller("2024-03", "001234567890", "household", null, "27", "no_such_category", 1, 0),
        seller("2024-03", "001234567891", "household", null, "27", "fashion", 1, 2),
        seller("2024-03", "001234567892", "household", null, "27", "fashion", -1, 0),
        "{\"platform\": \"lazada\", \"month\": \"2024-03\"",
        seller("2024-03", "001234567893", "household", null, "27", "fashion", 2, 0)
            .replace("\"orders\": 10", "\"orders\": 1.5"));

    ReferenceEstimator.Result r = run();

    // The NFD copy of CORE_UNIT's name is the same row; RETAILER's two VSIC codes conflict, so it
    // has no valid snapshot and its declaration is unregistered.
    assertEquals(1, count(r, "duplicate_row"));
    assertEquals(2, count(r, "key_conflict"));
    assertEquals(1, count(r, "unregistered_tax_id"));
    assertEquals(2, count(r, "malformed_line"), "an unclosed quote, a cut JSON line");
    assertEquals(1, count(r, "wrong_column_count"));
    assertEquals(1, count(r, "unknown_vsic"));
    assertEquals(1, count(r, "invalid_value"));
    assertEquals(2, count(r, "unparseable_date")); // 2016-02-30 and 2024-13
    assertEquals(2, count(r, "unparseable_number")); // " 5" (no trimming), orders 1.5
    assertEquals(1, count(r, "unknown_category"));
    assertEquals(1, count(r, "refund_exceeds_gmv"));
    assertEquals(1, count(r, "negative_amount"));
    assertEquals(1, count(r, "duplicate_file"), "the copy differs by nothing but its name");
    assertEquals(17, r.quarantine().size(), r.quarantine().toString());
    // CORE_UNIT counted once despite the copy: VA 6 of a GRDP of 100 (the " 5" row is out).
    assertNumber(
        6, get(r.digitalEconomyShare(), "province_2004", "27", 2024, "J").get("share_pct"));
    assertNumber(
        100,
        get(r.digitalEconomyShare(), "province_2004", "27", 2024, "ALL")
            .get("grdp_current_bn_vnd"));
  }

  @Test
  void a2025AccountGathersItsFirstHalfThroughTheCrosswalkAndWeighsHeadcountsByMonths() {
    write("tax/registry/r.csv", REGISTER, CORE_UNIT + ",A,6201,small,2015-01-01,,2025-12-31");
    write(
        "statistics/grdp/g.csv",
        GRDP,
        "2025,24,J,150,75,2026-01-10",
        "2025,24,TSP,50,25,2026-01-10");
    write("statistics/employment/e.csv", EMPLOYMENT, "2025,24,J,15,2026-01-10");
    write(
        "tax/declarations/d.csv",
        DECLARATIONS,
        declaration(CORE_UNIT, "2025-Q2", "27", 0, 10, 4, 10), // 2004 code: Bắc Ninh, now in 24
        declaration(CORE_UNIT, "2025-07", "24", 0, 5, 2, 40), // 2025 code
        declaration(CORE_UNIT, "2025-08", "30", 0, 5, 2, 40), // 30 is no 2025 province
        declaration(CORE_UNIT, "2025-Q3", "27", 0, 5, 2, 40)); // nor is 27

    ReferenceEstimator.Result r = run();

    assertEquals(2, count(r, "unknown_province"));
    Map<String, Object> j = get(r.digitalEconomyShare(), "province_2025", "24", 2025, "J");
    assertNumber(9, j.get("core_ict_bn_vnd")); // one account: (10 + 5) - (4 + 2)
    assertNumber(6, j.get("share_pct"));
    assertNumber(
        100 * 9.0 / 200,
        get(r.digitalEconomyShare(), "national", "VN", 2025, "ALL").get("share_pct"));
    assertTrue(
        r.digitalEconomyShare().stream()
            .noneMatch(x -> x.get("geo_level").equals("province_2004")));
    // employees = (10 x 3 + 40 x 1) / 4 months = 17.5
    assertNumber(
        100 * 17.5 / 15000,
        get(r.digitalIndicators(), "province_2025", "24", 2025, "digital_labour_share_pct")
            .get("value"));
    assertNumber(
        1, get(r.digitalIndicators(), "national", "VN", 2025, "ict_core_enterprises").get("value"));
  }

  @Test
  void growthIntoABreakYearIsFlagged() {
    write(
        "statistics/grdp/g.csv",
        GRDP,
        "2020,27,J,80,40,2021-06-30",
        "2021,27,J,90,44,2022-06-30",
        "2022,27,J,100,50,2023-06-30");
    write(
        "statistics/employment/e.csv",
        EMPLOYMENT,
        "2020,27,J,10,2021-06-30",
        "2021,27,J,10,2022-06-30",
        "2022,27,J,10,2023-06-30");

    List<Map<String, Object>> lp = run().labourProductivity();

    assertEquals(false, get(lp, "province_2004", "27", 2020, "J").get("series_break"));
    Map<String, Object> y2021 = get(lp, "province_2004", "27", 2021, "J");
    assertNumber(10, y2021.get("growth_pct"));
    assertEquals(true, y2021.get("series_break"));
    assertEquals(true, get(lp, "national", "VN", 2021, "ALL").get("series_break"));
    assertEquals(false, get(lp, "province_2004", "27", 2022, "J").get("series_break"));
    assertNumber(4.4, get(lp, "province_2025", "24", 2021, "J").get("productivity_mn_vnd"));
  }
}
