package vn.kinhteso.targets;

import static org.apache.spark.sql.functions.col;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.kinhteso.config.PipelineConfig.ConfigException;
import vn.kinhteso.lake.Lake;
import vn.kinhteso.publish.PublishedGold;

/**
 * {@code bin/kinhteso scorecard}: the published scorecard grouped by the province each target is
 * evaluated on, in Vietnamese, coloured by status in a terminal only, then the back-test errors.
 */
public final class ScorecardReport {
  private static final Map<String, String> LABEL =
      Map.of(
          Scorecard.MET,
          "Đạt",
          Scorecard.NOT_MET,
          "Không đạt",
          Scorecard.ON_TRACK,
          "Đúng hướng",
          Scorecard.AT_RISK,
          "Có nguy cơ",
          Scorecard.OFF_TRACK,
          "Chệch hướng",
          Scorecard.NOT_MEASURABLE,
          "Không đo được");
  private static final Map<String, String> COLOUR =
      Map.of(
          Scorecard.MET,
          "\u001b[32m",
          Scorecard.NOT_MET,
          "\u001b[31m",
          Scorecard.ON_TRACK,
          "\u001b[36m",
          Scorecard.AT_RISK,
          "\u001b[33m",
          Scorecard.OFF_TRACK,
          "\u001b[35m",
          Scorecard.NOT_MEASURABLE,
          "\u001b[90m");
  private static final String RESET = "\u001b[0m";
  private static final Map<String, String> LEVEL =
      Map.of(
          Scorecard.NATIONAL,
          "toàn quốc",
          Scorecard.PROVINCE_2025,
          "tỉnh 2025",
          Scorecard.PROVINCE_2004,
          "tỉnh 2004");

  private ScorecardReport() {}

  /**
   * @param province a plan's 2004 code or an evaluated province code (VN for the national targets),
   *     or null for all
   * @param colour ANSI colours (only when writing to a terminal)
   */
  public static void print(Lake lake, String province, boolean colour, PrintStream out) {
    PublishedGold gold = PublishedGold.of(lake);
    if (!gold.has(TargetTables.SCORECARD)) {
      throw new ConfigException(
          "Cannot print the scorecard: no gold."
              + TargetTables.SCORECARD
              + " under "
              + lake.root()
              + " (run bin/kinhteso nightly first)");
    }
    Dataset<Row> card = gold.read(TargetTables.SCORECARD);
    if (province != null) {
      card =
          card.where(
              col("plan_province_code")
                  .equalTo(province)
                  .or(col("evaluated_province_code").equalTo(province)));
    }
    List<Row> rows =
        card.orderBy(
                col("evaluated_geo_level").desc(),
                col("evaluated_province_code"),
                col("target_year"),
                col("target_id"))
            .collectAsList();
    if (rows.isEmpty()) {
      throw new ConfigException(
          "Cannot print the scorecard: no target of province "
              + province
              + " (use a plan's 2004 code, a 2025 code, or VN)");
    }
    Map<String, List<Row>> byGeography = new LinkedHashMap<>();
    for (Row r : rows) {
      byGeography
          .computeIfAbsent(
              r.getAs("evaluated_geo_level") + "|" + r.getAs("evaluated_province_code"),
              k -> new ArrayList<>())
          .add(r);
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    Scorecard.STATUSES.forEach(s -> counts.put(s, 0));
    out.println("Mục tiêu kinh tế số theo kế hoạch (gold." + TargetTables.SCORECARD + ")");
    for (List<Row> group : byGeography.values()) {
      Row first = group.get(0);
      List<String> plans = new ArrayList<>();
      for (Row r : group) {
        String p =
            r.getAs("plan_province_name")
                + (Indicators.NATIONAL_CODE.equals(r.getAs("plan_province_code"))
                    ? ""
                    : " (" + r.getAs("plan_province_code") + ")");
        if (!plans.contains(p)) {
          plans.add(p);
        }
      }
      out.println();
      out.printf(
          "%s — %s, mã %s; kế hoạch của %s%n",
          first.getAs("evaluated_province_name"),
          LEVEL.getOrDefault(
              first.<String>getAs("evaluated_geo_level"), first.getAs("evaluated_geo_level")),
          first.getAs("evaluated_province_code"),
          String.join(", ", plans));
      for (Row r : group) {
        String status = r.getAs("status");
        counts.merge(status, 1, Integer::sum);
        String label = String.format("%-14s", LABEL.get(status));
        out.printf(
            Locale.ROOT,
            "  %s %-18s %s %s %s năm %d%n",
            colour ? COLOUR.get(status) + label + RESET : label,
            r.getAs("target_id"),
            r.getAs("description_vi"),
            r.getAs("comparator"),
            number(r.getAs("target_value")),
            r.<Integer>getAs("target_year"));
        StringBuilder line = new StringBuilder("      ");
        if (r.getAs("latest_value") != null) {
          line.append("số liệu ")
              .append(r.<Integer>getAs("latest_year"))
              .append(": ")
              .append(number(r.getAs("latest_value")));
        } else {
          line.append("không có số liệu");
        }
        if (r.getAs("projected_value") != null) {
          line.append("   dự báo ")
              .append(r.<Integer>getAs("target_year"))
              .append(": ")
              .append(number(r.getAs("projected_value")));
          if (r.getAs("projected_low") != null) {
            line.append(" [")
                .append(number(r.getAs("projected_low")))
                .append(" – ")
                .append(number(r.getAs("projected_high")))
                .append("]");
          }
        }
        out.println(line);
        out.println("      " + r.getAs("note"));
      }
    }
    out.println();
    StringBuilder total = new StringBuilder("Tổng: ");
    counts.forEach(
        (s, n) -> {
          if (n > 0) {
            total.append(LABEL.get(s)).append(' ').append(n).append("  ");
          }
        });
    out.println(total.toString().stripTrailing() + "  (" + rows.size() + " mục tiêu)");
    printBacktest(gold, out);
  }

  private static void printBacktest(PublishedGold gold, PrintStream out) {
    if (!gold.has(TargetTables.BACKTEST)) {
      return;
    }
    List<Row> bt =
        gold.read(TargetTables.BACKTEST)
            .orderBy("indicator", "geo_level", "horizon")
            .collectAsList();
    out.println();
    out.println(
        "Kiểm định lùi (rolling origin), sai số tuyệt đối trung bình, % của mức chuỗi (gold."
            + TargetTables.BACKTEST
            + "):");
    out.printf(
        "  %-30s %-14s %2s %6s %8s %8s %8s  %s%n",
        "indicator", "geo_level", "h", "n", "model", "last", "last+Δ", "used");
    for (Row r : bt) {
      out.printf(
          Locale.ROOT,
          "  %-30s %-14s %2d %6d %8.2f %8.2f %8.2f  %s%n",
          r.getAs("indicator"),
          r.getAs("geo_level"),
          r.<Integer>getAs("horizon"),
          r.<Long>getAs("forecasts"),
          r.<Double>getAs("mae_model_pct"),
          r.<Double>getAs("mae_last_value_pct"),
          r.<Double>getAs("mae_last_value_plus_change_pct"),
          r.getAs("method"));
    }
  }

  private static String number(Object v) {
    double d = ((Number) v).doubleValue() + 0.0;
    if (Math.abs(d) < 0.005) {
      d = 0.0; // no "-0.00"
    }
    return Math.abs(d) >= 100
        ? String.format(Locale.ROOT, "%,.0f", d)
        : String.format(Locale.ROOT, "%.2f", d);
  }
}
