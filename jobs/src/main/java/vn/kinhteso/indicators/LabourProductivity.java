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
 * Methodology §4: LP = GRDP at constant 2010 prices (billion VND) / employed (thousands), in
 * million VND per worker; ALL is total constant GRDP including TSP over the sections' employment.
 * Growth = 100 × (LP(y) / LP(y−1) − 1), flagged across a series break of conf/.
 */
public final class LabourProductivity {
  private static final List<String> CELL = List.of("geo_level", "province_code", "year", "sector");

  private final Geographies geographies;
  private final List<Integer> seriesBreaks;

  public LabourProductivity(Geographies geographies, List<Integer> seriesBreaks) {
    this.geographies = geographies;
    this.seriesBreaks = List.copyOf(seriesBreaks);
  }

  public Dataset<Row> compute(Dataset<Row> grdp, Dataset<Row> employment) {
    Dataset<Row> g = cells(grdp, "grdp_constant_2010_bn_vnd", "grdp_releases");
    Dataset<Row> e = cells(employment, "employed_thousands", "employment_releases");
    Dataset<Row> gAll =
        Geographies.aggregate(
                g, List.of(), List.of("grdp_constant_2010_bn_vnd"), List.of("grdp_releases"))
            .withColumn("sector", lit(DigitalEconomyShare.ALL));
    Dataset<Row> eAll =
        Geographies.aggregate(
                e, List.of(), List.of("employed_thousands"), List.of("employment_releases"))
            .withColumn("sector", lit(DigitalEconomyShare.ALL));
    String[] cell = CELL.toArray(String[]::new);
    // A row needs both a GRDP row and an employment row.
    Dataset<Row> rows = g.join(e, cell).unionByName(gAll.join(eAll, cell));
    Column lp =
        when(
            col("employed_thousands").notEqual(0),
            col("grdp_constant_2010_bn_vnd").divide(col("employed_thousands")));
    Dataset<Row> withLp = rows.withColumn("productivity_mn_vnd", lp);
    Dataset<Row> previous =
        withLp.select(
            col("geo_level"),
            col("province_code"),
            col("sector"),
            col("year").plus(1).as("year"),
            col("productivity_mn_vnd").as("_lp_prev"));
    Column growth =
        when(
            col("_lp_prev").notEqual(0),
            col("productivity_mn_vnd").divide(col("_lp_prev")).minus(1).multiply(100));
    return withLp
        .join(previous, cell, "left")
        .select(
            col("geo_level"),
            col("province_code"),
            col("year"),
            col("sector"),
            col("grdp_constant_2010_bn_vnd"),
            col("employed_thousands"),
            col("productivity_mn_vnd"),
            growth.as("growth_pct"),
            growth.isNotNull().and(col("year").isin(seriesBreaks.toArray())).as("series_break"),
            functions.concat_ws(";", col("grdp_releases")).as("grdp_release"),
            functions.concat_ws(";", col("employment_releases")).as("employment_release"));
  }

  private Dataset<Row> cells(Dataset<Row> stats, String measure, String releases) {
    Dataset<Row> base =
        stats
            .where(col("is_latest"))
            .select(
                col("geo_level"),
                col("province_code"),
                col("year"),
                col("sector"),
                col(measure),
                functions.array(col("release")).as(releases));
    return geographies.expand(base, List.of("sector"), List.of(measure), List.of(releases));
  }
}
