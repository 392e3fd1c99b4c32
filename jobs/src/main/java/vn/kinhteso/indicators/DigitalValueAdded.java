package vn.kinhteso.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import vn.kinhteso.conform.Codes;

/**
 * Methodology §2: digital value added. Per account {@code digital_va = max(VA, 0) × w}; per
 * (seller_ref, province in force, category, y) of household and individual sellers (and enterprise
 * sellers in no register snapshot) {@code max(0, Σ net) × va_ratio(category)} in the category's
 * section. DVA(p,s,y) sums both.
 */
public final class DigitalValueAdded {
  public static final List<String> MEASURES =
      List.of(
          "positive_va_vnd", "core_ict_vnd", "digitalised_enterprise_vnd", "household_online_vnd");

  private DigitalValueAdded() {}

  /** Accounts with their unit-year weight and digital value added. */
  public static Dataset<Row> accounts(Dataset<Row> accounts, Dataset<Row> weights) {
    return accounts
        .join(
            weights.select("tax_id", "year", "w", "component", "online_net_vnd"),
            new String[] {"tax_id", "year"})
        .withColumn("positive_va_vnd", functions.greatest(col("va_vnd"), lit(0L)))
        .withColumn("digital_va_vnd", col("positive_va_vnd").cast("double").multiply(col("w")));
  }

  /** Household online value added per (seller_ref, geo_level, province_code, category, year). */
  public static Dataset<Row> householdOnline(Dataset<Row> ecommerce, Dataset<Row> register) {
    Dataset<Row> registered = register.select(col("tax_id").as("_reg")).distinct();
    Dataset<Row> sellers =
        ecommerce
            .join(registered, ecommerce.col("seller_tax_id").equalTo(col("_reg")), "left")
            .where(
                col("seller_type")
                    .isin("household", "individual")
                    .or(col("seller_type").equalTo("enterprise").and(col("_reg").isNull())));
    return sellers
        .withColumn("geo_level", Geographies.levelInForce(col("year")))
        .withColumn("seller_province", Codes.provinceInForce(col("year")))
        .groupBy(
            col("seller_ref"),
            col("geo_level"),
            col("seller_province").as("province_code"),
            col("category"),
            col("year"))
        .agg(
            functions.sum("net_vnd").as("net_vnd"),
            functions.first("section").as("section"),
            functions.first("va_ratio").as("va_ratio"))
        .withColumn(
            "household_online_vnd",
            functions.greatest(col("net_vnd"), lit(0L)).cast("double").multiply(col("va_ratio")));
  }

  /** Cells per (geo_level in force, province_code, section, year) with the components of DVA. */
  public static Dataset<Row> cells(Dataset<Row> digitalAccounts, Dataset<Row> household) {
    Dataset<Row> fromUnits =
        digitalAccounts.select(
            col("geo_level"),
            col("province_code"),
            col("year"),
            col("section"),
            col("positive_va_vnd").cast("double").as("positive_va_vnd"),
            when(col("component").equalTo(DigitalWeight.CORE_ICT), col("digital_va_vnd"))
                .otherwise(0.0)
                .as("core_ict_vnd"),
            when(
                    col("component").equalTo(DigitalWeight.DIGITALISED_ENTERPRISE),
                    col("digital_va_vnd"))
                .otherwise(0.0)
                .as("digitalised_enterprise_vnd"),
            lit(0.0).as("household_online_vnd"));
    Dataset<Row> fromHouseholds =
        household.select(
            col("geo_level"),
            col("province_code"),
            col("year"),
            col("section"),
            lit(0.0).as("positive_va_vnd"),
            lit(0.0).as("core_ict_vnd"),
            lit(0.0).as("digitalised_enterprise_vnd"),
            col("household_online_vnd"));
    return fromUnits
        .unionByName(fromHouseholds)
        .groupBy("geo_level", "province_code", "year", "section")
        .agg(
            functions.sum("positive_va_vnd").as("positive_va_vnd"),
            functions.sum("core_ict_vnd").as("core_ict_vnd"),
            functions.sum("digitalised_enterprise_vnd").as("digitalised_enterprise_vnd"),
            functions.sum("household_online_vnd").as("household_online_vnd"));
  }
}
