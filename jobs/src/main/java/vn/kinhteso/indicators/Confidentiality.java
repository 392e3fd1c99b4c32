package vn.kinhteso.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import vn.kinhteso.config.ConfigKeys;
import vn.kinhteso.config.PipelineConfig;

/**
 * Methodology §8: which digital_economy_share cells would publish one enterprise's figures. Per
 * cell (geo_level, province_code, year, sector incl. ALL) it counts the units (tax_id) whose
 * digital value added is above 0 (the contributors to core_ict + digitalised_enterprise) and the
 * largest one. A cell is confidential when 0 &lt; units &lt; min_units, or when the largest unit
 * holds more than max_top_share_pct of the enterprise components. A cell without any contributing
 * unit publishes no enterprise's figure and is not confidential.
 *
 * <p>Larger geographies (a 2025 province before 2025, national) and ALL first sum each unit's
 * accounts within the cell, so a unit declaring in two merged provinces counts once. {@code
 * top_unit_share_pct} is the largest unit's share of the cell's whole DVA (§3, household sellers
 * included); the dominance test compares it with the enterprise part only.
 */
public final class Confidentiality {
  public static final List<String> COLUMNS =
      List.of("enterprise_units", "top_unit_share_pct", "confidential");
  private static final String[] CELL = {"geo_level", "province_code", "year", "sector"};

  private final int minUnits;
  private final double maxTopSharePct;

  public Confidentiality(int minUnits, double maxTopSharePct) {
    if (minUnits < 1 || !(maxTopSharePct > 0 && maxTopSharePct <= 100)) {
      throw new PipelineConfig.ConfigException(
          "Cannot apply the confidentiality rule: "
              + ConfigKeys.CONFIDENTIALITY_MIN_UNITS
              + " must be at least 1 and "
              + ConfigKeys.CONFIDENTIALITY_MAX_TOP_SHARE
              + " in (0, 100], got "
              + minUnits
              + " and "
              + maxTopSharePct);
    }
    this.minUnits = minUnits;
    this.maxTopSharePct = maxTopSharePct;
  }

  /** The thresholds of conf/ (defaults 3 units and 85 %). */
  public static Confidentiality of(PipelineConfig config) {
    return new Confidentiality(
        config.get(ConfigKeys.CONFIDENTIALITY_MIN_UNITS),
        config.get(ConfigKeys.CONFIDENTIALITY_MAX_TOP_SHARE));
  }

  public static Confidentiality defaults() {
    return new Confidentiality(
        ConfigKeys.CONFIDENTIALITY_MIN_UNITS.defaultValue(),
        ConfigKeys.CONFIDENTIALITY_MAX_TOP_SHARE.defaultValue());
  }

  public int minUnits() {
    return minUnits;
  }

  public double maxTopSharePct() {
    return maxTopSharePct;
  }

  /**
   * @param share digital_economy_share rows (with digital_va_bn_vnd)
   * @param digitalAccounts {@link DigitalValueAdded#accounts}: tax_id, geo_level, province_code,
   *     year, section, digital_va_vnd at the level in force
   * @return share with enterprise_units, top_unit_share_pct and confidential (replacing columns of
   *     those names)
   */
  public Dataset<Row> flag(
      Dataset<Row> share, Dataset<Row> digitalAccounts, Geographies geographies) {
    Dataset<Row> units =
        digitalAccounts
            .where(col("digital_va_vnd").gt(0))
            .select(
                col("geo_level"),
                col("province_code"),
                col("year"),
                col("section").as("sector"),
                col("tax_id"),
                col("digital_va_vnd").as("unit_dva_vnd"));
    // One row per unit and cell in every geography, then the unit's total over its sections for
    // ALL.
    Dataset<Row> bySector =
        geographies.expand(units, List.of("sector", "tax_id"), List.of("unit_dva_vnd"), List.of());
    Dataset<Row> all =
        Geographies.aggregate(bySector, List.of("tax_id"), List.of("unit_dva_vnd"), List.of())
            .withColumn("sector", lit(DigitalEconomyShare.ALL));
    Dataset<Row> cells =
        bySector
            .unionByName(all)
            .groupBy(Arrays.stream(CELL).map(functions::col).toArray(Column[]::new))
            .agg(
                functions.count(lit(1)).as("_units"),
                functions.max("unit_dva_vnd").as("_top_vnd"),
                functions.sum("unit_dva_vnd").as("_enterprise_vnd"));

    List<Column> keep = new ArrayList<>();
    for (String c : share.columns()) {
      if (!COLUMNS.contains(c)) {
        keep.add(col(c));
      }
    }
    Column n = functions.coalesce(col("_units"), lit(0L));
    Column dvaVnd = col("digital_va_bn_vnd").multiply(1e9);
    keep.add(n.as("enterprise_units"));
    keep.add(
        when(
                dvaVnd.gt(0).and(col("_top_vnd").isNotNull()),
                col("_top_vnd").multiply(100).divide(dvaVnd))
            .as("top_unit_share_pct"));
    keep.add(
        n.gt(0)
            .and(
                n.lt(minUnits)
                    .or(
                        col("_top_vnd")
                            .multiply(100)
                            .gt(col("_enterprise_vnd").multiply(maxTopSharePct))))
            .as("confidential"));
    return share.join(cells, CELL, "left").select(keep.toArray(Column[]::new));
  }
}
