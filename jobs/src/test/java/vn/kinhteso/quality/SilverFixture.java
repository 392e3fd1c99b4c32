package vn.kinhteso.quality;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.kinhteso.config.Reference;
import vn.kinhteso.conform.SilverTables;

/**
 * Hand-made silver rows with the schemas of docs/lake-tables.md; clean unless a test spoils them.
 */
final class SilverFixture {
  static final StructType GRDP =
      lineage(
          new StructType()
              .add("year", DataTypes.IntegerType)
              .add("province_code", DataTypes.StringType)
              .add("geo_level", DataTypes.StringType)
              .add("sector", DataTypes.StringType)
              .add("grdp_current_bn_vnd", DataTypes.DoubleType)
              .add("grdp_constant_2010_bn_vnd", DataTypes.DoubleType)
              .add("release", DataTypes.StringType)
              .add("release_date", DataTypes.DateType)
              .add("is_latest", DataTypes.BooleanType));
  static final StructType REGISTER =
      lineage(
          new StructType()
              .add("tax_id", DataTypes.StringType)
              .add("parent_tax_id", DataTypes.StringType)
              .add("name", DataTypes.StringType)
              .add("vsic_code", DataTypes.StringType)
              .add("section", DataTypes.StringType)
              .add("ict_core", DataTypes.BooleanType)
              .add("size_class", DataTypes.StringType)
              .add("registered_on", DataTypes.DateType)
              .add("closed_on", DataTypes.DateType)
              .add("snapshot_date", DataTypes.DateType)
              .add("is_latest", DataTypes.BooleanType));
  static final StructType DECLARATIONS =
      lineage(
          new StructType()
              .add("tax_id", DataTypes.StringType)
              .add("parent_tax_id", DataTypes.StringType)
              .add("period", DataTypes.StringType)
              .add("year", DataTypes.IntegerType)
              .add("period_start", DataTypes.DateType)
              .add("months", DataTypes.IntegerType)
              .add("province_code", DataTypes.StringType)
              .add("province_2004", DataTypes.StringType)
              .add("province_2025", DataTypes.StringType)
              .add("amendment", DataTypes.IntegerType)
              .add("revenue_vnd", DataTypes.LongType)
              .add("intermediate_cost_vnd", DataTypes.LongType)
              .add("wage_bill_vnd", DataTypes.LongType)
              .add("employees", DataTypes.LongType)
              .add("is_latest", DataTypes.BooleanType));
  static final StructType ECOMMERCE =
      lineage(
          new StructType()
              .add("platform", DataTypes.StringType)
              .add("month", DataTypes.StringType)
              .add("year", DataTypes.IntegerType)
              .add("month_start", DataTypes.DateType)
              .add("seller_ref", DataTypes.StringType)
              .add("seller_type", DataTypes.StringType)
              .add("seller_tax_id", DataTypes.StringType)
              .add("province_code", DataTypes.StringType)
              .add("province_2004", DataTypes.StringType)
              .add("province_2025", DataTypes.StringType)
              .add("category", DataTypes.StringType)
              .add("section", DataTypes.StringType)
              .add("va_ratio", DataTypes.DoubleType)
              .add("orders", DataTypes.LongType)
              .add("gmv_vnd", DataTypes.LongType)
              .add("refunds_vnd", DataTypes.LongType)
              .add("net_vnd", DataTypes.LongType));
  static final StructType QUARANTINE =
      new StructType()
          .add("source", DataTypes.StringType)
          .add("file_path", DataTypes.StringType)
          .add("file_hash", DataTypes.StringType)
          .add("line_no", DataTypes.LongType)
          .add("reason", DataTypes.StringType)
          .add("detail", DataTypes.StringType)
          .add("raw", DataTypes.StringType)
          .add("run_id", DataTypes.StringType);
  static final StructType SHARE =
      new StructType()
          .add("geo_level", DataTypes.StringType)
          .add("province_code", DataTypes.StringType)
          .add("year", DataTypes.IntegerType)
          .add("sector", DataTypes.StringType)
          .add("grdp_current_bn_vnd", DataTypes.DoubleType)
          .add("share_pct", DataTypes.DoubleType)
          .add("coverage_pct", DataTypes.DoubleType);

  private static final int[] WEIGHTS = {31, 29, 23, 19, 17, 13, 7, 5, 3};

  private final SparkSession spark;
  private final Reference ref;

  SilverFixture(SparkSession spark, Reference ref) {
    this.spark = spark;
    this.ref = ref;
  }

  private static StructType lineage(StructType t) {
    return t.add("file_path", DataTypes.StringType)
        .add("file_hash", DataTypes.StringType)
        .add("line_no", DataTypes.LongType)
        .add("run_id", DataTypes.StringType);
  }

  Dataset<Row> frame(List<Row> rows, StructType schema) {
    return spark.createDataFrame(rows, schema);
  }

  /** Only the given tables; the others are absent (their checks are not applicable). */
  static SilverTables tables(
      Dataset<Row> grdp,
      Dataset<Row> register,
      Dataset<Row> declarations,
      Dataset<Row> ecommerce,
      Dataset<Row> quarantine) {
    return new SilverTables(grdp, null, null, null, register, declarations, ecommerce, quarantine);
  }

  // ---- tax ids ----------------------------------------------------------------------------

  /** The {@code n}-th valid 10-digit tax id of a synthetic series (check digit computed). */
  static String taxId(int n) {
    for (int k = n * 7 + 1; ; k++) {
      String base = String.format(Locale.ROOT, "01%07d", k);
      int sum = 0;
      for (int i = 0; i < 9; i++) {
        sum += WEIGHTS[i] * (base.charAt(i) - '0');
      }
      if (sum % 11 != 0 && !base.substring(2).equals("0000000")) {
        return base + (10 - sum % 11);
      }
    }
  }

  // ---- rows -------------------------------------------------------------------------------

  static Row grdp(
      int year,
      String province,
      String sector,
      Double current,
      Double constant,
      String release,
      boolean latest,
      String runId) {
    String level = year <= 2024 ? "province_2004" : "province_2025";
    return RowFactory.create(
        year,
        province,
        level,
        sector,
        current,
        constant,
        release,
        Date.valueOf(release.substring(0, 10)),
        latest,
        "grdp.csv",
        "h",
        2L,
        runId);
  }

  /** Latest GRDP of every 2025 province for sectors C, J and TSP. */
  List<Row> grdpGrid2025(String runId) {
    List<Row> rows = new ArrayList<>();
    for (String p : ref.provinces2025().keySet()) {
      rows.add(grdp(2025, p, "C", 100.0, 60.0, "2026-01-10-preliminary", true, runId));
      rows.add(grdp(2025, p, "J", 20.0, 10.0, "2026-01-10-preliminary", true, runId));
      rows.add(grdp(2025, p, "TSP", -5.0, -2.0, "2026-01-10-preliminary", true, runId));
    }
    return rows;
  }

  static Row register(String taxId, String vsic, String section, boolean ictCore, String runId) {
    return RowFactory.create(
        taxId,
        taxId.substring(0, 10),
        "Công ty",
        vsic,
        section,
        ictCore,
        "small",
        Date.valueOf("2015-01-01"),
        null,
        Date.valueOf("2024-12-31"),
        true,
        "r.csv",
        "h",
        2L,
        runId);
  }

  /** A monthly or quarterly declaration filed at a 2004 (before July 2025) or 2025 tax office. */
  Row declaration(
      String taxId,
      String period,
      String province,
      int amendment,
      long revenue,
      boolean latest,
      String runId) {
    boolean quarterly = period.contains("Q");
    LocalDate start =
        quarterly
            ? LocalDate.of(
                Integer.parseInt(period.substring(0, 4)), (period.charAt(6) - '1') * 3 + 1, 1)
            : YearMonth.parse(period).atDay(1);
    boolean old = start.isBefore(SqlRules.CODE_SWITCH);
    return RowFactory.create(
        taxId,
        taxId.substring(0, 10),
        period,
        start.getYear(),
        Date.valueOf(start),
        quarterly ? 3 : 1,
        province,
        old ? province : null,
        old ? ref.crosswalk().get(province) : province,
        amendment,
        revenue,
        revenue / 2,
        revenue / 10,
        5L,
        latest,
        "d.csv",
        "h",
        2L,
        runId);
  }

  Row sale(
      String platform,
      String month,
      String sellerRef,
      String sellerType,
      String province,
      String category,
      long gmv,
      long refunds,
      String runId) {
    LocalDate start = YearMonth.parse(month).atDay(1);
    boolean old = start.isBefore(SqlRules.CODE_SWITCH);
    Reference.Category c = ref.categories().get(category);
    return RowFactory.create(
        platform,
        month,
        start.getYear(),
        Date.valueOf(start),
        sellerRef,
        sellerType,
        sellerType.equals("enterprise") ? sellerRef : null,
        province,
        old ? province : null,
        old ? ref.crosswalk().get(province) : province,
        category,
        c == null ? "G" : c.section(),
        c == null ? 0.12 : c.vaRatio(),
        3L,
        gmv,
        refunds,
        gmv - refunds,
        "e.jsonl",
        "h",
        1L,
        runId);
  }

  static Row quarantined(String source, String reason, String runId) {
    return RowFactory.create(source, "d.csv", "h", 9L, reason, "detail", "raw", runId);
  }

  static Row share(String province, String sector, Double share, Double coverage) {
    return RowFactory.create("province_2025", province, 2025, sector, 100.0, share, coverage);
  }

  /** A row with one field replaced (the test's violation). */
  static Row with(Row r, StructType schema, String column, Object value) {
    Object[] v = new Object[r.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.get(i);
    }
    v[schema.fieldIndex(column)] = value;
    return RowFactory.create(v);
  }
}
