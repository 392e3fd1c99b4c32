package vn.kinhteso.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Methodology §3: the digital-economy share of GRDP per geography, province, year and sector.
 * Sector share = 100 × DVA / GRDP_current; ALL = 100 × Σ_s DVA / GRDP including TSP; coverage = 100
 * × Σ max(VA, 0) / GRDP. Rows: every (geography, province, year) with GRDP in a year with
 * declarations, for each section with a GRDP row in the latest release, and ALL.
 */
public final class DigitalEconomyShare {
  public static final String ALL = "ALL";
  public static final String TSP = "TSP";
  private static final double BILLION = 1e9;

  private final Geographies geographies;

  public DigitalEconomyShare(Geographies geographies) {
    this.geographies = geographies;
  }

  /**
   * @param grdp silver.grdp
   * @param dvaCells {@link DigitalValueAdded#cells} at the level in force
   * @param declarationYears one column {@code year}: years for which declarations exist
   */
  public Dataset<Row> compute(
      Dataset<Row> grdp, Dataset<Row> dvaCells, Dataset<Row> declarationYears) {
    Dataset<Row> grdpBase =
        grdp.where(col("is_latest"))
            .select(
                col("geo_level"),
                col("province_code"),
                col("year"),
                col("sector"),
                col("grdp_current_bn_vnd"),
                functions.array(col("release")).as("releases"));
    Dataset<Row> grdpCells =
        geographies.expand(
            grdpBase, List.of("sector"), List.of("grdp_current_bn_vnd"), List.of("releases"));
    Dataset<Row> grdpAll =
        Geographies.aggregate(
            grdpCells, List.of(), List.of("grdp_current_bn_vnd"), List.of("releases"));
    Dataset<Row> dva =
        geographies
            .expand(dvaCells, List.of("section"), DigitalValueAdded.MEASURES, List.of())
            .withColumnRenamed("section", "sector");
    Dataset<Row> dvaAll =
        Geographies.aggregate(dva, List.of(), DigitalValueAdded.MEASURES, List.of());

    Dataset<Row> years = declarationYears.select("year").distinct();
    Dataset<Row> sections =
        grdpCells
            .where(col("sector").notEqual(TSP))
            .join(years, "year")
            .join(dva, new String[] {"geo_level", "province_code", "year", "sector"}, "left");
    Dataset<Row> total =
        grdpAll
            .join(years, "year")
            .join(dvaAll, new String[] {"geo_level", "province_code", "year"}, "left")
            .withColumn("sector", lit(ALL));
    return present(sections.unionByName(total));
  }

  private static Dataset<Row> present(Dataset<Row> cells) {
    Column grdp = col("grdp_current_bn_vnd");
    Column core = bn("core_ict_vnd");
    Column digitalised = bn("digitalised_enterprise_vnd");
    Column household = bn("household_online_vnd");
    Column dva = core.plus(digitalised).plus(household);
    Column usable = grdp.isNotNull().and(grdp.notEqual(0));
    Column share = when(usable, dva.multiply(100).divide(grdp));
    Column coverage = when(usable, bn("positive_va_vnd").multiply(100).divide(grdp));
    // Implausible but well-formed: published with a flag, never clipped.
    Column flags =
        functions.concat_ws(
            ";",
            when(grdp.isNull(), lit("grdp_missing")),
            when(grdp.equalTo(0), lit("grdp_zero")),
            when(grdp.lt(0), lit("grdp_negative")),
            when(usable.and(grdp.gt(0)).and(dva.gt(grdp)), lit("dva_exceeds_grdp")),
            when(coverage.gt(100), lit("coverage_above_100")));
    return cells.select(
        col("geo_level"),
        col("province_code"),
        col("year"),
        col("sector"),
        grdp.as("grdp_current_bn_vnd"),
        dva.as("digital_va_bn_vnd"),
        core.as("core_ict_bn_vnd"),
        digitalised.as("digitalised_enterprise_bn_vnd"),
        household.as("household_online_bn_vnd"),
        share.as("share_pct"),
        coverage.as("coverage_pct"),
        lit(null).cast("double").as("ci_low_pct"),
        lit(null).cast("double").as("ci_high_pct"),
        functions.concat_ws(";", col("releases")).as("grdp_release"),
        functions.nullif(flags, lit("")).as("quality_flags"));
  }

  private static Column bn(String vnd) {
    return functions.coalesce(col(vnd), lit(0.0)).divide(BILLION);
  }
}
