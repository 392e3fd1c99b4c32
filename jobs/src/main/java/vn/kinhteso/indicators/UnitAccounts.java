package vn.kinhteso.indicators;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import vn.kinhteso.conform.Codes;

/**
 * Methodology §1 and "Accounts": annual unit accounts per (tax_id, province in force, year).
 * revenue, ic and wages are sums over the year's periods; employees is Σ(headcount × months
 * covered) / Σ months covered; VA = revenue − ic. The unit's newest register snapshot gives its
 * VSIC code, section, ICT-core flag and size class for every year.
 */
public final class UnitAccounts {
  private UnitAccounts() {}

  public static Dataset<Row> of(Dataset<Row> declarations, Dataset<Row> register) {
    Dataset<Row> latest =
        declarations
            .where(col("is_latest"))
            .withColumn("geo_level", Geographies.levelInForce(col("year")))
            .withColumn("account_province", Codes.provinceInForce(col("year")));
    Dataset<Row> accounts =
        latest
            .groupBy(
                col("tax_id"),
                col("geo_level"),
                col("account_province").as("province_code"),
                col("year"))
            .agg(
                functions.sum("revenue_vnd").as("revenue_vnd"),
                functions.sum("intermediate_cost_vnd").as("ic_vnd"),
                functions.sum("wage_bill_vnd").as("wages_vnd"),
                functions
                    .sum(col("employees").multiply(col("months")))
                    .divide(functions.sum("months"))
                    .as("employees"),
                functions.sum("months").as("months_covered"))
            .withColumn("va_vnd", col("revenue_vnd").minus(col("ic_vnd")));
    Dataset<Row> unit =
        register
            .where(col("is_latest"))
            .select("tax_id", "parent_tax_id", "vsic_code", "section", "ict_core", "size_class");
    return accounts.join(unit, "tax_id");
  }
}
