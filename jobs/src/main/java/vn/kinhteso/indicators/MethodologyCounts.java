package vn.kinhteso.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * What methodology §2 says to count in the quality report: unit-years with revenue ≤ 0 (their w is
 * 0), and enterprise sellers whose tax id is in no register snapshot (they are counted as household
 * sellers). One row per (year, metric).
 */
public final class MethodologyCounts {
  public static final String REVENUE_NONPOSITIVE = "unit_years_revenue_nonpositive";
  public static final String UNREGISTERED_SELLERS = "enterprise_seller_years_unregistered";

  private MethodologyCounts() {}

  public static Dataset<Row> of(
      Dataset<Row> weights, Dataset<Row> ecommerce, Dataset<Row> register) {
    Dataset<Row> nonpositive =
        weights
            .groupBy("year")
            .agg(
                functions
                    .sum(functions.when(col("revenue_nonpositive"), 1L).otherwise(0L))
                    .as("value"))
            .withColumn("metric", lit(REVENUE_NONPOSITIVE));
    Dataset<Row> registered = register.select(col("tax_id").as("_reg")).distinct();
    Dataset<Row> unregistered =
        ecommerce
            .where(col("seller_type").equalTo("enterprise"))
            .join(registered, col("seller_tax_id").equalTo(col("_reg")), "left_anti")
            .groupBy("year")
            .agg(functions.countDistinct("seller_ref").as("value"))
            .withColumn("metric", lit(UNREGISTERED_SELLERS));
    return nonpositive.unionByName(unregistered).select("year", "metric", "value");
  }
}
