package vn.kinhteso.targets;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * The gold values the targets compare, in one long table: (geo_level, province_code, indicator,
 * year, value, section, release), read as targets.md "How each target is measured" says.
 */
public final class Observations {
  private Observations() {}

  /**
   * @param share gold.digital_economy_share
   * @param productivity gold.labour_productivity
   * @param indicators gold.digital_indicators
   */
  public static Dataset<Row> of(
      Dataset<Row> share, Dataset<Row> productivity, Dataset<Row> indicators) {
    Dataset<Row> whole =
        share
            .where(col("sector").equalTo("ALL"))
            .select(
                col("geo_level"),
                col("province_code"),
                lit(Indicators.DIGITAL_ECONOMY_SHARE).as("indicator"),
                col("year"),
                col("share_pct").cast("double").as("value"),
                lit(null).cast("string").as("section"),
                col("grdp_release").as("release"));
    // The lowest sector share among the sections with current GRDP above 0; the note names it.
    Dataset<Row> sections =
        share
            .where(
                col("sector")
                    .notEqual("ALL")
                    .and(col("grdp_current_bn_vnd").gt(0))
                    .and(col("share_pct").isNotNull()))
            .withColumn(
                "_rank",
                functions
                    .row_number()
                    .over(
                        Window.partitionBy("geo_level", "province_code", "year")
                            .orderBy(col("share_pct").asc(), col("sector").asc())))
            .where(col("_rank").equalTo(1))
            .select(
                col("geo_level"),
                col("province_code"),
                lit(Indicators.MIN_SECTOR_SHARE).as("indicator"),
                col("year"),
                col("share_pct").cast("double").as("value"),
                col("sector").as("section"),
                col("grdp_release").as("release"));
    Dataset<Row> growth =
        productivity
            .where(col("sector").equalTo("ALL"))
            .select(
                col("geo_level"),
                col("province_code"),
                lit(Indicators.PRODUCTIVITY_GROWTH).as("indicator"),
                col("year"),
                col("growth_pct").cast("double").as("value"),
                lit(null).cast("string").as("section"),
                col("grdp_release").as("release"));
    Dataset<Row> other =
        indicators.select(
            col("geo_level"),
            col("province_code"),
            col("indicator"),
            col("year"),
            col("value").cast("double").as("value"),
            lit(null).cast("string").as("section"),
            col("release").as("release"));
    return whole.unionByName(sections).unionByName(growth).unionByName(other);
  }
}
