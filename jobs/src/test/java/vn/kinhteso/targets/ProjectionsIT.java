package vn.kinhteso.targets;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

/**
 * The back-test picks the model where the truth is a trend and a baseline where it is noise;
 * comparators as written.
 */
class ProjectionsIT {
  static SparkSession spark = SharedSpark.get();
  static final StructType OBS =
      new StructType()
          .add("geo_level", DataTypes.StringType)
          .add("province_code", DataTypes.StringType)
          .add("indicator", DataTypes.StringType)
          .add("year", DataTypes.IntegerType)
          .add("value", DataTypes.DoubleType)
          .add("section", DataTypes.StringType)
          .add("release", DataTypes.StringType);

  /** 30 provinces, 2016-2024: level + slope × year + Gaussian noise. */
  static Dataset<Row> series(String indicator, double slope, double noise, long seed) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int p = 0; p < 30; p++) {
      double level = 20 + r.nextDouble() * 20;
      for (int y = 2016; y <= 2024; y++) {
        rows.add(
            RowFactory.create(
                "province_2004",
                String.format(Locale.ROOT, "%02d", p + 1),
                indicator,
                y,
                level + slope * (y - 2016) + noise * r.nextGaussian(),
                null,
                null));
      }
    }
    return spark.createDataFrame(rows, OBS);
  }

  static Map<String, Object> chosen(Projections.Result res, String indicator) {
    List<Row> bt = res.backtest().where(col("indicator").equalTo(indicator)).collectAsList();
    assertEquals(2, bt.size(), "horizons 1 and 2");
    Row h1 = bt.stream().filter(r -> r.<Integer>getAs("horizon") == 1).findFirst().orElseThrow();
    System.out.println(indicator + " back-test: " + bt);
    return Map.of(
        "method",
        h1.getAs("method"),
        "model",
        h1.getAs("mae_model_pct"),
        "last",
        h1.getAs("mae_last_value_pct"),
        "change",
        h1.getAs("mae_last_value_plus_change_pct"),
        "reason",
        h1.getAs("reason"));
  }

  @Test
  void aTrendIsLeftToTheModelAndNoiseToABaseline() {
    Dataset<Row> obs = series("trend", 0.8, 0.3, 1).unionByName(series("noise", 0.0, 1.0, 2));
    Projections.Result res =
        new Projections(Projections.Settings.defaults()).compute(obs, List.of(2025, 2030));
    Map<String, Object> trend = chosen(res, "trend");
    assertEquals(Projections.MODEL, trend.get("method"), trend.toString());
    assertTrue((double) trend.get("model") < (double) trend.get("last"));
    assertTrue((double) trend.get("model") < (double) trend.get("change"));
    Map<String, Object> noise = chosen(res, "noise");
    assertTrue(
        List.of(Projections.LAST_VALUE, Projections.LAST_CHANGE).contains(noise.get("method")),
        noise.toString());
    assertTrue(
        ((String) noise.get("reason")).contains("model does not beat the baselines"),
        noise.toString());

    // Projections to both target years, each with an interval that widens with the horizon.
    List<Row> p =
        res.projections()
            .where(col("indicator").equalTo("trend").and(col("province_code").equalTo("01")))
            .orderBy("year")
            .collectAsList();
    assertEquals(2, p.size());
    Row y2025 = p.get(0);
    Row y2030 = p.get(1);
    assertEquals(Projections.MODEL, y2025.getAs("method"));
    assertNotNull(y2025.getAs("projected_low"));
    double w1 = y2025.<Double>getAs("projected_high") - y2025.<Double>getAs("projected_low");
    double w6 = y2030.<Double>getAs("projected_high") - y2030.<Double>getAs("projected_low");
    assertTrue(w6 > w1 * 2, w1 + " then " + w6);
    // The truth of 2030 is the last value plus six years of slope: inside the interval.
    double last = y2030.getAs("last_value");
    assertTrue(
        y2030.<Double>getAs("projected_low") < last + 6 * 0.8
            && last + 6 * 0.8 < y2030.<Double>getAs("projected_high"),
        y2030.toString());
  }

  @Test
  void comparatorsAreAppliedAsWritten() {
    Reference ref = Reference.load(SharedSpark.config(Map.of()));
    List<Target> targets =
        List.of(
            new Target(
                "GE",
                "p",
                null,
                "VN",
                Indicators.DIGITAL_ECONOMY_SHARE,
                Target.Comparator.AT_LEAST,
                20,
                2024,
                null,
                null,
                "d"),
            new Target(
                "GT",
                "p",
                null,
                "VN",
                Indicators.DIGITAL_ECONOMY_SHARE,
                Target.Comparator.ABOVE,
                20,
                2024,
                null,
                null,
                "d"),
            new Target(
                "GT-LOW",
                "p",
                null,
                "VN",
                Indicators.DIGITAL_ECONOMY_SHARE,
                Target.Comparator.ABOVE,
                19.99,
                2024,
                null,
                null,
                "d"),
            new Target(
                "FUTURE",
                "p",
                null,
                "VN",
                Indicators.DIGITAL_ECONOMY_SHARE,
                Target.Comparator.AT_LEAST,
                25,
                2030,
                null,
                null,
                "d"),
            new Target(
                "NONE",
                "p",
                null,
                "VN",
                "econtract_enterprises_pct",
                Target.Comparator.ABOVE,
                80,
                2025,
                null,
                "an enterprise survey",
                "d"));
    Dataset<Row> obs =
        spark.createDataFrame(
            List.of(
                RowFactory.create(
                    "national", "VN", Indicators.DIGITAL_ECONOMY_SHARE, 2023, 19.0, null, "r"),
                RowFactory.create(
                    "national", "VN", Indicators.DIGITAL_ECONOMY_SHARE, 2024, 20.0, null, "r")),
            OBS);
    Dataset<Row> projections =
        spark.createDataFrame(
            List.of(
                RowFactory.create(
                    "national",
                    "VN",
                    2030,
                    Indicators.DIGITAL_ECONOMY_SHARE,
                    2024,
                    20.0,
                    6,
                    Projections.LAST_CHANGE,
                    26.0,
                    24.0,
                    28.0,
                    26.0,
                    26.0,
                    "r")),
            new StructType()
                .add("geo_level", "string")
                .add("province_code", "string")
                .add("year", "int")
                .add("indicator", "string")
                .add("last_year", "int")
                .add("last_value", "double")
                .add("horizon", "int")
                .add("method", "string")
                .add("projected_value", "double")
                .add("projected_low", "double")
                .add("projected_high", "double")
                .add("model_value", "double")
                .add("last_value_plus_change_value", "double")
                .add("reason", "string"));
    Map<String, String> status = new java.util.HashMap<>();
    Scorecard.compute(Scorecard.targetRows(spark, targets, ref), obs, projections, ref.sections())
        .collectAsList()
        .forEach(r -> status.put(r.getAs("target_id"), r.getAs("status")));
    assertEquals(Scorecard.MET, status.get("GE"), ">= meets at equality");
    assertEquals(Scorecard.NOT_MET, status.get("GT"), "> does not meet at equality");
    assertEquals(Scorecard.MET, status.get("GT-LOW"));
    assertEquals(Scorecard.AT_RISK, status.get("FUTURE"), "an interval [24, 28] straddling 25");
    assertEquals(Scorecard.NOT_MEASURABLE, status.get("NONE"));
  }
}
