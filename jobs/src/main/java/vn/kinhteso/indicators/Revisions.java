package vn.kinhteso.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * The relative revisions of current-price GRDP from a preliminary release to the latest official
 * one, as observed in silver.grdp: per (year, province, sector), kind {@code section}, and per
 * (year, province) over the sectors both releases have, kind {@code total}. Numbered 0..n-1 per
 * kind in a fixed order, so that a draw is an index.
 */
public final class Revisions {
  private Revisions() {}

  /** kind, idx, relative_revision (official / preliminary − 1). */
  public static Dataset<Row> observed(Dataset<Row> grdp) {
    Dataset<Row> g =
        grdp.where(col("grdp_current_bn_vnd").isNotNull())
            .select(
                col("year"),
                col("province_code"),
                col("sector"),
                col("grdp_current_bn_vnd").cast("double").as("v"),
                col("release"));
    Dataset<Row> prelim = latestOf(g.where(col("release").endsWith("-preliminary")), "p");
    Dataset<Row> official = latestOf(g.where(col("release").endsWith("-official")), "o");
    Dataset<Row> pairs =
        prelim
            .join(official, new String[] {"year", "province_code", "sector"})
            .where(
                functions
                    .substring(col("o_release"), 1, 10)
                    .gt(functions.substring(col("p_release"), 1, 10)));
    Dataset<Row> section =
        pairs
            .where(col("sector").notEqual(DigitalEconomyShare.TSP).and(col("p_v").notEqual(0)))
            .select(
                lit("section").as("kind"),
                col("year"),
                col("province_code"),
                col("sector").as("key"),
                col("o_v").divide(col("p_v")).minus(1).as("relative_revision"));
    Dataset<Row> total =
        pairs
            .groupBy("year", "province_code")
            .agg(functions.sum("p_v").as("p"), functions.sum("o_v").as("o"))
            .where(col("p").notEqual(0))
            .select(
                lit("total").as("kind"),
                col("year"),
                col("province_code"),
                lit("ALL").as("key"),
                col("o").divide(col("p")).minus(1).as("relative_revision"));
    return section
        .unionByName(total)
        .withColumn(
            "idx",
            functions
                .row_number()
                .over(Window.partitionBy("kind").orderBy("year", "province_code", "key"))
                .minus(1)
                .cast("long"))
        .select("kind", "idx", "relative_revision");
  }

  private static Dataset<Row> latestOf(Dataset<Row> g, String prefix) {
    return g.withColumn(
            "_n",
            functions
                .row_number()
                .over(
                    Window.partitionBy("year", "province_code", "sector")
                        .orderBy(col("release").desc())))
        .where(col("_n").equalTo(1))
        .select(
            col("year"),
            col("province_code"),
            col("sector"),
            col("v").as(prefix + "_v"),
            col("release").as(prefix + "_release"));
  }
}
