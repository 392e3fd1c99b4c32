package vn.kinhteso.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import vn.kinhteso.config.Reference;
import vn.kinhteso.conform.Codes;

/**
 * Methodology §3, "Interval". Declarations and platform reports are a census, so the interval
 * varies what really makes a share uncertain, in one seeded Monte Carlo of R replicates:
 *
 * <ul>
 *   <li>the assumptions, each drawn per replicate in its range of conf/: the household {@code
 *       va_ratio} of each category, the digital share of an ICT-core unit's value added, and the
 *       exponent θ of the digitalised weight ({@code w^θ});
 *   <li>where the GRDP used is a preliminary release, the denominator times (1 + a relative
 *       revision) drawn from the revisions preliminary → official observed in the landing zone
 *       (none observed: no revision term, and the row's quality flags say so).
 * </ul>
 *
 * Every draw is a function of (seed, replicate, what is drawn) through a hash, and the replicate
 * sums are exact decimals, so the same inputs and seed give the same interval on any cluster. An
 * assumption is common to all units in a replicate: a cell where one unit holds most of the digital
 * value added gets the width its assumptions imply, not a collapse to the other units.
 */
public final class AssumptionInterval {
  public static final String CORE_DIGITAL_SHARE = "core_digital_share";
  public static final String THETA = "theta";
  public static final String NO_REVISION_OBSERVED = "grdp_preliminary_no_revision_observed";
  private static final String DECIMAL = "decimal(38,4)";
  private static final String[] CELL = {"geo_level", "province_code", "year", "sector"};

  private final SparkSession spark;
  private final Codes codes;
  private final int replicates;
  private final long seed;

  public AssumptionInterval(SparkSession spark, Codes codes, int replicates, long seed) {
    if (replicates < 2) {
      throw new IllegalArgumentException(
          "Cannot compute the interval: replicates must be at least 2, got " + replicates);
    }
    this.spark = spark;
    this.codes = codes;
    this.replicates = replicates;
    this.seed = seed;
  }

  /** A uniform [0, 1) draw from the hash of (seed, replicate, what is drawn). */
  static Column uniform(long seed, Column replicate, Column what) {
    Column bits = functions.shiftrightunsigned(functions.xxhash64(lit(seed), replicate, what), 11);
    return bits.cast("double").divide(Math.pow(2, 53));
  }

  private Column draw(Reference.Assumption a, Column replicate, String what) {
    if (a == null) {
      return lit(1.0);
    }
    return lit(a.low()).plus(uniform(seed, replicate, lit(what)).multiply(a.high() - a.low()));
  }

  /**
   * @param share the digital_economy_share rows (geo_level, province_code, year, sector,
   *     grdp_current_bn_vnd, grdp_release, quality_flags, ...)
   * @param digitalAccounts accounts with year, geo_level, province_code, section, positive_va_vnd,
   *     w, component
   * @param household seller rows with year, geo_level, province_code, section, category, net_vnd
   * @param grdp silver.grdp, every release (the revisions observed)
   * @return share with ci_low_pct and ci_high_pct filled in
   */
  public Dataset<Row> apply(
      Dataset<Row> share, Dataset<Row> digitalAccounts, Dataset<Row> household, Dataset<Row> grdp) {
    Map<String, Reference.Assumption> assumptions = codes.reference().intervalAssumptions();
    Dataset<Row> reps = spark.range(replicates).select(col("id").cast("int").as("replicate"));
    Column r = col("replicate");
    Column coreShare = draw(assumptions.get(CORE_DIGITAL_SHARE), r, CORE_DIGITAL_SHARE);
    Column theta = draw(assumptions.get(THETA), r, THETA);
    List<Column> ratio = new ArrayList<>();
    for (Reference.Category c : codes.reference().categories().values()) {
      ratio.add(lit(c.code()));
      ratio.add(
          lit(c.vaRatioLow())
              .plus(
                  uniform(seed, r, lit("va_ratio|" + c.code()))
                      .multiply(c.vaRatioHigh() - c.vaRatioLow())));
    }
    Column ratioOf =
        functions.element_at(functions.map(ratio.toArray(Column[]::new)), col("category"));

    // What the replicates vary, summed at the level in force before the cross join.
    Dataset<Row> core =
        digitalAccounts
            .where(col("component").equalTo(DigitalWeight.CORE_ICT))
            .groupBy(col("geo_level"), col("province_code"), col("year"), col("section"))
            .agg(functions.sum(col("positive_va_vnd").cast(DECIMAL)).as("amount"))
            .withColumn("kind", lit("core"))
            .withColumn("w", lit(1.0))
            .withColumn("category", lit(null).cast("string"));
    Dataset<Row> digitalised =
        digitalAccounts
            .where(
                col("component").equalTo(DigitalWeight.DIGITALISED_ENTERPRISE).and(col("w").gt(0)))
            .groupBy(col("geo_level"), col("province_code"), col("year"), col("section"), col("w"))
            .agg(functions.sum(col("positive_va_vnd").cast(DECIMAL)).as("amount"))
            .withColumn("kind", lit("digitalised"))
            .withColumn("category", lit(null).cast("string"));
    Dataset<Row> sellers =
        household
            .groupBy(
                col("geo_level"),
                col("province_code"),
                col("year"),
                col("section"),
                col("category"))
            .agg(
                functions
                    .sum(functions.greatest(col("net_vnd"), lit(0L)).cast(DECIMAL))
                    .as("amount"))
            .withColumn("kind", lit("household"))
            .withColumn("w", lit(1.0));
    Dataset<Row> parts =
        core.unionByName(digitalised).unionByName(sellers).where(col("amount").notEqual(0));
    Column factor =
        when(col("kind").equalTo("core"), coreShare)
            .when(col("kind").equalTo("digitalised"), functions.pow(col("w"), theta))
            .otherwise(ratioOf);
    Dataset<Row> base =
        parts
            .crossJoin(functions.broadcast(reps))
            .withColumn("dva_r", col("amount").cast("double").multiply(factor).cast(DECIMAL))
            .groupBy(
                col("geo_level"),
                col("province_code"),
                col("year"),
                col("section").as("sector"),
                col("replicate"))
            .agg(functions.sum("dva_r").as("dva_r"));
    Dataset<Row> bySector =
        base.unionByName(
            base.groupBy("geo_level", "province_code", "year", "replicate")
                .agg(functions.sum("dva_r").as("dva_r"))
                .withColumn("sector", lit(DigitalEconomyShare.ALL)));
    Dataset<Row> lifted =
        codes
            .liftTo2025(bySector)
            .unionByName(
                bySector
                    .withColumn("province_code", lit(Codes.NATIONAL_CODE))
                    .withColumn("geo_level", lit(Codes.NATIONAL)))
            .groupBy("geo_level", "province_code", "year", "sector", "replicate")
            .agg(functions.sum("dva_r").as("dva_r"));
    Dataset<Row> replicateDva = bySector.unionByName(lifted);

    // The denominator: a preliminary GRDP is revised by a draw among the revisions observed.
    Dataset<Row> pool = Revisions.observed(grdp);
    Row sizes =
        pool.agg(
                functions.count(when(col("kind").equalTo("section"), 1)),
                functions.count(when(col("kind").equalTo("total"), 1)))
            .head();
    long sectionRevisions = sizes.getLong(0);
    long totalRevisions = sizes.getLong(1) > 0 ? sizes.getLong(1) : sectionRevisions;
    String totalKind = sizes.getLong(1) > 0 ? "total" : "section";
    Column preliminary =
        functions.coalesce(col("grdp_release").contains("preliminary"), lit(false));
    Column isAll = col("sector").equalTo(DigitalEconomyShare.ALL);
    Column n = when(isAll, lit(totalRevisions)).otherwise(lit(sectionRevisions));
    Column cellKey =
        functions.concat_ws(
            "|",
            lit("revision"),
            col("geo_level"),
            col("province_code"),
            col("year").cast("string"),
            col("sector"));
    Dataset<Row> cells =
        share
            .select(
                col("geo_level"),
                col("province_code"),
                col("year"),
                col("sector"),
                col("grdp_current_bn_vnd"),
                preliminary.as("preliminary"))
            .crossJoin(functions.broadcast(reps))
            .withColumn("kind", when(isAll, lit(totalKind)).otherwise(lit("section")))
            .withColumn(
                "idx",
                when(
                    col("preliminary").and(n.gt(0)),
                    functions.floor(uniform(seed, r, cellKey).multiply(n)).cast("long")));
    Dataset<Row> revised =
        cells
            .join(functions.broadcast(pool), new String[] {"kind", "idx"}, "left")
            .withColumn(
                "denominator",
                col("grdp_current_bn_vnd")
                    .multiply(
                        lit(1.0).plus(functions.coalesce(col("relative_revision"), lit(0.0)))));
    List<String> key = List.of("geo_level", "province_code", "year", "sector", "replicate");
    Column denominator = col("denominator");
    Dataset<Row> shares =
        revised
            .join(replicateDva, key.toArray(String[]::new), "left")
            .withColumn(
                "share_r",
                when(
                    denominator.isNotNull().and(denominator.notEqual(0)),
                    functions
                        .coalesce(col("dva_r"), lit(0))
                        .cast("double")
                        .divide(1e9)
                        .multiply(100)
                        .divide(denominator)));
    Dataset<Row> interval =
        shares
            .groupBy(CELL[0], CELL[1], CELL[2], CELL[3])
            .agg(
                functions.percentile(col("share_r"), lit(0.025)).as("ci_low_pct"),
                functions.percentile(col("share_r"), lit(0.975)).as("ci_high_pct"));
    Column noRevision =
        preliminary.and(
            when(isAll, lit(totalRevisions)).otherwise(lit(sectionRevisions)).equalTo(0));
    Dataset<Row> out = share.drop("ci_low_pct", "ci_high_pct").join(interval, CELL, "left");
    if (java.util.Arrays.asList(share.columns()).contains("quality_flags")) {
      out =
          out.withColumn(
              "quality_flags",
              when(
                      noRevision,
                      functions.concat_ws(";", col("quality_flags"), lit(NO_REVISION_OBSERVED)))
                  .otherwise(col("quality_flags")));
    }
    return out.select(
        java.util.Arrays.stream(share.columns()).map(functions::col).toArray(Column[]::new));
  }
}
