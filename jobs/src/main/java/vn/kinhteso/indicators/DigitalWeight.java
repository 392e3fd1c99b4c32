package vn.kinhteso.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Methodology §2: the digital weight w of a unit-year (tax_id, y), whatever its provinces. ICT
 * core: w = 1. Otherwise w = min(1, max(0, online_net / revenue)) with revenue the unit's total for
 * the year; a unit-year with revenue ≤ 0 has w = 0 (and is reported).
 */
public final class DigitalWeight {
  public static final String CORE_ICT = "core_ict";
  public static final String DIGITALISED_ENTERPRISE = "digitalised_enterprise";

  private DigitalWeight() {}

  /**
   * Net online sales of registered enterprise sellers per (tax_id, year), all platforms and months.
   */
  public static Dataset<Row> enterpriseOnlineNet(Dataset<Row> ecommerce, Dataset<Row> register) {
    Dataset<Row> registered = register.select("tax_id").distinct();
    return ecommerce
        .where(col("seller_type").equalTo("enterprise"))
        .join(
            registered,
            ecommerce.col("seller_tax_id").equalTo(registered.col("tax_id")),
            "left_semi")
        .groupBy(col("seller_tax_id").as("tax_id"), col("year"))
        .agg(functions.sum("net_vnd").as("online_net_vnd"));
  }

  /** One row per unit-year: revenue, online_net_vnd, w, component, revenue_nonpositive. */
  public static Dataset<Row> of(Dataset<Row> accounts, Dataset<Row> onlineNet) {
    Dataset<Row> unitYear =
        accounts
            .groupBy("tax_id", "year")
            .agg(
                functions.sum("revenue_vnd").as("unit_revenue_vnd"),
                functions.first("ict_core").as("ict_core"));
    Column ratio =
        col("online_net_vnd").cast("double").divide(col("unit_revenue_vnd").cast("double"));
    return unitYear
        .join(onlineNet, new String[] {"tax_id", "year"}, "left")
        .withColumn("online_net_vnd", functions.coalesce(col("online_net_vnd"), lit(0L)))
        .withColumn(
            "w",
            when(col("ict_core"), lit(1.0))
                .when(col("unit_revenue_vnd").leq(0), lit(0.0))
                .otherwise(functions.least(lit(1.0), functions.greatest(lit(0.0), ratio))))
        .withColumn(
            "component",
            when(col("ict_core"), lit(CORE_ICT)).otherwise(lit(DIGITALISED_ENTERPRISE)))
        .withColumn(
            "revenue_nonpositive",
            col("ict_core").unary_$bang().and(col("unit_revenue_vnd").leq(0)));
  }
}
