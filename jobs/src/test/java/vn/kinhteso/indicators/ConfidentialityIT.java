package vn.kinhteso.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.TinyPublishedLake;
import vn.kinhteso.config.ConfigKeys;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.conform.Codes;
import vn.kinhteso.lake.Lake;

/**
 * Methodology §8 on hand-made accounts (numbers worked out here), then on the tiny example's gold.
 */
class ConfidentialityIT {
  static SparkSession spark = SharedSpark.get();
  static Geographies geographies =
      new Geographies(new Codes(Reference.load(SharedSpark.config(Map.of()))));

  /**
   * Accounts at the level in force: tax_id, province (2004 list, 2024), section, digital VA in VND.
   */
  static Dataset<Row> accounts(String values) {
    return spark.sql(
        "SELECT tax_id, 'province_2004' geo_level, province_code, 2024 year, section,"
            + " CAST(dva AS DOUBLE) digital_va_vnd FROM VALUES "
            + values
            + " AS t(tax_id, province_code, section, dva)");
  }

  /** Share rows: the cell and its whole digital VA in billion VND. */
  static Dataset<Row> share(String values) {
    return spark.sql(
        "SELECT geo_level, province_code, 2024 year, sector, CAST(dva / 1e9 AS DOUBLE) digital_va_bn_vnd"
            + " FROM VALUES "
            + values
            + " AS t(geo_level, province_code, sector, dva)");
  }

  // 27/C: A 60, B 30, C 10 (and household 100 in the cell's DVA); 27/J: K 95, L 3, M 2; 27/G: Z has
  // digital VA 0 and only households contribute; 24/C: A 50 (the same unit A) and X 50.
  static final Dataset<Row> ACCOUNTS =
      accounts(
          "('A', '27', 'C', 60), ('B', '27', 'C', 30), ('C', '27', 'C', 10),"
              + " ('K', '27', 'J', 95), ('L', '27', 'J', 3), ('M', '27', 'J', 2), ('Z', '27', 'G', 0),"
              + " ('A', '24', 'C', 50), ('X', '24', 'C', 50)");
  static final Dataset<Row> SHARE =
      share(
          "('province_2004', '27', 'C', 200), ('province_2004', '27', 'J', 100),"
              + " ('province_2004', '27', 'G', 4), ('province_2004', '24', 'C', 100), ('province_2004', '27', 'ALL', 304),"
              + " ('province_2025', '24', 'C', 300), ('national', 'VN', 'C', 300), ('national', 'VN', 'ALL', 404)");

  static Row cell(Dataset<Row> d, String geo, String province, String sector) {
    List<Row> rows =
        d.where(
                String.format(
                    "geo_level = '%s' AND province_code = '%s' AND sector = '%s'",
                    geo, province, sector))
            .collectAsList();
    assertEquals(1, rows.size(), geo + " " + province + " " + sector);
    return rows.get(0);
  }

  @Test
  void unitsAndTheLargestUnitPerCell() {
    Dataset<Row> d = Confidentiality.defaults().flag(SHARE, ACCOUNTS, geographies).cache();
    assertEquals(SHARE.count(), d.count());
    Row c27 = cell(d, "province_2004", "27", "C");
    assertEquals(3L, c27.<Long>getAs("enterprise_units"));
    // Largest unit 60 of a DVA of 200 (households included): 30 %; of the enterprise part 60 %: not
    // dominant.
    assertEquals(30.0, c27.<Double>getAs("top_unit_share_pct"), 1e-9);
    assertFalse(c27.<Boolean>getAs("confidential"));
    Row j27 = cell(d, "province_2004", "27", "J");
    assertEquals(3L, j27.<Long>getAs("enterprise_units"));
    assertEquals(95.0, j27.<Double>getAs("top_unit_share_pct"), 1e-9);
    assertTrue(j27.<Boolean>getAs("confidential"), "95 % > 85 %: dominance");
    Row c24 = cell(d, "province_2004", "24", "C");
    assertEquals(2L, c24.<Long>getAs("enterprise_units"));
    assertTrue(c24.<Boolean>getAs("confidential"), "2 units < 3");
    Row g27 = cell(d, "province_2004", "27", "G");
    assertEquals(
        0L, g27.<Long>getAs("enterprise_units"), "a unit with digital VA 0 contributes nothing");
    assertNull(g27.getAs("top_unit_share_pct"));
    assertFalse(g27.<Boolean>getAs("confidential"), "no enterprise figure in the cell");
    // ALL of 27: six units, the largest K 95 of 200 enterprise VA, 95/304 of the DVA.
    Row all27 = cell(d, "province_2004", "27", "ALL");
    assertEquals(6L, all27.<Long>getAs("enterprise_units"));
    assertEquals(100.0 * 95 / 304, all27.<Double>getAs("top_unit_share_pct"), 1e-9);
    assertFalse(all27.<Boolean>getAs("confidential"));
  }

  @Test
  void largerGeographiesSumAUnitsAccountsFirst() {
    Dataset<Row> d = Confidentiality.defaults().flag(SHARE, ACCOUNTS, geographies).cache();
    // 27 and 24 merged into the 2025 province 24: A (60 + 50) counts once, the largest with 110 of
    // 300.
    Row c24new = cell(d, "province_2025", "24", "C");
    assertEquals(4L, c24new.<Long>getAs("enterprise_units"));
    assertEquals(100.0 * 110 / 300, c24new.<Double>getAs("top_unit_share_pct"), 1e-9);
    assertFalse(c24new.<Boolean>getAs("confidential"));
    assertEquals(4L, cell(d, "national", "VN", "C").<Long>getAs("enterprise_units"));
    Row all = cell(d, "national", "VN", "ALL");
    assertEquals(7L, all.<Long>getAs("enterprise_units"));
    assertEquals(100.0 * 110 / 404, all.<Double>getAs("top_unit_share_pct"), 1e-9);
  }

  @Test
  void thresholdsComeFromConf() {
    Confidentiality strict =
        Confidentiality.of(
            SharedSpark.config(
                Map.of(
                    ConfigKeys.CONFIDENTIALITY_MIN_UNITS.name(),
                    "4",
                    ConfigKeys.CONFIDENTIALITY_MAX_TOP_SHARE.name(),
                    "50")));
    Dataset<Row> d = strict.flag(SHARE, ACCOUNTS, geographies).cache();
    assertTrue(cell(d, "province_2004", "27", "C").<Boolean>getAs("confidential"), "3 units < 4");
    assertTrue(
        cell(d, "province_2025", "24", "C").<Boolean>getAs("confidential"),
        "110 of 200 enterprise VA > 50 %");
    assertFalse(
        cell(d, "national", "VN", "ALL").<Boolean>getAs("confidential"),
        "7 units, 110 of 304 < 50 %");
    Confidentiality conf = Confidentiality.of(SharedSpark.config(Map.of()));
    assertEquals(3, conf.minUnits());
    assertEquals(85.0, conf.maxTopSharePct());
    assertThrows(
        PipelineConfig.ConfigException.class,
        () ->
            Confidentiality.of(
                SharedSpark.config(
                    Map.of(ConfigKeys.CONFIDENTIALITY_MAX_TOP_SHARE.name(), "185"))));
  }

  @Test
  void tinyExampleGold() {
    TinyPublishedLake tiny = TinyPublishedLake.get();
    Dataset<Row> gold =
        new Lake(spark, tiny.lake.toString())
            .read("gold", "digital_economy_share")
            .where("year = 2024")
            .cache();
    // 27/J 2024: U1 alone (72 core, no household seller in J of 27).
    Row j27 = cell(gold, "province_2004", "27", "J");
    assertEquals(1L, j27.<Long>getAs("enterprise_units"));
    assertEquals(100.0, j27.<Double>getAs("top_unit_share_pct"), 1e-9);
    assertTrue(j27.<Boolean>getAs("confidential"));
    // 24/I 2024: only the unregistered enterprise seller, a household component: nothing to
    // protect.
    Row i24 = cell(gold, "province_2004", "24", "I");
    assertEquals(0L, i24.<Long>getAs("enterprise_units"));
    assertFalse(i24.<Boolean>getAs("confidential"));
    // The nation's ALL: U1 72, U1-001 12, U2 6 = three units, the largest 72 of 90 = 80 % <= 85 %.
    Row all = cell(gold, "national", "VN", "ALL");
    assertEquals(3L, all.<Long>getAs("enterprise_units"));
    assertFalse(all.<Boolean>getAs("confidential"));
    assertEquals(100.0 * 72 / 96, all.<Double>getAs("top_unit_share_pct"), 1e-9);
    // New 24 in 2024, J: U1 and its branch U1-001 are two tax ids, two units.
    Row j24new = cell(gold, "province_2025", "24", "J");
    assertEquals(2L, j24new.<Long>getAs("enterprise_units"));
    assertTrue(j24new.<Boolean>getAs("confidential"));
  }
}
