package vn.kinhteso.targets;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.kinhteso.config.Reference;
import vn.kinhteso.conform.Codes;

/**
 * gold.target_scorecard: one row per target, with the value it is compared on, the projection to
 * its year and a status, as targets.md "What the scorecard says" defines them: {@code met}/{@code
 * not_met} when the target year has a value; {@code on_track}/{@code off_track} from the projection
 * when it has not ({@code at_risk} when the projection's interval straddles the threshold); {@code
 * not_measurable} when no data set carries the indicator, naming the one that would be needed. A
 * target whose province no longer exists in the target year is evaluated on its 2025 successor and
 * the row says so.
 */
public final class Scorecard {
  public static final String MET = "met";
  public static final String NOT_MET = "not_met";
  public static final String ON_TRACK = "on_track";
  public static final String AT_RISK = "at_risk";
  public static final String OFF_TRACK = "off_track";
  public static final String NOT_MEASURABLE = "not_measurable";
  public static final List<String> STATUSES =
      List.of(MET, NOT_MET, ON_TRACK, AT_RISK, OFF_TRACK, NOT_MEASURABLE);
  static final String PROVINCE_2004 = Codes.PROVINCE_2004;
  static final String PROVINCE_2025 = Codes.PROVINCE_2025;
  static final String NATIONAL = Codes.NATIONAL;
  static final int NEW_LIST_FIRST_YEAR = Codes.NEW_LIST_FIRST_YEAR;

  static final StructType TARGET_SCHEMA =
      new StructType()
          .add("target_id", DataTypes.StringType, false)
          .add("plan", DataTypes.StringType)
          .add("seed_document", DataTypes.StringType)
          .add("indicator", DataTypes.StringType, false)
          .add("comparator", DataTypes.StringType, false)
          .add("target_value", DataTypes.DoubleType, false)
          .add("target_year", DataTypes.IntegerType, false)
          .add("value_note", DataTypes.StringType)
          .add("needed_dataset", DataTypes.StringType)
          .add("description_vi", DataTypes.StringType)
          .add("plan_province_code", DataTypes.StringType, false)
          .add("plan_province_name", DataTypes.StringType)
          .add("evaluated_geo_level", DataTypes.StringType, false)
          .add("evaluated_province_code", DataTypes.StringType, false)
          .add("evaluated_province_name", DataTypes.StringType)
          .add("geography_note", DataTypes.StringType);

  private Scorecard() {}

  /**
   * The targets with the geography each is evaluated on (a handful of rows, resolved on the
   * driver).
   */
  public static Dataset<Row> targetRows(
      SparkSession spark, List<Target> targets, Reference reference) {
    Map<String, String> crosswalk = reference.crosswalk();
    List<Row> rows = new ArrayList<>();
    for (Target t : targets) {
      String level;
      String code;
      String planName;
      String name;
      String note = null;
      if (t.national()) {
        level = NATIONAL;
        code = Indicators.NATIONAL_CODE;
        planName = "Việt Nam";
        name = planName;
      } else if (t.year() >= NEW_LIST_FIRST_YEAR) {
        level = PROVINCE_2025;
        code = crosswalk.get(t.provinceCode());
        planName = reference.provinces2004().get(t.provinceCode());
        name = reference.provinces2025().get(code);
        long predecessors = crosswalk.values().stream().filter(code::equals).count();
        note =
            predecessors > 1
                ? String.format(
                    "%s (2004 code %s) was merged on %s into the 2025 province %s (code %s): "
                        + "evaluated on that successor",
                    planName, t.provinceCode(), Codes.NEW_LIST_FROM, name, code)
                : String.format(
                    "evaluated on the 2025 province %s (code %s), same territory as %s (2004 code %s)",
                    name, code, planName, t.provinceCode());
      } else {
        level = PROVINCE_2004;
        code = t.provinceCode();
        planName = reference.provinces2004().get(code);
        name = planName;
      }
      rows.add(
          RowFactory.create(
              t.id(),
              t.plan(),
              t.seedDocument(),
              t.indicator(),
              t.comparator().symbol,
              t.value(),
              t.year(),
              t.valueNote(),
              t.neededDataset(),
              t.descriptionVi(),
              t.provinceCode(),
              planName,
              level,
              code,
              name,
              note));
    }
    return spark.createDataFrame(rows, TARGET_SCHEMA);
  }

  /** Whether a value meets the row's target, the comparator applied as written. */
  static Column meets(Column x) {
    Column v = col("target_value");
    Column c = col("comparator");
    return when(c.equalTo(">="), x.geq(v))
        .when(c.equalTo(">"), x.gt(v))
        .when(c.equalTo("<="), x.leq(v))
        .otherwise(x.lt(v));
  }

  /**
   * @param targets {@link #targetRows}
   * @param observations {@link Observations#of}
   * @param projections {@link Projections.Result#projections}
   * @param sections section letter → name, for the notes
   */
  public static Dataset<Row> compute(
      Dataset<Row> targets,
      Dataset<Row> observations,
      Dataset<Row> projections,
      Map<String, String> sections) {
    Dataset<Row> values =
        observations
            .where(col("value").isNotNull())
            .select(
                col("geo_level").as("evaluated_geo_level"),
                col("province_code").as("evaluated_province_code"),
                col("indicator"),
                col("year").as("obs_year"),
                col("value").as("obs_value"),
                col("section").as("obs_section"),
                col("release").as("obs_release"));
    String[] geo = {"evaluated_geo_level", "evaluated_province_code", "indicator"};
    Dataset<Row> measured =
        targets
            .join(values, geo, "left")
            .groupBy("target_id")
            .agg(
                functions
                    .max(when(col("obs_year").equalTo(col("target_year")), col("obs_value")))
                    .as("actual"),
                functions
                    .max(when(col("obs_year").equalTo(col("target_year")), col("obs_section")))
                    .as("actual_section"),
                functions
                    .max(when(col("obs_year").equalTo(col("target_year")), col("obs_release")))
                    .as("actual_release"),
                functions.max("obs_year").as("last_year"),
                functions.max_by(col("obs_value"), col("obs_year")).as("last_value"),
                functions.max_by(col("obs_section"), col("obs_year")).as("last_section"),
                functions.min("obs_year").as("first_year"));
    Dataset<Row> projected =
        projections.select(
            col("geo_level").as("evaluated_geo_level"),
            col("province_code").as("evaluated_province_code"),
            col("indicator"),
            col("year").as("target_year"),
            col("projected_value").as("p_value"),
            col("projected_low").as("p_low"),
            col("projected_high").as("p_high"),
            col("method").as("p_method"),
            col("last_year").as("p_from"));
    // The ICT percentages are not re-aggregated: a 2025 province without a history of its own is
    // projected from the series of the plan's 2004 province.
    Dataset<Row> fallback =
        projections
            .where(col("geo_level").equalTo(PROVINCE_2004))
            .select(
                col("province_code").as("plan_province_code"),
                col("indicator"),
                col("year").as("target_year"),
                col("projected_value").as("f_value"),
                col("projected_low").as("f_low"),
                col("projected_high").as("f_high"),
                col("method").as("f_method"),
                col("last_year").as("f_from"));
    Dataset<Row> rows =
        targets
            .join(measured, "target_id")
            .join(
                projected,
                new String[] {
                  "evaluated_geo_level", "evaluated_province_code", "indicator", "target_year"
                },
                "left")
            .join(fallback, new String[] {"plan_province_code", "indicator", "target_year"}, "left")
            .withColumn(
                "use_fallback",
                col("p_value")
                    .isNull()
                    .and(col("f_value").isNotNull())
                    .and(col("evaluated_geo_level").equalTo(PROVINCE_2025)));
    Column fb = col("use_fallback");
    Column pValue = when(fb, col("f_value")).otherwise(col("p_value"));
    Column pLow = when(fb, col("f_low")).otherwise(col("p_low"));
    Column pHigh = when(fb, col("f_high")).otherwise(col("p_high"));
    Column pMethod = when(fb, col("f_method")).otherwise(col("p_method"));
    Column pFrom = when(fb, col("f_from")).otherwise(col("p_from"));
    Column measurable = col("needed_dataset").isNull();
    Column actual = col("actual");
    Column hasActual = measurable.and(actual.isNotNull());
    Column hasProjection = measurable.and(actual.isNull()).and(pValue.isNotNull());
    Column status =
        when(measurable.unary_$bang(), lit(NOT_MEASURABLE))
            .when(hasActual, when(meets(actual), lit(MET)).otherwise(lit(NOT_MET)))
            .when(
                hasProjection,
                when(
                        pLow.isNull().or(pHigh.isNull()),
                        when(meets(pValue), lit(ON_TRACK)).otherwise(lit(OFF_TRACK)))
                    .when(meets(pLow).and(meets(pHigh)), lit(ON_TRACK))
                    .when(meets(pLow).unary_$bang().and(meets(pHigh).unary_$bang()), lit(OFF_TRACK))
                    .otherwise(lit(AT_RISK)))
            .otherwise(lit(NOT_MEASURABLE));
    Column latestYear = when(hasActual, col("target_year")).when(measurable, col("last_year"));
    Column latestValue = when(hasActual, actual).when(measurable, col("last_value"));
    Column section = when(hasActual, col("actual_section")).otherwise(col("last_section"));
    List<Column> names = new ArrayList<>();
    sections.forEach(
        (k, v) -> {
          names.add(lit(k));
          names.add(lit(v));
        });
    Column sectionName = functions.element_at(functions.map(names.toArray(Column[]::new)), section);
    Column what =
        when(
                measurable.unary_$bang(),
                functions.concat(
                    lit("no data set carries this indicator; it " + "would need "),
                    col("needed_dataset")))
            .when(
                hasActual,
                functions.concat(
                    lit("value of "),
                    col("target_year").cast("string"),
                    functions.coalesce(
                        functions.concat(lit(" (release "), col("actual_release"), lit(")")),
                        lit(""))))
            .when(
                hasProjection,
                functions.concat(
                    lit("no value for "),
                    col("target_year").cast("string"),
                    lit(" yet: projected from "),
                    pFrom.cast("string"),
                    lit(" by "),
                    pMethod,
                    when(pLow.isNull(), lit(", no interval (too little history)"))
                        .otherwise(lit(", 95% interval")),
                    when(
                            fb,
                            functions.concat(
                                lit("; from the series of the 2004 province "),
                                col("plan_province_code"),
                                lit(" (percentages of the 2004 provinces are not re-aggregated)")))
                        .otherwise(lit(""))))
            .otherwise(
                functions.concat(
                    lit("no value of "),
                    col("indicator"),
                    lit(" for "),
                    col("evaluated_geo_level"),
                    lit(" "),
                    col("evaluated_province_code"),
                    lit(" in gold and no history to project; it needs "),
                    tableOf(col("indicator"))));
    Column lowest =
        when(
            col("indicator").equalTo(Indicators.MIN_SECTOR_SHARE).and(section.isNotNull()),
            functions.concat(
                lit("lowest sector "),
                section,
                functions.coalesce(functions.concat(lit(" ("), sectionName, lit(")")), lit(""))));
    Column note =
        functions.concat_ws(
            "; ",
            col("geography_note"),
            what,
            lowest,
            when(
                col("value_note").isNotNull(),
                functions.concat(lit("the plan says "), col("value_note"))));
    return rows.select(
        col("target_id"),
        col("indicator"),
        col("comparator"),
        col("target_value"),
        col("target_year"),
        col("plan_province_code"),
        col("evaluated_geo_level"),
        col("evaluated_province_code"),
        latestYear.cast("int").as("latest_year"),
        latestValue.as("latest_value"),
        when(hasProjection, pValue).as("projected_value"),
        when(hasProjection, pLow).as("projected_low"),
        when(hasProjection, pHigh).as("projected_high"),
        status.as("status"),
        note.as("note"),
        when(hasProjection, pMethod).as("projection_method"),
        col("plan"),
        col("seed_document"),
        col("plan_province_name"),
        col("evaluated_province_name"),
        col("description_vi"));
  }

  /** Where a measurable indicator with no value would come from. */
  private static Column tableOf(Column indicator) {
    return when(
            indicator.isin(Indicators.DIGITAL_ECONOMY_SHARE, Indicators.MIN_SECTOR_SHARE),
            lit("GRDP (statistics/grdp) and declarations for the year"))
        .when(
            indicator.equalTo(Indicators.PRODUCTIVITY_GROWTH),
            lit(
                "GRDP at constant prices and employment (statistics/grdp, statistics/employment) for two years"))
        .otherwise(
            functions.concat(lit("a statistics/ict or declarations-based row of "), indicator));
  }
}
