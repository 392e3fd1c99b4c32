package vn.kinhteso.indicators;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.config.Reference;
import vn.kinhteso.conform.Codes;

/**
 * The interval of methodology §3 on generated cells whose true share is known: the assumptions (and
 * the revision of a preliminary GRDP) are drawn from their ranges, and the 95% interval must cover
 * the truth in 90-99% of the cells. A cell where one unit dominates gets the width its assumptions
 * imply, the same as a cell with the same components spread over many units.
 */
class AssumptionIntervalIT {
  static SparkSession spark = SharedSpark.get();
  static Reference ref = Reference.load(SharedSpark.config(Map.of()));
  static Codes codes = new Codes(ref);
  static final String PRELIMINARY = "2026-01-20-preliminary";
  static final String OFFICIAL = "2026-09-30-official";
  static final double BN = 1e9;

  static final StructType SHARE =
      new StructType()
          .add("geo_level", DataTypes.StringType)
          .add("province_code", DataTypes.StringType)
          .add("year", DataTypes.IntegerType)
          .add("sector", DataTypes.StringType)
          .add("grdp_current_bn_vnd", DataTypes.DoubleType)
          .add("share_pct", DataTypes.DoubleType)
          .add("ci_low_pct", DataTypes.DoubleType)
          .add("ci_high_pct", DataTypes.DoubleType)
          .add("grdp_release", DataTypes.StringType)
          .add("quality_flags", DataTypes.StringType);
  static final StructType ACCOUNTS =
      new StructType()
          .add("tax_id", DataTypes.StringType)
          .add("year", DataTypes.IntegerType)
          .add("geo_level", DataTypes.StringType)
          .add("province_code", DataTypes.StringType)
          .add("section", DataTypes.StringType)
          .add("positive_va_vnd", DataTypes.LongType)
          .add("w", DataTypes.DoubleType)
          .add("component", DataTypes.StringType);
  static final StructType HOUSEHOLD =
      new StructType()
          .add("seller_ref", DataTypes.StringType)
          .add("year", DataTypes.IntegerType)
          .add("geo_level", DataTypes.StringType)
          .add("province_code", DataTypes.StringType)
          .add("section", DataTypes.StringType)
          .add("category", DataTypes.StringType)
          .add("net_vnd", DataTypes.LongType);
  static final StructType GRDP =
      new StructType()
          .add("year", DataTypes.IntegerType)
          .add("province_code", DataTypes.StringType)
          .add("sector", DataTypes.StringType)
          .add("grdp_current_bn_vnd", DataTypes.DoubleType)
          .add("release", DataTypes.StringType);

  /** One generated cell: its units and sellers, in VND. */
  static final class Cell {
    final String code;
    final double grdp;
    final String release;
    final List<long[]> core = new ArrayList<>();
    final List<Object[]> digitalised = new ArrayList<>();
    final List<Object[]> sellers = new ArrayList<>();

    Cell(String code, double grdp, String release) {
      this.code = code;
      this.grdp = grdp;
      this.release = release;
    }

    double share(double coreShare, double theta, Map<String, Double> ratio, double revision) {
      double dva = 0;
      for (long[] c : core) {
        dva += c[0] * coreShare;
      }
      for (Object[] d : digitalised) {
        dva += (long) d[0] * Math.pow((double) d[1], theta);
      }
      for (Object[] s : sellers) {
        dva += (long) s[0] * ratio.get((String) s[1]);
      }
      return 100 * dva / BN / (grdp * (1 + revision));
    }

    double pointShare() {
      Map<String, Double> centre = new HashMap<>();
      ref.categories().values().forEach(c -> centre.put(c.code(), c.vaRatio()));
      return share(1, 1, centre, 0);
    }
  }

  static Dataset<Row> share(List<Cell> cells) {
    List<Row> rows = new ArrayList<>();
    for (Cell c : cells) {
      rows.add(
          RowFactory.create(
              "province_2025",
              c.code,
              2025,
              "J",
              c.grdp,
              c.pointShare(),
              null,
              null,
              c.release,
              null));
    }
    return spark.createDataFrame(rows, SHARE);
  }

  static Dataset<Row> accounts(List<Cell> cells) {
    List<Row> rows = new ArrayList<>();
    int id = 0;
    for (Cell c : cells) {
      for (long[] u : c.core) {
        rows.add(
            RowFactory.create(
                "u" + id++, 2025, "province_2025", c.code, "J", u[0], 1.0, DigitalWeight.CORE_ICT));
      }
      for (Object[] u : c.digitalised) {
        rows.add(
            RowFactory.create(
                "u" + id++,
                2025,
                "province_2025",
                c.code,
                "J",
                u[0],
                u[1],
                DigitalWeight.DIGITALISED_ENTERPRISE));
      }
    }
    return spark.createDataFrame(rows, ACCOUNTS);
  }

  static Dataset<Row> household(List<Cell> cells) {
    List<Row> rows = new ArrayList<>();
    int id = 0;
    for (Cell c : cells) {
      for (Object[] s : c.sellers) {
        rows.add(RowFactory.create("h" + id++, 2025, "province_2025", c.code, "J", s[1], s[0]));
      }
    }
    return spark.createDataFrame(rows, HOUSEHOLD);
  }

  /** Revisions preliminary → official of 2023, observed for 40 province-sectors. */
  static List<Double> revisions() {
    Random r = new Random(11);
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      out.add(-0.06 + 0.10 * r.nextDouble());
    }
    return out;
  }

  static Dataset<Row> grdp(List<Double> revisions) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < revisions.size(); i++) {
      String p = String.format(Locale.ROOT, "%02d", i + 1);
      rows.add(RowFactory.create(2023, p, "C", 1000.0, "2024-01-20-preliminary"));
      rows.add(
          RowFactory.create(2023, p, "C", 1000.0 * (1 + revisions.get(i)), "2024-09-30-official"));
    }
    return spark.createDataFrame(rows, GRDP);
  }

  static Map<String, Row> byCode(Dataset<Row> d) {
    Map<String, Row> m = new HashMap<>();
    d.collectAsList().forEach(r -> m.put(r.getAs("province_code"), r));
    return m;
  }

  static double uniform(Random r, double low, double high) {
    return low + (high - low) * r.nextDouble();
  }

  @Test
  void theIntervalCoversTheTrueShareInAbout95PercentOfCells() {
    Random g = new Random(5);
    List<Cell> cells = new ArrayList<>();
    for (int k = 0; k < 200; k++) {
      Cell c =
          new Cell(
              String.format(Locale.ROOT, "C%03d", k), 500 + 1500 * g.nextDouble(), PRELIMINARY);
      for (int u = 0; u < 1 + g.nextInt(3); u++) {
        c.core.add(new long[] {(long) (BN * (5 + 60 * g.nextDouble()))});
      }
      for (int u = 0; u < 2 + g.nextInt(5); u++) {
        c.digitalised.add(
            new Object[] {(long) (BN * (5 + 80 * g.nextDouble())), 0.05 + 0.9 * g.nextDouble()});
      }
      for (int s = 0; s < 1 + g.nextInt(4); s++) {
        c.sellers.add(
            new Object[] {
              (long) (BN * (10 + 200 * g.nextDouble())),
              g.nextBoolean() ? "fashion" : "digital_goods"
            });
      }
      cells.add(c);
    }
    List<Double> pool = revisions();
    Map<String, Row> out =
        byCode(
            new AssumptionInterval(spark, codes, 200, 20250701)
                .apply(share(cells), accounts(cells), household(cells), grdp(pool)));
    Reference.Assumption core =
        ref.intervalAssumptions().get(AssumptionInterval.CORE_DIGITAL_SHARE);
    Reference.Assumption theta = ref.intervalAssumptions().get(AssumptionInterval.THETA);
    int covered = 0;
    for (int k = 0; k < cells.size(); k++) {
      Cell c = cells.get(k);
      // The truth: every assumption drawn from its range, the revision from those observed.
      Random t = new Random(1000 + k);
      Map<String, Double> ratio = new HashMap<>();
      ref.categories()
          .values()
          .forEach(cat -> ratio.put(cat.code(), uniform(t, cat.vaRatioLow(), cat.vaRatioHigh())));
      double truth =
          c.share(
              uniform(t, core.low(), core.high()),
              uniform(t, theta.low(), theta.high()),
              ratio,
              pool.get(t.nextInt(pool.size())));
      Row r = out.get(c.code);
      if (r.<Double>getAs("ci_low_pct") <= truth && truth <= r.<Double>getAs("ci_high_pct")) {
        covered++;
      }
    }
    double coverage = covered / (double) cells.size();
    System.out.println("interval coverage on 200 generated cells: " + coverage);
    assertTrue(coverage >= 0.90 && coverage <= 0.99, "coverage " + coverage);
  }

  @Test
  void oneDominantUnitGetsTheWidthItsAssumptionsImply() {
    // Bắc Ninh-like: one ICT-core unit holds 58% of the cell's digital value added.
    Cell dominant = new Cell("BN", 1000, OFFICIAL);
    dominant.core.add(new long[] {(long) (58 * BN)});
    Cell spread = new Cell("SP", 1000, OFFICIAL);
    for (int u = 0; u < 29; u++) {
      spread.core.add(new long[] {(long) (2 * BN)});
    }
    for (Cell c : List.of(dominant, spread)) {
      for (int u = 0; u < 6; u++) {
        c.digitalised.add(new Object[] {(long) (10 * BN), 0.3 + 0.1 * u});
      }
      c.sellers.add(new Object[] {(long) (100 * BN), "fashion"});
    }
    Cell coreOnly = new Cell("CO", 200, OFFICIAL);
    coreOnly.core.add(new long[] {(long) (90 * BN)});
    coreOnly.core.add(new long[] {(long) (10 * BN)});
    List<Cell> cells = List.of(dominant, spread, coreOnly);
    Map<String, Row> out =
        byCode(
            new AssumptionInterval(spark, codes, 200, 7)
                .apply(share(cells), accounts(cells), household(cells), grdp(revisions())));
    Row bn = out.get("BN");
    Row sp = out.get("SP");
    assertEquals(sp.<Double>getAs("ci_low_pct"), bn.<Double>getAs("ci_low_pct"), 1e-9);
    assertEquals(sp.<Double>getAs("ci_high_pct"), bn.<Double>getAs("ci_high_pct"), 1e-9);
    double point = dominant.pointShare();
    assertTrue(bn.<Double>getAs("ci_low_pct") < point && point < bn.<Double>getAs("ci_high_pct"));
    // Core only, official GRDP: the share times the core share's 2.5% and 97.5% quantiles.
    Reference.Assumption core =
        ref.intervalAssumptions().get(AssumptionInterval.CORE_DIGITAL_SHARE);
    double s = coreOnly.pointShare();
    Row co = out.get("CO");
    double span = core.high() - core.low();
    assertEquals(s * (core.low() + 0.025 * span), co.<Double>getAs("ci_low_pct"), s * 0.015 * span);
    assertEquals(
        s * (core.low() + 0.975 * span), co.<Double>getAs("ci_high_pct"), s * 0.015 * span);
  }

  @Test
  void sameSeedSameIntervalOnAnyPartitioningAndNoRevisionSaidSo() {
    Random g = new Random(3);
    List<Cell> cells = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      Cell c = new Cell("P" + k, 800, PRELIMINARY);
      c.core.add(new long[] {(long) (BN * (1 + 30 * g.nextDouble()))});
      c.digitalised.add(new Object[] {(long) (BN * 20), 0.4});
      c.sellers.add(new Object[] {(long) (BN * 50), "digital_goods"});
      cells.add(c);
    }
    AssumptionInterval mc = new AssumptionInterval(spark, codes, 50, 42);
    List<Row> one =
        mc.apply(
                share(cells).repartition(1),
                accounts(cells).repartition(1),
                household(cells),
                grdp(revisions()).repartition(1))
            .orderBy("province_code")
            .collectAsList();
    List<Row> many =
        mc.apply(
                share(cells).repartition(3),
                accounts(cells).repartition(5),
                household(cells).repartition(4),
                grdp(revisions()).repartition(3))
            .orderBy("province_code")
            .collectAsList();
    assertEquals(one, many);
    assertTrue(one.stream().allMatch(r -> r.getAs("quality_flags") == null));
    // No revision observed in the landing zone: no revision term, and the row says so.
    Row flagged =
        mc.apply(share(cells), accounts(cells), household(cells), grdp(List.of()))
            .where(col("province_code").equalTo("P0"))
            .head();
    assertEquals(AssumptionInterval.NO_REVISION_OBSERVED, flagged.getAs("quality_flags"));
  }
}
