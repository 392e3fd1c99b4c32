package vn.kinhteso.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import vn.kinhteso.conform.Codes;

/**
 * Methodology §5: ICT-core enterprises, the digital-economy labour share, the e-commerce share of
 * retail, SMEs selling online, and the statistics/ict indicators passed through in the geography
 * they were delivered in.
 */
public final class DigitalIndicators {
  public static final String ICT_CORE_ENTERPRISES = "ict_core_enterprises";
  public static final String DIGITAL_LABOUR_SHARE = "digital_labour_share_pct";
  public static final String ECOMMERCE_RETAIL_SHARE = "ecommerce_retail_share_pct";
  public static final String SME_ONLINE = "sme_online_pct";
  private static final String[] PROVINCE_YEAR = {"geo_level", "province_code", "year"};

  private final Geographies geographies;
  private final Codes codes;
  private final Set<String> smeClasses;

  public DigitalIndicators(Geographies geographies, Codes codes, Set<String> smeClasses) {
    this.geographies = geographies;
    this.codes = codes;
    this.smeClasses = Set.copyOf(smeClasses);
  }

  /**
   * @param accounts {@link DigitalValueAdded#accounts}: accounts with w and online_net_vnd
   * @param declarationYears / ecommerceYears one column {@code year} each
   */
  public Dataset<Row> compute(
      Dataset<Row> accounts,
      Dataset<Row> ecommerce,
      Dataset<Row> employment,
      Dataset<Row> retail,
      Dataset<Row> ict,
      Dataset<Row> declarationYears,
      Dataset<Row> ecommerceYears) {
    return ictCoreEnterprises(accounts)
        .unionByName(digitalLabourShare(accounts, employment, declarationYears))
        .unionByName(ecommerceRetailShare(ecommerce, retail, ecommerceYears))
        .unionByName(smeOnline(accounts))
        .unionByName(passThrough(ict));
  }

  /** Distinct 10-digit parents with an ICT-core unit that declared revenue > 0, per geography. */
  Dataset<Row> ictCoreEnterprises(Dataset<Row> accounts) {
    Dataset<Row> base =
        accounts.select(
            col("geo_level"),
            col("province_code"),
            col("year"),
            when(col("ict_core").and(col("revenue_vnd").gt(0)), col("parent_tax_id"))
                .as("_parent"));
    Dataset<Row> as2025 = codes.liftTo2025(base);
    Dataset<Row> national =
        base.withColumn("province_code", lit(Codes.NATIONAL_CODE))
            .withColumn("geo_level", lit(Codes.NATIONAL));
    // Counted within each geography, never summed: a parent in two merged provinces counts once.
    return base.unionByName(as2025)
        .unionByName(national)
        .groupBy(col("geo_level"), col("province_code"), col("year"))
        .agg(functions.countDistinct(col("_parent")).cast("double").as("value"))
        .select(indicatorColumns(ICT_CORE_ENTERPRISES, col("value"), lit(null).cast("string")));
  }

  Dataset<Row> digitalLabourShare(
      Dataset<Row> accounts, Dataset<Row> employment, Dataset<Row> declarationYears) {
    Dataset<Row> coreEmployees =
        geographies.expand(
            accounts
                .groupBy("geo_level", "province_code", "year")
                .agg(
                    functions
                        .sum(when(col("ict_core"), col("employees")).otherwise(0.0))
                        .as("core_employees")),
            List.of(),
            List.of("core_employees"),
            List.of());
    Dataset<Row> employed =
        geographies.expand(
            Geographies.aggregate(
                employment
                    .where(col("is_latest"))
                    .withColumn("releases", functions.array(col("release"))),
                List.of(),
                List.of("employed_thousands"),
                List.of("releases")),
            List.of(),
            List.of("employed_thousands"),
            List.of("releases"));
    Column value =
        when(
            col("employed_thousands").notEqual(0),
            functions
                .coalesce(col("core_employees"), lit(0.0))
                .multiply(100)
                .divide(col("employed_thousands").multiply(1000)));
    return employed
        .join(declarationYears.select("year").distinct(), "year")
        .join(coreEmployees, PROVINCE_YEAR, "left")
        .select(
            indicatorColumns(
                DIGITAL_LABOUR_SHARE, value, functions.concat_ws(";", col("releases"))));
  }

  Dataset<Row> ecommerceRetailShare(
      Dataset<Row> ecommerce, Dataset<Row> retail, Dataset<Row> ecommerceYears) {
    Dataset<Row> perSeller =
        ecommerce
            .withColumn("geo_level", Geographies.levelInForce(col("year")))
            .withColumn("province", Codes.provinceInForce(col("year")))
            .groupBy(
                col("seller_ref"),
                col("geo_level"),
                col("province").as("province_code"),
                col("year"))
            .agg(functions.sum("net_vnd").as("net_vnd"));
    Dataset<Row> sales =
        geographies.expand(
            perSeller
                .groupBy("geo_level", "province_code", "year")
                .agg(
                    functions
                        .sum(functions.greatest(col("net_vnd"), lit(0L)).cast("double"))
                        .as("online_sales_vnd")),
            List.of(),
            List.of("online_sales_vnd"),
            List.of());
    Dataset<Row> retailCells =
        geographies.expand(
            retail
                .where(col("is_latest"))
                .select(
                    col("geo_level"),
                    col("province_code"),
                    col("year"),
                    col("retail_sales_bn_vnd"),
                    functions.array(col("release")).as("releases")),
            List.of(),
            List.of("retail_sales_bn_vnd"),
            List.of("releases"));
    Column value =
        when(
            col("retail_sales_bn_vnd").notEqual(0),
            functions
                .coalesce(col("online_sales_vnd"), lit(0.0))
                .divide(1e9)
                .multiply(100)
                .divide(col("retail_sales_bn_vnd")));
    return retailCells
        .join(ecommerceYears.select("year").distinct(), "year")
        .join(sales, PROVINCE_YEAR, "left")
        .select(
            indicatorColumns(
                ECOMMERCE_RETAIL_SHARE, value, functions.concat_ws(";", col("releases"))));
  }

  /** SME accounts with revenue > 0, and among them those whose unit-year sold online. */
  Dataset<Row> smeOnline(Dataset<Row> accounts) {
    Column active = col("size_class").isin(smeClasses.toArray()).and(col("revenue_vnd").gt(0));
    Dataset<Row> base =
        accounts
            .groupBy("geo_level", "province_code", "year")
            .agg(
                functions.sum(when(active, 1L).otherwise(0L)).as("sme_active"),
                functions
                    .sum(when(active.and(col("online_net_vnd").gt(0)), 1L).otherwise(0L))
                    .as("sme_online"));
    return geographies
        .expand(base, List.of(), List.of("sme_active", "sme_online"), List.of())
        .where(col("sme_active").gt(0))
        .select(
            indicatorColumns(
                SME_ONLINE,
                col("sme_online").multiply(100.0).divide(col("sme_active")),
                lit(null).cast("string")));
  }

  static Dataset<Row> passThrough(Dataset<Row> ict) {
    return ict.where(col("is_latest"))
        .select(
            col("geo_level"),
            col("province_code"),
            col("year"),
            col("indicator"),
            col("value").cast("double").as("value"),
            col("release"));
  }

  private static Column[] indicatorColumns(String indicator, Column value, Column release) {
    return new Column[] {
      col("geo_level"),
      col("province_code"),
      col("year"),
      lit(indicator).as("indicator"),
      value.cast("double").as("value"),
      release.as("release")
    };
  }
}
