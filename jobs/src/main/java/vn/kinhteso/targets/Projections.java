package vn.kinhteso.targets;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * Methodology §7, projections: every series (geography, province, indicator) carried to the target
 * years from its own history and from the other provinces of its geography.
 *
 * <p>The model is a drift: the yearly change of a series, relative to its mean level, is the common
 * drift of its group (same indicator and geography, same origin year) plus a province effect that a
 * ridge penalty shrinks towards 0 (as if each province had {@code pooling} more years of the common
 * drift). The province effects of every group and every origin are one MLlib {@link
 * LinearRegression} on one-hot series indicators, fitted once for the whole job.
 *
 * <p>Rolling-origin back-test: from every origin t with at least one change before it, each method
 * forecasts t+1 and t+2; its error is compared with two baselines, the last value carried forward
 * and the last value plus the series' average yearly change. The model is used for a group only
 * when its mean absolute error is below the better baseline's by at least {@code minImprovement};
 * otherwise that baseline is, and the rows say which and why. The interval is the forecast ± z ×
 * the chosen method's back-test RMSE at that horizon (linear in the horizon beyond the horizons
 * tested), so it is as wide as the method's past errors.
 */
public final class Projections {
  public static final String MODEL = "pooled_drift_model";
  public static final String LAST_VALUE = "last_value";
  public static final String LAST_CHANGE = "last_value_plus_average_change";
  static final int[] HORIZONS = {1, 2};

  /**
   * @param pooling pseudo-years of common drift each province effect is shrunk with
   */
  public record Settings(double pooling, double minImprovement, double z) {
    public static Settings defaults() {
      return new Settings(2.0, 0.05, 1.96);
    }
  }

  /** The projections to the target years and the back-test errors per group and horizon. */
  public record Result(Dataset<Row> projections, Dataset<Row> backtest) {}

  private final Settings settings;

  public Projections(Settings settings) {
    this.settings = settings;
  }

  /**
   * @param observations geo_level, province_code, indicator, year, value (see {@link Observations})
   * @param targetYears years to project to (a series is projected to each year after its last)
   */
  public Result compute(Dataset<Row> observations, List<Integer> targetYears) {
    Dataset<Row> obs =
        observations
            .where(col("value").isNotNull())
            .select(
                col("geo_level"),
                col("province_code"),
                col("indicator"),
                col("year").cast("int").as("year"),
                col("value"))
            .withColumn(
                "series",
                functions.concat_ws("|", col("geo_level"), col("province_code"), col("indicator")))
            // Read by every step below: computed once, lineage cut so their plans stay small.
            .localCheckpoint(true);
    Dataset<Row> bySeries = obs.select("series", "year", "value");
    org.apache.spark.sql.expressions.WindowSpec inSeries =
        Window.partitionBy("series").orderBy("year");
    Dataset<Row> changes =
        bySeries
            .withColumn("_py", functions.lag("year", 1).over(inSeries))
            .withColumn("_pv", functions.lag("value", 1).over(inSeries))
            .where(col("_py").isNotNull())
            .select(
                col("series"),
                col("year").as("change_year"),
                col("value").minus(col("_pv")).divide(col("year").minus(col("_py"))).as("change"));
    // An origin is a (series, year t) with at least one change up to t.
    Dataset<Row> origins =
        obs.withColumn("_first", functions.min("year").over(Window.partitionBy("series")))
            .where(col("year").gt(col("_first")))
            .select(
                col("series"),
                col("geo_level"),
                col("province_code"),
                col("indicator"),
                col("year").as("origin"),
                col("value").as("origin_value"));
    Dataset<Row> scale =
        origins
            .select("series", "origin")
            .join(bySeries, "series")
            .where(col("year").leq(col("origin")))
            .groupBy("series", "origin")
            .agg(functions.avg(functions.abs(col("value"))).as("_level"))
            .withColumn("scale", when(col("_level").gt(0), col("_level")).otherwise(lit(1.0)))
            .drop("_level");
    Dataset<Row> training =
        origins
            .join(scale, new String[] {"series", "origin"})
            .join(changes, "series")
            .where(col("change_year").leq(col("origin")))
            .withColumn(
                "group_key",
                functions.concat_ws(
                    "|", col("geo_level"), col("indicator"), col("origin").cast("string")))
            .withColumn(
                "fit_key", functions.concat_ws("|", col("series"), col("origin").cast("string")))
            .withColumn("z", col("change").divide(col("scale")));
    Dataset<Row> common = training.groupBy("group_key").agg(functions.avg("z").as("common_drift"));
    Dataset<Row> fit =
        training
            .join(common, "group_key")
            .withColumn("residual", col("z").minus(col("common_drift")))
            .localCheckpoint(true);
    Dataset<Row> effects = provinceEffects(fit);

    Dataset<Row> perOrigin =
        fit.groupBy(
                "series",
                "origin",
                "geo_level",
                "province_code",
                "indicator",
                "origin_value",
                "scale",
                "fit_key",
                "common_drift")
            .agg(
                functions.avg("change").as("average_change"), functions.count(lit(1)).as("changes"))
            .join(effects, "fit_key")
            .withColumn(
                "model_drift",
                col("common_drift").plus(col("province_effect")).multiply(col("scale")));

    Dataset<Row> backtest = backtest(perOrigin, bySeries);
    Dataset<Row> projections = project(obs, perOrigin, backtest, targetYears);
    return new Result(projections, backtest);
  }

  /**
   * The shrunk province effect of every (series, origin): one ridge regression for the whole job.
   */
  private Dataset<Row> provinceEffects(Dataset<Row> fit) {
    Row moments = fit.agg(functions.count(lit(1)), functions.stddev_pop("residual")).head();
    long n = moments.getLong(0);
    if (n == 0) {
      return fit.sparkSession()
          .createDataFrame(
              List.of(),
              new org.apache.spark.sql.types.StructType()
                  .add("fit_key", "string")
                  .add("province_effect", "double"));
    }
    double sd = moments.isNullAt(1) || moments.getDouble(1) == 0 ? 1.0 : moments.getDouble(1);
    // MLlib penalises regParam / sd(label) on the unscaled problem: this makes each effect
    // Σ residual / (changes + pooling), the effect of `pooling` extra years at the common drift.
    LinearRegression ridge =
        new LinearRegression()
            .setLabelCol("residual")
            .setFeaturesCol("features")
            .setFitIntercept(false)
            .setStandardization(false)
            .setElasticNetParam(0.0)
            .setRegParam(settings.pooling() * sd / n)
            .setSolver("l-bfgs")
            .setMaxIter(200)
            .setTol(1e-8);
    Pipeline pipeline =
        new Pipeline()
            .setStages(
                new PipelineStage[] {
                  new StringIndexer().setInputCol("fit_key").setOutputCol("fit_index"),
                  new OneHotEncoder()
                      .setInputCol("fit_index")
                      .setOutputCol("features")
                      .setDropLast(false),
                  ridge
                });
    PipelineModel model = pipeline.fit(fit.select("fit_key", "residual"));
    return model
        .transform(fit.select("fit_key").distinct().withColumn("residual", lit(0.0)))
        .select(col("fit_key"), col("prediction").as("province_effect"));
  }

  private static Column forecast(String method, Column h) {
    switch (method) {
      case MODEL:
        return col("origin_value").plus(h.multiply(col("model_drift")));
      case LAST_CHANGE:
        return col("origin_value").plus(h.multiply(col("average_change")));
      default:
        return col("origin_value");
    }
  }

  /**
   * Errors of the model and both baselines per (geography, indicator, horizon), and the method
   * chosen.
   */
  private Dataset<Row> backtest(Dataset<Row> perOrigin, Dataset<Row> bySeries) {
    int[] hs = HORIZONS;
    Column horizons =
        functions.array(
            java.util.Arrays.stream(hs).mapToObj(functions::lit).toArray(Column[]::new));
    Dataset<Row> errors =
        perOrigin
            .withColumn("horizon", functions.explode(horizons))
            .withColumn("actual_year", col("origin").plus(col("horizon")))
            .join(
                bySeries
                    .withColumnRenamed("value", "actual")
                    .withColumnRenamed("year", "actual_year"),
                new String[] {"series", "actual_year"})
            .withColumn("e_model", forecast(MODEL, col("horizon")).minus(col("actual")))
            .withColumn("e_last", forecast(LAST_VALUE, col("horizon")).minus(col("actual")))
            .withColumn("e_change", forecast(LAST_CHANGE, col("horizon")).minus(col("actual")));
    Column[] aggs = {
      functions.count(lit(1)).as("forecasts"),
      functions
          .concat_ws(",", functions.array_sort(functions.collect_set(col("origin").cast("string"))))
          .as("origins"),
      relative("e_model", false).as("mae_model_pct"),
      relative("e_last", false).as("mae_last_value_pct"),
      relative("e_change", false).as("mae_last_value_plus_change_pct"),
      relative("e_model", true).as("rmse_model_pct"),
      relative("e_last", true).as("rmse_last_value_pct"),
      relative("e_change", true).as("rmse_last_value_plus_change_pct"),
      functions.avg(functions.abs(col("e_model"))).as("mae_model"),
      functions.avg(functions.abs(col("e_last"))).as("mae_last_value"),
      functions.avg(functions.abs(col("e_change"))).as("mae_last_value_plus_change")
    };
    Dataset<Row> byHorizon =
        errors
            .groupBy("geo_level", "indicator", "horizon")
            .agg(aggs[0], java.util.Arrays.copyOfRange(aggs, 1, aggs.length));
    // The choice is made once per group, on the errors of every horizon together.
    Dataset<Row> overall =
        errors
            .groupBy("geo_level", "indicator")
            .agg(
                relative("e_model", false).as("m"),
                relative("e_last", false).as("l"),
                relative("e_change", false).as("c"),
                functions.count(lit(1)).as("n"));
    Column best = functions.least(col("l"), col("c"));
    Column bestName = when(col("l").leq(col("c")), lit(LAST_VALUE)).otherwise(lit(LAST_CHANGE));
    Column beats = col("m").lt(best.multiply(1 - settings.minImprovement()));
    Dataset<Row> choice =
        overall
            .withColumn("method", when(beats, lit(MODEL)).otherwise(bestName))
            .withColumn(
                "reason",
                functions.format_string(
                    "%s: mean absolute error %.2f%% of the level for the model, %.2f%% for the last value, %.2f%% for "
                        + "the last value plus average change, over %d back-test forecasts; the model is used only "
                        + "when it is at least "
                        + Math.round(settings.minImprovement() * 100)
                        + "%% better than the "
                        + "better baseline",
                    when(beats, lit("model beats both baselines"))
                        .otherwise(
                            functions.concat(
                                lit("model does not beat the baselines, "),
                                bestName,
                                lit(" used"))),
                    col("m"),
                    col("l"),
                    col("c"),
                    col("n")))
            .select("geo_level", "indicator", "method", "reason");
    return byHorizon
        .join(choice, new String[] {"geo_level", "indicator"})
        .withColumn(
            "rmse_chosen_pct",
            when(col("method").equalTo(MODEL), col("rmse_model_pct"))
                .when(col("method").equalTo(LAST_VALUE), col("rmse_last_value_pct"))
                .otherwise(col("rmse_last_value_plus_change_pct")));
  }

  /** Mean absolute (or root mean square) error, in % of the series' mean level at the origin. */
  private static Column relative(String error, boolean squared) {
    Column e = col(error).divide(col("scale")).multiply(100);
    return squared ? functions.sqrt(functions.avg(e.multiply(e))) : functions.avg(functions.abs(e));
  }

  private Dataset<Row> project(
      Dataset<Row> obs, Dataset<Row> perOrigin, Dataset<Row> backtest, List<Integer> targetYears) {
    Dataset<Row> last =
        obs.withColumn(
                "_rank",
                functions
                    .row_number()
                    .over(Window.partitionBy("series").orderBy(col("year").desc())))
            .where(col("_rank").equalTo(1))
            .select(
                col("series"),
                col("geo_level"),
                col("province_code"),
                col("indicator"),
                col("year").as("origin"),
                col("value").as("origin_value"));
    Dataset<Row> years =
        obs.sparkSession()
            .createDataFrame(
                targetYears.stream()
                    .distinct()
                    .map(y -> org.apache.spark.sql.RowFactory.create(y))
                    .toList(),
                new org.apache.spark.sql.types.StructType().add("year", "int"));
    Dataset<Row> method = backtest.select("geo_level", "indicator", "method", "reason").distinct();
    Dataset<Row> sigma =
        backtest
            .groupBy("geo_level", "indicator")
            .agg(
                functions.max(when(col("horizon").equalTo(1), col("rmse_chosen_pct"))).as("rmse1"),
                functions.max(when(col("horizon").equalTo(2), col("rmse_chosen_pct"))).as("rmse2"));
    Dataset<Row> rows =
        last.crossJoin(functions.broadcast(years))
            .where(col("year").gt(col("origin")))
            .join(
                perOrigin.select("series", "origin", "scale", "average_change", "model_drift"),
                new String[] {"series", "origin"},
                "left")
            .join(method, new String[] {"geo_level", "indicator"}, "left")
            .join(sigma, new String[] {"geo_level", "indicator"}, "left")
            .withColumn("horizon", col("year").minus(col("origin")))
            .withColumn("method", functions.coalesce(col("method"), lit(LAST_VALUE)))
            .withColumn(
                "reason",
                functions.coalesce(
                    col("reason"),
                    lit(
                        "too little history to back-test a model: last value carried forward, no interval")));
    Column h = col("horizon");
    Column point =
        when(col("method").equalTo(MODEL), forecast(MODEL, h))
            .when(col("method").equalTo(LAST_CHANGE), forecast(LAST_CHANGE, h))
            .otherwise(forecast(LAST_VALUE, h));
    // Past errors at the horizons tested, linear in the horizon beyond them.
    Column rmse =
        when(h.equalTo(1).and(col("rmse1").isNotNull()), col("rmse1"))
            .when(col("rmse2").isNotNull(), col("rmse2").multiply(h).divide(2))
            .otherwise(col("rmse1").multiply(h));
    Column halfWidth = rmse.divide(100).multiply(col("scale")).multiply(settings.z());
    return rows.select(
        col("geo_level"),
        col("province_code"),
        col("year"),
        col("indicator"),
        col("origin").as("last_year"),
        col("origin_value").as("last_value"),
        h.as("horizon"),
        col("method"),
        point.as("projected_value"),
        point.minus(halfWidth).as("projected_low"),
        point.plus(halfWidth).as("projected_high"),
        forecast(MODEL, h).as("model_value"),
        forecast(LAST_CHANGE, h).as("last_value_plus_change_value"),
        col("reason"));
  }
}
