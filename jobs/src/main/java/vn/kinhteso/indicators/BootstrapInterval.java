package vn.kinhteso.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import vn.kinhteso.conform.Codes;

/**
 * Methodology §3, "Interval": a Poisson bootstrap over sampling units (each unit-year and each
 * household seller-year). Replicate r gives unit u the weight Poisson(1) drawn from a hash of
 * (u, r, seed), so the draw does not depend on partitioning; replicate sums are exact decimals,
 * so the same inputs and seed give the same interval on any cluster. All replicates are one
 * pass: contributions × replicates, grouped by (cell, replicate).
 */
public final class BootstrapInterval {
  private static final int MAX_K = 12;
  private static final String DECIMAL = "decimal(38,4)";

  private final SparkSession spark;
  private final Codes codes;
  private final int replicates;
  private final long seed;

  public BootstrapInterval(SparkSession spark, Codes codes, int replicates, long seed) {
    if (replicates < 2) {
      throw new IllegalArgumentException("Cannot bootstrap: replicates must be at least 2, got " + replicates);
    }
    this.spark = spark;
    this.codes = codes;
    this.replicates = replicates;
    this.seed = seed;
  }

  /** Poisson(1) by inverse CDF of a uniform taken from the hash's 53 high bits. */
  static Column poissonOne(Column unit, Column replicate, long seed) {
    Column bits = functions.shiftrightunsigned(functions.xxhash64(unit, replicate, lit(seed)), 11);
    Column u = bits.cast("double").divide(Math.pow(2, 53));
    double p = Math.exp(-1);
    double cdf = p;
    Column k = lit(MAX_K);
    double[] bounds = new double[MAX_K];
    for (int i = 0; i < MAX_K; i++) {
      bounds[i] = cdf;
      p = p / (i + 1);
      cdf += p;
    }
    for (int i = MAX_K - 1; i >= 0; i--) {
      k = when(u.lt(bounds[i]), lit(i)).otherwise(k);
    }
    return k;
  }

  /**
   * @param share the digital_economy_share rows (geo_level, province_code, year, sector, grdp_current_bn_vnd)
   * @param digitalAccounts accounts with tax_id, year, geo_level, province_code, section, digital_va_vnd
   * @param household household rows with seller_ref, year, geo_level, province_code, section, household_online_vnd
   * @return share with ci_low_pct and ci_high_pct filled in
   */
  public Dataset<Row> apply(Dataset<Row> share, Dataset<Row> digitalAccounts, Dataset<Row> household) {
    Dataset<Row> contributions = digitalAccounts.select(functions.concat(lit("u:"), col("tax_id")).as("unit"),
            col("year"), col("geo_level"), col("province_code"), col("section"), col("digital_va_vnd").as("dva"))
        .unionByName(household.select(functions.concat(lit("h:"), col("seller_ref")).as("unit"), col("year"),
            col("geo_level"), col("province_code"), col("section"), col("household_online_vnd").as("dva")))
        .withColumn("dva", col("dva").cast(DECIMAL))
        .where(col("dva").notEqual(0));
    // Replicate sums are linear in the weights: draw at the level in force, per (unit, cell),
    // then add cells up to ALL and to the larger geographies, replicate by replicate.
    Dataset<Row> perUnit = contributions.groupBy("unit", "year", "geo_level", "province_code", "section")
        .agg(functions.sum("dva").as("dva"));
    Dataset<Row> reps = spark.range(replicates).select(col("id").cast("int").as("replicate"));
    Dataset<Row> base = perUnit.crossJoin(functions.broadcast(reps))
        .withColumn("w", poissonOne(functions.concat_ws("|", col("unit"), col("year").cast("string")),
            col("replicate"), seed))
        .groupBy(col("geo_level"), col("province_code"), col("year"), col("section").as("sector"), col("replicate"))
        .agg(functions.sum(col("dva").multiply(col("w"))).as("dva_r"));
    Dataset<Row> bySector = base.unionByName(base.groupBy("geo_level", "province_code", "year", "replicate")
        .agg(functions.sum("dva_r").as("dva_r")).withColumn("sector", lit(DigitalEconomyShare.ALL)));
    Dataset<Row> lifted = bySector.where(col("geo_level").equalTo(Codes.PROVINCE_2004))
        .withColumn("province_code", codes.crosswalk(col("province_code")))
        .withColumn("geo_level", lit(Codes.PROVINCE_2025))
        .unionByName(bySector.withColumn("province_code", lit(Codes.NATIONAL_CODE))
            .withColumn("geo_level", lit(Codes.NATIONAL)))
        .groupBy("geo_level", "province_code", "year", "sector", "replicate")
        .agg(functions.sum("dva_r").as("dva_r"));
    Dataset<Row> replicateDva = bySector.unionByName(lifted);
    // Cells without any contribution have DVA 0 in every replicate.
    Dataset<Row> cells = share.select("geo_level", "province_code", "year", "sector", "grdp_current_bn_vnd")
        .crossJoin(functions.broadcast(reps));
    List<String> key = List.of("geo_level", "province_code", "year", "sector", "replicate");
    Column grdp = col("grdp_current_bn_vnd");
    Dataset<Row> shares = cells.join(replicateDva, key.toArray(String[]::new), "left")
        .withColumn("share_r", when(grdp.isNotNull().and(grdp.notEqual(0)),
            functions.coalesce(col("dva_r"), lit(0)).cast("double").divide(1e9).multiply(100).divide(grdp)));
    Dataset<Row> interval = shares.groupBy("geo_level", "province_code", "year", "sector")
        .agg(functions.percentile(col("share_r"), lit(0.025)).as("ci_low_pct"),
            functions.percentile(col("share_r"), lit(0.975)).as("ci_high_pct"));
    return share.drop("ci_low_pct", "ci_high_pct")
        .join(interval, new String[] {"geo_level", "province_code", "year", "sector"}, "left")
        .select(share.columns()[0], java.util.Arrays.copyOfRange(share.columns(), 1, share.columns().length));
  }
}
