package vn.kinhteso.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.config.Reference;
import vn.kinhteso.conform.Codes;

/**
 * Each formula on a few hand-made rows, with the expected numbers worked out by hand here. Inputs
 * are silver-shaped Datasets built in memory; nothing touches disk.
 */
class MethodologyFormulasIT {
  static SparkSession spark = SharedSpark.get();
  static Codes codes = new Codes(Reference.load(SharedSpark.config(Map.of())));

  /**
   * Latest declarations: tax_id, year, months, province_2004, province_2025, revenue, ic, wages,
   * employees.
   */
  static Dataset<Row> declarations(String values) {
    return spark.sql(
        "SELECT tax_id, CAST(year AS INT) year, CAST(months AS INT) months, province_2004, province_2025,"
            + " CAST(rev AS BIGINT) revenue_vnd, CAST(ic AS BIGINT) intermediate_cost_vnd, CAST(0 AS BIGINT) wage_bill_vnd,"
            + " CAST(emp AS BIGINT) employees, true AS is_latest FROM VALUES "
            + values
            + " AS t(tax_id, year, months, province_2004, province_2025, rev, ic, emp)");
  }

  static Dataset<Row> register(String values) {
    return spark.sql(
        "SELECT tax_id, substring(tax_id, 1, 10) parent_tax_id, vsic_code, section, CAST(core AS BOOLEAN)"
            + " ict_core, size_class, true AS is_latest FROM VALUES "
            + values
            + " AS t(tax_id, vsic_code, section, core,"
            + " size_class)");
  }

  static Dataset<Row> ecommerce(String values) {
    return spark.sql(
        "SELECT seller_ref, seller_type, seller_tax_id, CAST(year AS INT) year, province_2004, province_2025,"
            + " category, section, CAST(va_ratio AS DOUBLE) va_ratio, CAST(net AS BIGINT) net_vnd FROM VALUES "
            + values
            + " AS t(seller_ref, seller_type, seller_tax_id, year, province_2004, province_2025, category, section, va_ratio,"
            + " net)");
  }

  static Row one(Dataset<Row> d, String where) {
    List<Row> rows = d.where(where).collectAsList();
    assertEquals(1, rows.size(), where + " in " + d.collectAsList());
    return rows.get(0);
  }

  @Test
  void quarterlyHeadcountIsWeightedByTheMonthsItCovers() {
    // Q1-Q3 at 100 people, Q4 at 200: (3*100 + 3*100 + 3*100 + 3*200) / 12 = 125.
    // A monthly filer with 50 for six months and 70 for six: 60.
    Dataset<Row> d =
        declarations(
            "('A', 2024, 3, '24', '24', 30, 20, 100), ('A', 2024, 3, '24', '24', 30, 20, 100),"
                + " ('A', 2024, 3, '24', '24', 30, 20, 100), ('A', 2024, 3, '24', '24', 40, 25, 200),"
                + " ('M', 2024, 6, '27', '24', 60, 24, 50), ('M', 2024, 6, '27', '24', 60, 24, 70)");
    Dataset<Row> accounts =
        UnitAccounts.of(
            d, register("('A', '1071', 'C', false, 'medium'), ('M', '6201', 'J', true, 'small')"));
    Row a = one(accounts, "tax_id = 'A'");
    assertEquals(125.0, a.<Double>getAs("employees"), 1e-12);
    assertEquals(130L, a.<Long>getAs("revenue_vnd"));
    assertEquals(45L, a.<Long>getAs("va_vnd"));
    assertEquals(60.0, one(accounts, "tax_id = 'M'").<Double>getAs("employees"), 1e-12);
  }

  @Test
  void aUnitThatChangesCodeListInJulyHasOneAccountIn2025() {
    // June under the 2004 code 27, July under the 2025 code 24: one account in the 2025 province
    // 24.
    Dataset<Row> d =
        declarations(
            "('U', 2025, 1, '27', '24', 10, 4, 80), ('U', 2025, 1, NULL, '24', 10, 4, 80)");
    Dataset<Row> accounts = UnitAccounts.of(d, register("('U', '6201', 'J', true, 'small')"));
    Row u = one(accounts, "tax_id = 'U'");
    assertEquals("province_2025", u.getAs("geo_level"));
    assertEquals("24", u.getAs("province_code"));
    assertEquals(12L, u.<Long>getAs("va_vnd"));
  }

  @Test
  void digitalWeight() {
    // core: w = 1 whatever it sells online; B: 30/60 = 0.5; C: online above revenue, w = 1;
    // D: revenue 0, w = 0 and counted; E: refunds above sales, online net < 0, w = 0.
    Dataset<Row> d =
        declarations(
            "('K', 2024, 12, '27', '24', 100, 10, 5), ('B', 2024, 12, '27', '24', 60, 48, 3),"
                + " ('C', 2024, 12, '27', '24', 10, 5, 3), ('D', 2024, 12, '27', '24', 0, 12, 3), ('E', 2024, 12, '27', '24', 50, 5, 3)");
    Dataset<Row> reg =
        register(
            "('K', '6201', 'J', true, 'small'), ('B', '4771', 'G', false, 'micro'),"
                + " ('C', '4771', 'G', false, 'micro'), ('D', '4659', 'G', false, 'large'), ('E', '4771', 'G', false, 'micro')");
    Dataset<Row> online =
        ecommerce(
            "('B', 'enterprise', 'B', 2024, '27', '24', 'fashion', 'G', 0.12, 30),"
                + " ('C', 'enterprise', 'C', 2024, '27', '24', 'fashion', 'G', 0.12, 25),"
                + " ('D', 'enterprise', 'D', 2024, '27', '24', 'fashion', 'G', 0.12, 5),"
                + " ('E', 'enterprise', 'E', 2024, '27', '24', 'fashion', 'G', 0.12, -7)");
    Dataset<Row> w =
        DigitalWeight.of(UnitAccounts.of(d, reg), DigitalWeight.enterpriseOnlineNet(online, reg));
    assertEquals(1.0, one(w, "tax_id = 'K'").<Double>getAs("w"));
    assertEquals(0.5, one(w, "tax_id = 'B'").<Double>getAs("w"), 1e-12);
    assertEquals(1.0, one(w, "tax_id = 'C'").<Double>getAs("w"));
    Row dRow = one(w, "tax_id = 'D'");
    assertEquals(0.0, dRow.<Double>getAs("w"));
    assertTrue(dRow.<Boolean>getAs("revenue_nonpositive"));
    assertEquals(0.0, one(w, "tax_id = 'E'").<Double>getAs("w"));
    // digital VA = max(VA, 0) * w: B 12 * 0.5 = 6; D's VA is -12, floored at 0.
    Dataset<Row> dva = DigitalValueAdded.accounts(UnitAccounts.of(d, reg), w);
    assertEquals(6.0, one(dva, "tax_id = 'B'").<Double>getAs("digital_va_vnd"), 1e-12);
    assertEquals(0.0, one(dva, "tax_id = 'D'").<Double>getAs("digital_va_vnd"), 1e-12);
  }

  @Test
  void anEnterpriseSellerMatchingNoUnitCountsAsAHousehold() {
    // Registered enterprise R only sets its unit's w; unregistered X (food delivery, 0.30) and
    // household H (fashion, 0.12, net 9 + 1) are household online value added.
    Dataset<Row> reg = register("('R', '4771', 'G', false, 'micro')");
    Dataset<Row> online =
        ecommerce(
            "('R', 'enterprise', 'R', 2024, '27', '24', 'fashion', 'G', 0.12, 100),"
                + " ('X', 'enterprise', 'X', 2024, '24', '24', 'food_delivery', 'I', 0.30, 10),"
                + " ('p:h', 'household', NULL, 2024, '27', '24', 'fashion', 'G', 0.12, 9),"
                + " ('p:h', 'household', NULL, 2024, '27', '24', 'fashion', 'G', 0.12, 1),"
                + " ('p:n', 'individual', NULL, 2024, '27', '24', 'fashion', 'G', 0.12, -4)");
    Dataset<Row> hh = DigitalValueAdded.householdOnline(online, reg);
    assertEquals(0, hh.where("seller_ref = 'R'").count());
    assertEquals(3.0, one(hh, "seller_ref = 'X'").<Double>getAs("household_online_vnd"), 1e-12);
    assertEquals("I", one(hh, "seller_ref = 'X'").getAs("section"));
    assertEquals(1.2, one(hh, "seller_ref = 'p:h'").<Double>getAs("household_online_vnd"), 1e-12);
    assertEquals(0.0, one(hh, "seller_ref = 'p:n'").<Double>getAs("household_online_vnd"), 1e-12);
    Dataset<Row> counts =
        MethodologyCounts.of(
            spark.sql("SELECT 'R' tax_id, 2024 year, false revenue_nonpositive"), online, reg);
    assertEquals(
        1L, one(counts, "metric = 'enterprise_seller_years_unregistered'").<Long>getAs("value"));
  }

  @Test
  void aMergedProvinceIsARatioOfSumsNotAnAverageOfRatios() {
    // 2004 provinces 27 (DVA 79.2 of GRDP 1400) and 24 (16.8 of 690) merge into the 2025 province
    // 24:
    // 96 / 2090 = 4.593%, not the average of 5.657% and 2.435%.
    Dataset<Row> grdp =
        spark.sql(
            "SELECT CAST(year AS INT) year, province_code, 'province_2004' geo_level, sector,"
                + " CAST(g AS DOUBLE) grdp_current_bn_vnd, 'r1' release, true is_latest FROM VALUES"
                + " (2024, '27', 'J', 1350), (2024, '27', 'TSP', 50), (2024, '24', 'J', 700), (2024, '24', 'TSP', -10)"
                + " AS t(year, province_code, sector, g)");
    Dataset<Row> cells =
        spark.sql(
            "SELECT 'province_2004' geo_level, province_code, CAST(2024 AS INT) year, 'J' section,"
                + " CAST(0 AS DOUBLE) positive_va_vnd, CAST(c * 1e9 AS DOUBLE) core_ict_vnd, CAST(0 AS DOUBLE)"
                + " digitalised_enterprise_vnd, CAST(h * 1e9 AS DOUBLE) household_online_vnd FROM VALUES"
                + " ('27', 78.0, 1.2), ('24', 12.0, 4.8) AS t(province_code, c, h)");
    Dataset<Row> share =
        new DigitalEconomyShare(new Geographies(codes))
            .compute(grdp, cells, spark.sql("SELECT 2024 AS year"));
    Row merged =
        one(share, "geo_level = 'province_2025' AND province_code = '24' AND sector = 'ALL'");
    assertEquals(2090.0, merged.<Double>getAs("grdp_current_bn_vnd"), 1e-9);
    assertEquals(96.0, merged.<Double>getAs("digital_va_bn_vnd"), 1e-9);
    assertEquals(100 * 96.0 / 2090, merged.<Double>getAs("share_pct"), 1e-9);
    Row national = one(share, "geo_level = 'national' AND sector = 'J'");
    assertEquals(100 * 96.0 / 2050, national.<Double>getAs("share_pct"), 1e-9);
    assertEquals(
        5.657142857142857,
        one(share, "province_code = '27' AND geo_level = 'province_2004' AND sector = 'ALL'")
            .<Double>getAs("share_pct"),
        1e-9);
  }

  @Test
  void aMissingLatestValueMakesTheTotalNullNeverZero() {
    Dataset<Row> grdp =
        spark.sql(
            "SELECT CAST(2024 AS INT) year, province_code, 'province_2004' geo_level, sector,"
                + " CAST(g AS DOUBLE) grdp_current_bn_vnd, 'r1' release, true is_latest FROM VALUES"
                + " ('27', 'J', 100), ('27', 'C', NULL), ('24', 'J', 50) AS t(province_code, sector, g)");
    Dataset<Row> cells =
        spark.sql(
            "SELECT 'province_2004' geo_level, '27' province_code, CAST(2024 AS INT) year,"
                + " 'J' section, 0D positive_va_vnd, 1e9 core_ict_vnd, 0D digitalised_enterprise_vnd, 0D household_online_vnd");
    Dataset<Row> share =
        new DigitalEconomyShare(new Geographies(codes))
            .compute(grdp, cells, spark.sql("SELECT 2024 AS year"));
    Row all27 =
        one(share, "geo_level = 'province_2004' AND province_code = '27' AND sector = 'ALL'");
    assertNull(all27.getAs("share_pct"));
    assertEquals("grdp_missing", all27.getAs("quality_flags"));
    assertNull(
        one(share, "geo_level = 'national' AND sector = 'ALL'").getAs("grdp_current_bn_vnd"));
    assertEquals(
        50.0,
        one(share, "province_code = '24' AND geo_level = 'province_2004' AND sector = 'ALL'")
            .<Double>getAs("grdp_current_bn_vnd"),
        1e-12);
    assertEquals(
        1.0,
        one(share, "province_code = '27' AND geo_level = 'province_2004' AND sector = 'J'")
            .<Double>getAs("share_pct"),
        1e-12);
  }

  @Test
  void growthIsFlaggedAcrossASeriesBreak() {
    Dataset<Row> grdp =
        spark.sql(
            "SELECT CAST(year AS INT) year, '27' province_code, 'province_2004' geo_level, 'C' sector,"
                + " CAST(g AS DOUBLE) grdp_constant_2010_bn_vnd, 'r' release, true is_latest FROM VALUES (2020, 100), (2021, 110)"
                + " AS t(year, g)");
    Dataset<Row> emp =
        spark.sql(
            "SELECT CAST(year AS INT) year, '27' province_code, 'province_2004' geo_level, 'C' sector,"
                + " CAST(e AS DOUBLE) employed_thousands, 'r' release, true is_latest FROM VALUES (2020, 50), (2021, 50)"
                + " AS t(year, e)");
    Dataset<Row> lp =
        new LabourProductivity(new Geographies(codes), List.of(2021)).compute(grdp, emp);
    Row y2021 = one(lp, "geo_level = 'province_2004' AND sector = 'C' AND year = 2021");
    assertEquals(2.2, y2021.<Double>getAs("productivity_mn_vnd"), 1e-12);
    assertEquals(10.0, y2021.<Double>getAs("growth_pct"), 1e-9);
    assertTrue(y2021.<Boolean>getAs("series_break"));
    Row y2020 = one(lp, "geo_level = 'province_2004' AND sector = 'C' AND year = 2020");
    assertNull(y2020.getAs("growth_pct"));
    assertEquals(Boolean.FALSE, y2020.<Boolean>getAs("series_break"));
  }
}
