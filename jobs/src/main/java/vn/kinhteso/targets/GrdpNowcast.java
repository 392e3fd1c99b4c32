package vn.kinhteso.targets;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import vn.kinhteso.conform.Codes;
import vn.kinhteso.indicators.Geographies;

/**
 * Methodology §7, nowcast: for a year whose declarations exist but whose GRDP release does not yet,
 * GRDP per province (in force) and sector is estimated from the growth of the value added and the
 * employees declared, with an MLlib regression of the GRDP growth on those growths trained on the
 * earlier years of every province: ln(GRDP_y / GRDP_y-1) = a + b ln(VA_y / VA_y-1) + c ln(EMP_y /
 * EMP_y-1). The regression is back-tested by rolling origin (fit on years up to t, nowcast t+1)
 * next to the two baselines (last value; last value plus the cell's average change) and used only
 * when it beats them, as the projections are. Sectors without declarations (and TSP) take the last
 * value. The resulting shares are marked {@code provisional} in a table of their own:
 * gold.digital_economy_share keeps only rows with a released GRDP, and the next night after the
 * release (every night recomputes from silver) the provisional rows are gone.
 */
public final class GrdpNowcast {
  public static final String TABLE = "digital_economy_share_nowcast";
  public static final String BACKTEST_TABLE = "nowcast_backtest";
  public static final String PROVISIONAL = "provisional";
  static final String MODEL = "regression_on_declared_growth";

  /** The provisional shares and the back-test of the nowcast. */
  public record Result(Dataset<Row> shares, Dataset<Row> backtest) {}

  private final Codes codes;
  private final Projections.Settings settings;

  public GrdpNowcast(Codes codes, Projections.Settings settings) {
    this.codes = codes;
    this.settings = settings;
  }

  /**
   * @param grdp silver.grdp
   * @param accounts digital accounts (geo_level, province_code, year, section, positive_va_vnd,
   *     employees)
   * @param dvaCells {@code DigitalValueAdded.cells} at the level in force
   * @param declarationYears one column {@code year}
   */
  public Result compute(
      Dataset<Row> grdp,
      Dataset<Row> accounts,
      Dataset<Row> dvaCells,
      Dataset<Row> declarationYears) {
    Geographies geographies = new Geographies(codes);
    Dataset<Row> released =
        grdp.where(col("is_latest"))
            .select(
                col("geo_level"),
                col("province_code"),
                col("year"),
                col("sector"),
                col("grdp_current_bn_vnd").cast("double").as("grdp"));
    Dataset<Row> declared =
        accounts
            .groupBy(
                col("geo_level"), col("province_code"), col("year"), col("section").as("sector"))
            .agg(
                functions.sum(col("positive_va_vnd").cast("double")).as("va"),
                functions.sum(col("employees").cast("double")).as("emp"));
    // Growth into 2025 compares 2025 provinces: earlier years are summed through the crosswalk.
    Dataset<Row> grdpAll =
        geographies
            .expand(released, List.of("sector"), List.of("grdp"), List.of())
            .where(col("geo_level").notEqual(Codes.NATIONAL));
    Dataset<Row> declAll =
        geographies
            .expand(declared, List.of("sector"), List.of("va", "emp"), List.of())
            .where(col("geo_level").notEqual(Codes.NATIONAL));
    String[] cell = {"geo_level", "province_code", "sector", "year"};
    Dataset<Row> panel =
        grdpAll
            .withColumn("has_grdp", lit(true))
            .join(declAll, cell, "full_outer")
            .withColumn("has_grdp", functions.coalesce(col("has_grdp"), lit(false)));
    WindowSpec w = Window.partitionBy("geo_level", "province_code", "sector").orderBy("year");
    Column previousYear = functions.lag("year", 1).over(w);
    Dataset<Row> pairs =
        panel
            .withColumn("_py", previousYear)
            .withColumn(
                "grdp_prev",
                when(col("_py").equalTo(col("year").minus(1)), functions.lag("grdp", 1).over(w)))
            .withColumn(
                "va_prev",
                when(col("_py").equalTo(col("year").minus(1)), functions.lag("va", 1).over(w)))
            .withColumn(
                "emp_prev",
                when(col("_py").equalTo(col("year").minus(1)), functions.lag("emp", 1).over(w)))
            .withColumn("_delta", col("grdp").minus(functions.lag("grdp", 1).over(w)))
            .withColumn(
                "average_change",
                functions.avg("_delta").over(w.rowsBetween(Window.unboundedPreceding(), -1)))
            .where(col("geo_level").equalTo(Geographies.levelInForce(col("year"))))
            .withColumn("g_va", log(col("va"), col("va_prev")))
            .withColumn("g_emp", log(col("emp"), col("emp_prev")))
            .withColumn("label", log(col("grdp"), col("grdp_prev")))
            .withColumn("features_ok", col("g_va").isNotNull().and(col("g_emp").isNotNull()))
            // Each origin's fit reads the panel: computed once, lineage cut.
            .localCheckpoint(true);
    Dataset<Row> training =
        pairs.where(col("has_grdp").and(col("features_ok")).and(col("label").isNotNull()));
    VectorAssembler assemble =
        new VectorAssembler().setInputCols(new String[] {"g_va", "g_emp"}).setOutputCol("features");

    // Rolling origin: fit on years up to t, nowcast t+1 (one fit per origin year, each across
    // provinces).
    List<Integer> years = new ArrayList<>();
    training
        .select("year")
        .distinct()
        .orderBy("year")
        .collectAsList()
        .forEach(r -> years.add(r.getInt(0)));
    Dataset<Row> errors = null;
    for (int i = 1; i < years.size(); i++) {
      int t = years.get(i - 1);
      Dataset<Row> fitOn = training.where(col("year").leq(t));
      if (fitOn.count() < 3) {
        continue;
      }
      LinearRegressionModel m = regression().fit(assemble.transform(fitOn));
      Dataset<Row> e =
          m.transform(assemble.transform(training.where(col("year").equalTo(t + 1))))
              .select(
                  col("year"),
                  col("label"),
                  col("prediction").as("p_model"),
                  lit(0.0).as("p_last"),
                  log(
                          col("grdp_prev")
                              .plus(functions.coalesce(col("average_change"), lit(0.0))),
                          col("grdp_prev"))
                      .as("p_change"));
      errors = errors == null ? e : errors.unionByName(e);
    }
    Dataset<Row> backtest;
    String method;
    String reason;
    double sigma;
    if (errors == null) {
      backtest =
          pairs
              .sparkSession()
              .createDataFrame(
                  List.of(),
                  new org.apache.spark.sql.types.StructType()
                      .add("horizon", "int")
                      .add("forecasts", "long")
                      .add("mae_model_pct", "double")
                      .add("mae_last_value_pct", "double")
                      .add("mae_last_value_plus_change_pct", "double")
                      .add("method", "string")
                      .add("reason", "string"));
      method = Projections.LAST_VALUE;
      reason =
          "too few years with both GRDP and declarations to back-test a regression: last value carried forward";
      sigma = Double.NaN;
    } else {
      Row s =
          errors
              .agg(
                  functions.count(lit(1)),
                  pct("p_model"),
                  pct("p_last"),
                  pct("p_change"),
                  rmse("p_model"),
                  rmse("p_last"),
                  rmse("p_change"))
              .head();
      double best = Math.min(s.getDouble(2), s.isNullAt(3) ? Double.MAX_VALUE : s.getDouble(3));
      boolean beats = s.getDouble(1) < best * (1 - settings.minImprovement());
      String baseline =
          s.isNullAt(3) || s.getDouble(2) <= s.getDouble(3)
              ? Projections.LAST_VALUE
              : Projections.LAST_CHANGE;
      method = beats ? MODEL : baseline;
      sigma =
          beats
              ? s.getDouble(4)
              : baseline.equals(Projections.LAST_VALUE) ? s.getDouble(5) : s.getDouble(6);
      reason =
          String.format(
              java.util.Locale.ROOT,
              "%s: mean absolute error of GRDP %.2f%% for the regression, "
                  + "%.2f%% for the last value, %.2f%% for the last value plus average change, over %d back-test nowcasts",
              beats
                  ? "the regression beats both baselines"
                  : "the regression does not beat the baselines, " + baseline + " used",
              s.getDouble(1),
              s.getDouble(2),
              s.isNullAt(3) ? Double.NaN : s.getDouble(3),
              s.getLong(0));
      backtest =
          errors
              .agg(
                  functions.count(lit(1)).as("forecasts"),
                  pct("p_model").as("mae_model_pct"),
                  pct("p_last").as("mae_last_value_pct"),
                  pct("p_change").as("mae_last_value_plus_change_pct"))
              .withColumn("horizon", lit(1))
              .withColumn("method", lit(method))
              .withColumn("reason", lit(reason));
    }

    // The cells to nowcast: a year with declarations, no GRDP row for the province, GRDP the year
    // before.
    Dataset<Row> missingProvinces =
        pairs
            .groupBy("geo_level", "province_code", "year")
            .agg(
                functions.max(col("has_grdp")).as("any_grdp"),
                functions.max(col("va").isNotNull()).as("any_decl"))
            .where(col("any_grdp").unary_$bang().and(col("any_decl")))
            .join(declarationYears.select("year").distinct(), "year");
    Dataset<Row> targets =
        pairs
            .join(
                missingProvinces.select("geo_level", "province_code", "year"),
                new String[] {"geo_level", "province_code", "year"})
            .where(col("grdp_prev").isNotNull());
    Column nowcastLog;
    if (method.equals(MODEL)) {
      LinearRegressionModel m = regression().fit(assemble.transform(training));
      targets =
          m.transform(assemble.transform(targets.where(col("features_ok")).drop("features")))
              .drop("features")
              .unionByName(
                  targets
                      .where(col("features_ok").unary_$bang())
                      .withColumn("prediction", lit(null).cast("double")));
      nowcastLog = when(col("features_ok"), col("prediction")).otherwise(lit(0.0));
    } else if (method.equals(Projections.LAST_CHANGE)) {
      nowcastLog =
          functions.coalesce(
              log(
                  col("grdp_prev").plus(functions.coalesce(col("average_change"), lit(0.0))),
                  col("grdp_prev")),
              lit(0.0));
    } else {
      nowcastLog = lit(0.0);
    }
    Dataset<Row> grdpNowcast =
        targets.select(
            col("geo_level"),
            col("province_code"),
            col("year"),
            col("sector"),
            col("grdp_prev").multiply(functions.exp(nowcastLog)).as("grdp_current_bn_vnd"),
            when(
                    col("sector").equalTo("TSP").or(col("features_ok").unary_$bang()),
                    lit(Projections.LAST_VALUE))
                .otherwise(lit(method))
                .as("nowcast_method"));
    Dataset<Row> dva = dvaCells.withColumnRenamed("section", "sector");
    Dataset<Row> sections =
        grdpNowcast
            .where(col("sector").notEqual("TSP"))
            .join(dva, new String[] {"geo_level", "province_code", "year", "sector"}, "left");
    Dataset<Row> total =
        grdpNowcast
            .groupBy("geo_level", "province_code", "year")
            .agg(
                functions.sum("grdp_current_bn_vnd").as("grdp_current_bn_vnd"),
                functions
                    .concat_ws(";", functions.array_sort(functions.collect_set("nowcast_method")))
                    .as("nowcast_method"))
            .join(
                dva.groupBy("geo_level", "province_code", "year")
                    .agg(
                        sum("core_ict_vnd"),
                        sum("digitalised_enterprise_vnd"),
                        sum("household_online_vnd")),
                new String[] {"geo_level", "province_code", "year"},
                "left")
            .withColumn("sector", lit("ALL"));
    Column core = bn("core_ict_vnd");
    Column digitalised = bn("digitalised_enterprise_vnd");
    Column household = bn("household_online_vnd");
    Column dvaBn = core.plus(digitalised).plus(household);
    Column g = col("grdp_current_bn_vnd");
    Column share = when(g.gt(0), dvaBn.multiply(100).divide(g));
    double z = settings.z();
    Column low =
        Double.isNaN(sigma) ? lit(null).cast("double") : share.multiply(Math.exp(-z * sigma));
    Column high =
        Double.isNaN(sigma) ? lit(null).cast("double") : share.multiply(Math.exp(z * sigma));
    Dataset<Row> shares =
        sections
            .select(
                col("geo_level"),
                col("province_code"),
                col("year"),
                col("sector"),
                g,
                col("nowcast_method"),
                col("core_ict_vnd"),
                col("digitalised_enterprise_vnd"),
                col("household_online_vnd"))
            .unionByName(
                total.select(
                    col("geo_level"),
                    col("province_code"),
                    col("year"),
                    col("sector"),
                    g,
                    col("nowcast_method"),
                    col("core_ict_vnd"),
                    col("digitalised_enterprise_vnd"),
                    col("household_online_vnd")))
            .select(
                col("geo_level"),
                col("province_code"),
                col("year"),
                col("sector"),
                g.as("grdp_current_bn_vnd"),
                dvaBn.as("digital_va_bn_vnd"),
                core.as("core_ict_bn_vnd"),
                digitalised.as("digitalised_enterprise_bn_vnd"),
                household.as("household_online_bn_vnd"),
                share.as("share_pct"),
                low.as("ci_low_pct"),
                high.as("ci_high_pct"),
                lit("nowcast").as("grdp_release"),
                lit(PROVISIONAL).as("status"),
                col("nowcast_method"),
                lit(reason).as("reason"));
    return new Result(shares, backtest);
  }

  private LinearRegression regression() {
    return new LinearRegression()
        .setLabelCol("label")
        .setFeaturesCol("features")
        .setRegParam(0.0)
        .setSolver("normal");
  }

  private static Column log(Column now, Column before) {
    return when(now.gt(0).and(before.gt(0)), functions.log(now.divide(before)));
  }

  /** Mean absolute relative error of GRDP, in %, for a predicted log growth. */
  private static Column pct(String prediction) {
    return functions
        .avg(functions.abs(functions.exp(col(prediction).minus(col("label"))).minus(1)))
        .multiply(100);
  }

  private static Column rmse(String prediction) {
    Column e = col(prediction).minus(col("label"));
    return functions.sqrt(functions.avg(e.multiply(e)));
  }

  private static Column sum(String c) {
    return functions.sum(c).as(c);
  }

  private static Column bn(String vnd) {
    return functions.coalesce(col(vnd), lit(0.0)).divide(1e9);
  }
}
