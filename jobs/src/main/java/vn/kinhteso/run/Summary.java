package vn.kinhteso.run;

import static org.apache.spark.sql.functions.col;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.kinhteso.config.Reference;
import vn.kinhteso.conform.Codes;
import vn.kinhteso.indicators.GoldTables;
import vn.kinhteso.lake.Lake;
import vn.kinhteso.publish.PublishedGold;

/** The few headline numbers printed after a run: what gold now says. */
final class Summary {
  private Summary() {}

  static void print(SparkSession spark, Lake lake, Reference ref, PrintStream out) {
    PublishedGold gold = PublishedGold.of(lake);
    if (!gold.has(GoldTables.DIGITAL_ECONOMY_SHARE)) {
      return;
    }
    Dataset<Row> share =
        gold.read(GoldTables.DIGITAL_ECONOMY_SHARE).where(col("sector").equalTo("ALL"));
    // A handful of rows: the headline, fine on the driver.
    List<Row> national =
        share
            .where(col("geo_level").equalTo(Codes.NATIONAL))
            .orderBy("year")
            .select(
                "year",
                "share_pct",
                "core_ict_bn_vnd",
                "digitalised_enterprise_bn_vnd",
                "household_online_bn_vnd",
                "grdp_current_bn_vnd",
                "grdp_release")
            .collectAsList();
    out.println();
    out.println(
        "Published gold ("
            + lake.path(Lake.GOLD, "")
            + ", run "
            + gold.runId().orElseThrow()
            + ")");
    out.println("  Digital economy, share of GDP (national):");
    for (Row r : national) {
      out.printf(
          Locale.ROOT,
          "    %d  %6s %%   core ICT %s bn, digitalised %s bn, household online %s bn, of GDP %s bn  [%s]%n",
          r.getInt(0),
          pct(r, 1),
          bn(r, 2),
          bn(r, 3),
          bn(r, 4),
          bn(r, 5),
          r.get(6));
    }
    if (national.isEmpty()) {
      return;
    }
    int latest = national.get(national.size() - 1).getInt(0);
    List<Row> top =
        share
            .where(
                col("geo_level")
                    .equalTo(Codes.PROVINCE_2025)
                    .and(col("year").equalTo(latest))
                    .and(col("share_pct").isNotNull()))
            .orderBy(col("share_pct").desc())
            .limit(5)
            .select("province_code", "share_pct", "coverage_pct")
            .collectAsList();
    out.printf(Locale.ROOT, "  Highest shares in %d (2025 provinces):%n", latest);
    for (Row r : top) {
      out.printf(
          "    %s %-18s %6s %%  (enterprise coverage %s %%)%n",
          r.getString(0),
          ref.provinces2025().getOrDefault(r.getString(0), "?"),
          pct(r, 1),
          pct(r, 2));
    }
    if (gold.has(GoldTables.LABOUR_PRODUCTIVITY)) {
      List<Row> lp =
          gold.read(GoldTables.LABOUR_PRODUCTIVITY)
              .where(col("geo_level").equalTo(Codes.NATIONAL).and(col("sector").equalTo("ALL")))
              .orderBy("year")
              .select("year", "productivity_mn_vnd", "growth_pct", "series_break")
              .collectAsList();
      out.println("  Labour productivity (national, million VND per worker, growth %):");
      StringBuilder line = new StringBuilder("   ");
      for (Row r : lp) {
        line.append(
            String.format(
                Locale.ROOT,
                " %d: %s (%s%%%s)",
                r.getInt(0),
                num(r, 1),
                num(r, 2),
                r.getBoolean(3) ? ", series break" : ""));
      }
      out.println(line);
    }
    out.println(
        "  Query: bin/kinhteso sql \"SELECT * FROM gold.digital_economy_share WHERE geo_level = 'national'\"");
  }

  private static String pct(Row r, int i) {
    return r.isNullAt(i)
        ? "null"
        : String.format(Locale.ROOT, "%.2f", ((Number) r.get(i)).doubleValue());
  }

  private static String bn(Row r, int i) {
    return r.isNullAt(i)
        ? "null"
        : String.format(Locale.ROOT, "%,.0f", ((Number) r.get(i)).doubleValue());
  }

  private static String num(Row r, int i) {
    return r.isNullAt(i)
        ? "-"
        : String.format(Locale.ROOT, "%.1f", ((Number) r.get(i)).doubleValue());
  }
}
