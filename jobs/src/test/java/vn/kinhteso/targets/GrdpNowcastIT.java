package vn.kinhteso.targets;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.config.Reference;
import vn.kinhteso.conform.Codes;

/**
 * A zone whose last year has declarations but no GRDP gets provisional shares, from a regression
 * that beats the baselines when GRDP does follow the declared value added; once that GRDP is
 * delivered, the provisional rows of the year are gone.
 */
class GrdpNowcastIT {
  static SparkSession spark = SharedSpark.get();
  static Codes codes = new Codes(Reference.load(SharedSpark.config(Map.of())));
  static final List<String> PROVINCES =
      List.of(
          "01", "02", "04", "06", "08", "10", "11", "12", "14", "15", "17", "19", "20", "22", "25",
          "30", "31", "33", "38", "40");
  static final List<String> SECTIONS = List.of("C", "G", "J");

  record Zone(
      Dataset<Row> grdp,
      Dataset<Row> accounts,
      Dataset<Row> cells,
      Dataset<Row> years,
      Map<String, Double> truth2024) {}

  /**
   * GRDP grows like declared value added (elasticity 0.9) plus a little noise; 2024 GRDP delivered
   * or not.
   */
  static Zone zone(boolean with2024) {
    Random r = new Random(17);
    List<Row> grdp = new ArrayList<>();
    List<Row> accounts = new ArrayList<>();
    List<Row> cells = new ArrayList<>();
    Map<String, Double> truth = new java.util.HashMap<>();
    for (String p : PROVINCES) {
      for (String s : SECTIONS) {
        double g = 1000 + 4000 * r.nextDouble();
        double va = g * 0.4e9;
        double emp = 1000 + 5000 * r.nextDouble();
        for (int y = 2019; y <= 2024; y++) {
          if (y > 2019) {
            double growth = -0.05 + 0.25 * r.nextDouble();
            va *= Math.exp(growth);
            emp *= Math.exp(0.3 * growth + 0.02 * r.nextGaussian());
            g *= Math.exp(0.01 + 0.9 * growth + 0.005 * r.nextGaussian());
          }
          if (y < 2024 || with2024) {
            grdp.add(
                RowFactory.create("province_2004", p, y, s, g, y + 1 + "-09-30-official", true));
          }
          if (y == 2024) {
            truth.put(p + "|" + s, g);
          }
          accounts.add(RowFactory.create("province_2004", p, y, s, (long) va, emp));
          cells.add(RowFactory.create("province_2004", p, y, s, va, va * 0.05, va * 0.02, 0.0));
        }
      }
      for (int y = 2019; y <= (with2024 ? 2024 : 2023); y++) {
        grdp.add(
            RowFactory.create(
                "province_2004", p, y, "TSP", 300.0, y + 1 + "-09-30-official", true));
      }
    }
    StructType gs =
        new StructType()
            .add("geo_level", "string")
            .add("province_code", "string")
            .add("year", "int")
            .add("sector", "string")
            .add("grdp_current_bn_vnd", "double")
            .add("release", "string")
            .add("is_latest", "boolean");
    StructType as =
        new StructType()
            .add("geo_level", "string")
            .add("province_code", "string")
            .add("year", "int")
            .add("section", "string")
            .add("positive_va_vnd", "long")
            .add("employees", "double");
    StructType cs =
        new StructType()
            .add("geo_level", "string")
            .add("province_code", "string")
            .add("year", "int")
            .add("section", "string")
            .add("positive_va_vnd", "double")
            .add("core_ict_vnd", "double")
            .add("digitalised_enterprise_vnd", "double")
            .add("household_online_vnd", "double");
    List<Row> years = new ArrayList<>();
    for (int y = 2019; y <= 2024; y++) {
      years.add(RowFactory.create(y));
    }
    return new Zone(
        spark.createDataFrame(grdp, gs),
        spark.createDataFrame(accounts, as),
        spark.createDataFrame(cells, cs),
        spark.createDataFrame(years, new StructType().add("year", DataTypes.IntegerType)),
        truth);
  }

  @Test
  void provisionalSharesUntilTheGrdpIsDeliveredThenNone() {
    GrdpNowcast nowcast = new GrdpNowcast(codes, Projections.Settings.defaults());
    Zone before = zone(false);
    GrdpNowcast.Result first =
        nowcast.compute(before.grdp(), before.accounts(), before.cells(), before.years());
    List<Row> rows = first.shares().collectAsList();
    // Every province of 2024, its three sections and ALL; nothing for the years with GRDP.
    assertEquals(PROVINCES.size() * (SECTIONS.size() + 1), rows.size());
    assertTrue(
        rows.stream()
            .allMatch(
                r ->
                    r.<Integer>getAs("year") == 2024
                        && GrdpNowcast.PROVISIONAL.equals(r.getAs("status"))));
    List<Row> bt = first.backtest().collectAsList();
    System.out.println("nowcast back-test: " + bt);
    assertEquals(GrdpNowcast.MODEL, bt.get(0).getAs("method"), bt.get(0).<String>getAs("reason"));
    for (Row r : rows) {
      if (r.getAs("sector").equals("ALL")) {
        continue;
      }
      double truth = before.truth2024().get(r.getAs("province_code") + "|" + r.getAs("sector"));
      double estimate = r.getAs("grdp_current_bn_vnd");
      assertTrue(Math.abs(estimate / truth - 1) < 0.03, r + " vs " + truth);
      assertTrue(
          r.<Double>getAs("ci_low_pct") < r.<Double>getAs("share_pct")
              && r.<Double>getAs("share_pct") < r.<Double>getAs("ci_high_pct"));
    }
    Zone after = zone(true);
    long left =
        nowcast
            .compute(after.grdp(), after.accounts(), after.cells(), after.years())
            .shares()
            .where(col("year").equalTo(2024))
            .count();
    assertEquals(0, left, "the release replaces the provisional rows");
  }
}
