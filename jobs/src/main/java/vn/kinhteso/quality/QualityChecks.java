package vn.kinhteso.quality;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.kinhteso.config.ConfigKeys;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.conform.SilverTables;
import vn.kinhteso.quality.deequ.DeequFacade.Rule;

/**
 * The catalogue of checks: per silver table (keys, codes, ranges), across tables (register,
 * national total, province × sector grid) and on the staged gold table. docs/quality.md lists each
 * with its reason; the ids are stable, they key {@code quality.severity.<id>}.
 */
final class QualityChecks {
  static final String UNREGISTERED_REASON = "unregistered_tax_id";

  /** A check as defined: what it verifies and how much a failure weighs by default. */
  record Check(String id, String description, Severity defaultSeverity, Rule rule, String look) {}

  /**
   * The checks that run on one Dataset in one Deequ pass. {@code notApplicable}, when set, says why
   * none of them can run (no national series, nothing staged).
   */
  record Target(
      String table,
      Dataset<Row> data,
      List<String> exampleColumns,
      List<Check> checks,
      String notApplicable) {}

  private final Reference ref;
  private final PipelineConfig config;

  QualityChecks(Reference ref, PipelineConfig config) {
    this.ref = ref;
    this.config = config;
  }

  /** Every target of a run, in report order. */
  List<Target> targets(
      SilverTables silver,
      Set<String> runIds,
      Dataset<Row> stagedShare,
      Optional<Dataset<Row>> nationalGrdp) {
    List<Target> out = new ArrayList<>();
    out.add(statistics(SilverSource.GRDP, silver.grdp()));
    out.add(statistics(SilverSource.EMPLOYMENT, silver.employment()));
    out.add(statistics(SilverSource.RETAIL, silver.retail()));
    out.add(statistics(SilverSource.ICT, silver.ict()));
    out.add(register(silver.register()));
    out.add(declarations(silver.declarations()));
    out.add(ecommerce(silver.ecommerce()));
    out.add(registered(silver, runIds));
    out.add(grdpGrid(silver.grdp()));
    out.add(nationalTotal(silver.grdp(), nationalGrdp));
    out.add(stagedShare(stagedShare));
    return out;
  }

  /** Every check id of the catalogue (read from the definitions, without touching data). */
  Set<String> ids() {
    SilverTables none = new SilverTables(null, null, null, null, null, null, null, null);
    return targets(none, Set.of(), null, Optional.empty()).stream()
        .flatMap(t -> t.checks().stream())
        .map(Check::id)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  // ---- per silver table -------------------------------------------------------------------

  private Target statistics(SilverSource s, Dataset<Row> data) {
    String t = s.table;
    List<String> keys = s.keys;
    List<String> latestKeys = keys.stream().filter(k -> !k.equals("release")).toList();
    List<Check> c =
        new ArrayList<>(common(s, s == SilverSource.ICT ? Severity.WARNING : Severity.ERROR));
    c.add(
        new Check(
            t + ".latest_unique",
            "one latest release per " + String.join(", ", latestKeys),
            Severity.ERROR,
            Rule.unique(t + ".latest_unique", latestKeys, "is_latest"),
            duplicates(s, latestKeys, "is_latest")));
    c.add(
        satisfies(
            t + ".province_valid",
            "province code in the list of its geo_level, and the level in force for the year",
            Severity.ERROR,
            SqlRules.statisticsProvince(ref),
            "SELECT year, geo_level, province_code, count(*) FROM "
                + s.lakeName()
                + " GROUP BY 1, 2, 3 ORDER BY 1, 3"));
    c.add(
        satisfies(
            t + ".release_valid",
            "release label YYYY-MM-DD[-preliminary|-official] matching release_date",
            Severity.ERROR,
            SqlRules.release(),
            "SELECT release, release_date, count(*) FROM " + s.lakeName() + " GROUP BY 1, 2"));
    switch (s) {
      case GRDP -> {
        c.add(sector(s, true));
        c.add(
            satisfies(
                t + ".values_non_negative",
                "GRDP of a section (not TSP) is not negative",
                Severity.ERROR,
                "sector = 'TSP' OR ((grdp_current_bn_vnd IS NULL OR grdp_current_bn_vnd >= 0)"
                    + " AND (grdp_constant_2010_bn_vnd IS NULL OR grdp_constant_2010_bn_vnd >= 0))",
                "SELECT * FROM silver.grdp WHERE sector <> 'TSP' AND (grdp_current_bn_vnd < 0 OR grdp_constant_2010_bn_vnd < 0)"));
        c.add(
            satisfies(
                t + ".constant_positive",
                "GRDP at constant 2010 prices of a section (not TSP) is positive",
                Severity.WARNING,
                "sector = 'TSP' OR grdp_constant_2010_bn_vnd IS NULL OR grdp_constant_2010_bn_vnd > 0",
                "SELECT * FROM silver.grdp WHERE sector <> 'TSP' AND grdp_constant_2010_bn_vnd <= 0"));
      }
      case EMPLOYMENT -> {
        c.add(sector(s, false));
        c.add(nonNegativeStatistic(s, "employed_thousands"));
      }
      case RETAIL -> c.add(nonNegativeStatistic(s, "retail_sales_bn_vnd"));
      case ICT -> {
        c.add(
            satisfies(
                t + ".indicator_known",
                "indicator is one of the contract's list (unknown ones pass through)",
                Severity.WARNING,
                "known_indicator",
                "SELECT indicator, count(*) FROM silver.ict WHERE NOT known_indicator GROUP BY 1"));
        c.add(
            satisfies(
                t + ".pct_range",
                "a percentage indicator is between 0 and 100",
                Severity.WARNING,
                "NOT (indicator LIKE '%\\_pct') OR value IS NULL OR value BETWEEN 0 AND 100",
                "SELECT * FROM silver.ict WHERE indicator LIKE '%pct' AND (value < 0 OR value > 100)"));
      }
      default -> throw new IllegalArgumentException("not a statistics table: " + s);
    }
    return new Target(s.lakeName(), data, keys, c, null);
  }

  private Target register(Dataset<Row> data) {
    SilverSource s = SilverSource.REGISTER;
    List<Check> c = new ArrayList<>(common(s, Severity.ERROR));
    c.add(
        new Check(
            "register.latest_unique",
            "one newest snapshot per tax_id",
            Severity.ERROR,
            Rule.unique("register.latest_unique", List.of("tax_id"), "is_latest"),
            duplicates(s, List.of("tax_id"), "is_latest")));
    c.add(taxIdCheck(s, "tax_id"));
    c.add(
        satisfies(
            "register.vsic_valid",
            "vsic_code is a VSIC 2018 class or sub-class and section is its section",
            Severity.ERROR,
            SqlRules.vsic(ref),
            "SELECT vsic_code, section, count(*) FROM silver.register GROUP BY 1, 2 ORDER BY 1"));
    c.add(
        satisfies(
            "register.ict_core_consistent",
            "ict_core agrees with the ICT-core prefixes of conf",
            Severity.ERROR,
            SqlRules.ictCore(ref),
            "SELECT vsic_code, ict_core, count(*) FROM silver.register GROUP BY 1, 2 ORDER BY 1"));
    c.add(
        satisfies(
            "register.size_class_valid",
            "size_class is micro, small, medium or large",
            Severity.ERROR,
            SqlRules.in("size_class", List.of("micro", "small", "medium", "large")),
            "SELECT size_class, count(*) FROM silver.register GROUP BY 1"));
    return new Target(s.lakeName(), data, s.keys, c, null);
  }

  private Target declarations(Dataset<Row> data) {
    SilverSource s = SilverSource.DECLARATIONS;
    List<Check> c = new ArrayList<>(common(s, Severity.ERROR));
    c.add(
        new Check(
            "declarations.latest_unique",
            "one highest amendment per tax_id and period",
            Severity.ERROR,
            Rule.unique("declarations.latest_unique", List.of("tax_id", "period"), "is_latest"),
            duplicates(s, List.of("tax_id", "period"), "is_latest")));
    c.add(taxIdCheck(s, "tax_id"));
    c.add(
        satisfies(
            "declarations.period_valid",
            "period is YYYY-MM (months 1) or YYYY-Qn (months 3) and agrees with period_start and year",
            Severity.ERROR,
            "year = year(period_start) AND dayofmonth(period_start) = 1 AND CASE months"
                + " WHEN 1 THEN period = date_format(period_start, 'yyyy-MM')"
                + " WHEN 3 THEN period = concat(year(period_start), '-Q', quarter(period_start))"
                + " AND month(period_start) IN (1, 4, 7, 10) ELSE false END",
            "SELECT period, period_start, months, year, count(*) FROM silver.declarations GROUP BY 1, 2, 3, 4 ORDER BY 1"));
    c.add(provinceDated(s, "period_start"));
    c.add(
        satisfies(
            "declarations.amounts_non_negative",
            "revenue, intermediate cost, wage bill and employees are present and not negative",
            Severity.ERROR,
            "revenue_vnd >= 0 AND intermediate_cost_vnd >= 0 AND wage_bill_vnd >= 0 AND employees >= 0",
            "SELECT * FROM silver.declarations WHERE NOT (revenue_vnd >= 0 AND intermediate_cost_vnd >= 0"
                + " AND wage_bill_vnd >= 0 AND employees >= 0)"));
    return new Target(s.lakeName(), data, s.keys, c, null);
  }

  private Target ecommerce(Dataset<Row> data) {
    SilverSource s = SilverSource.ECOMMERCE;
    List<Check> c = new ArrayList<>(common(s, Severity.ERROR));
    c.add(
        satisfies(
            "ecommerce.period_valid",
            "month is YYYY-MM and agrees with month_start and year",
            Severity.ERROR,
            "month = date_format(month_start, 'yyyy-MM') AND dayofmonth(month_start) = 1"
                + " AND year = year(month_start)",
            "SELECT platform, month, month_start, year, count(*) FROM silver.ecommerce GROUP BY 1, 2, 3, 4"));
    c.add(provinceDated(s, "month_start"));
    c.add(
        satisfies(
            "ecommerce.category_valid",
            "category is in the conf map, with its section and va_ratio",
            Severity.ERROR,
            SqlRules.category(ref),
            "SELECT category, section, va_ratio, count(*) FROM silver.ecommerce GROUP BY 1, 2, 3"));
    c.add(
        satisfies(
            "ecommerce.amounts_non_negative",
            "orders, GMV and refunds are present and not negative; net = GMV - refunds",
            Severity.ERROR,
            "orders >= 0 AND gmv_vnd >= 0 AND refunds_vnd >= 0 AND net_vnd = gmv_vnd - refunds_vnd",
            "SELECT * FROM silver.ecommerce WHERE NOT (orders >= 0 AND gmv_vnd >= 0 AND refunds_vnd >= 0"
                + " AND net_vnd = gmv_vnd - refunds_vnd)"));
    c.add(
        satisfies(
            "ecommerce.refunds_within_gmv",
            "refunds of a month are not above its GMV",
            Severity.ERROR,
            "refunds_vnd <= gmv_vnd",
            "SELECT * FROM silver.ecommerce WHERE refunds_vnd > gmv_vnd"));
    c.add(
        satisfies(
            "ecommerce.seller_tax_id_valid",
            "an enterprise seller's seller_ref is its tax id, with a valid check digit",
            Severity.ERROR,
            "seller_type IN ('enterprise', 'household', 'individual') AND (seller_type <> 'enterprise'"
                + " OR (seller_ref = seller_tax_id AND "
                + SqlRules.taxId("seller_tax_id")
                + "))",
            "SELECT seller_type, seller_ref, seller_tax_id FROM silver.ecommerce WHERE seller_type = 'enterprise'"));
    c.add(
        satisfies(
            "ecommerce.citizen_ids_pseudonymised",
            "household and individual sellers appear only as pseudonyms p:<hex>, never as citizen ids",
            Severity.ERROR,
            "NOT seller_ref rlike '^[0-9]{12}$' AND (seller_type = 'enterprise'"
                + " OR (seller_ref LIKE 'p:%' AND seller_tax_id IS NULL))",
            "SELECT platform, month, seller_type, file_path, line_no FROM silver.ecommerce"
                + " WHERE seller_type <> 'enterprise' AND seller_ref NOT LIKE 'p:%'"));
    return new Target(
        s.lakeName(),
        data,
        List.of("platform", "month", "category", "file_path", "line_no"),
        c,
        null);
  }

  /** Present, keys complete and unique over all rows (superseded rows keep their own key). */
  private List<Check> common(SilverSource s, Severity presence) {
    String t = s.table;
    List<String> complete = new ArrayList<>(s.keys);
    complete.addAll(s.alsoComplete);
    return List.of(
        new Check(
            t + ".has_rows",
            "the source delivered rows (a source missing entirely)",
            presence,
            Rule.hasRows(t + ".has_rows"),
            "SELECT file_path, status, reason, ingested_at FROM bronze.files WHERE source = '"
                + s.source
                + "'"),
        new Check(
            t + ".key_complete",
            "no null in " + String.join(", ", complete),
            Severity.ERROR,
            Rule.complete(t + ".key_complete", complete),
            "SELECT * FROM "
                + s.lakeName()
                + " WHERE "
                + complete.stream().map(k -> k + " IS NULL").collect(Collectors.joining(" OR "))),
        new Check(
            t + ".key_unique",
            "key (" + String.join(", ", s.keys) + ") unique over all rows",
            Severity.ERROR,
            Rule.unique(t + ".key_unique", s.keys, null),
            duplicates(s, s.keys, null)));
  }

  private Check sector(SilverSource s, boolean withTsp) {
    List<String> sectors = new ArrayList<>(ref.sections().keySet());
    if (withTsp) {
      sectors.add("TSP");
    }
    return satisfies(
        s.table + ".sector_valid",
        "sector is a VSIC section" + (withTsp ? " or TSP" : ""),
        Severity.ERROR,
        SqlRules.in("sector", sectors),
        "SELECT sector, count(*) FROM " + s.lakeName() + " GROUP BY 1");
  }

  private Check nonNegativeStatistic(SilverSource s, String column) {
    return satisfies(
        s.table + ".non_negative",
        column + " is not negative (null = not available)",
        Severity.ERROR,
        column + " IS NULL OR " + column + " >= 0",
        "SELECT * FROM " + s.lakeName() + " WHERE " + column + " < 0");
  }

  private Check taxIdCheck(SilverSource s, String column) {
    return satisfies(
        s.table + ".tax_id_valid",
        "tax id of 10 digits or NNNNNNNNNN-NNN with a valid check digit; parent_tax_id its first 10",
        Severity.ERROR,
        SqlRules.taxId(column) + " AND parent_tax_id = substr(" + column + ", 1, 10)",
        "SELECT "
            + column
            + ", parent_tax_id, file_path, line_no FROM "
            + s.lakeName()
            + " WHERE NOT "
            + column
            + " rlike '^[0-9]{10}(-[0-9]{3})?$'  -- then the check digit, see docs/quality.md");
  }

  private Check provinceDated(SilverSource s, String dateColumn) {
    return satisfies(
        s.table + ".province_valid",
        "province code in the list of its date; province_2004 kept before 2025-07-01 only; province_2025 its crosswalk",
        Severity.ERROR,
        SqlRules.datedProvince(ref, dateColumn),
        "SELECT "
            + dateColumn
            + ", province_code, province_2004, province_2025, count(*) FROM "
            + s.lakeName()
            + " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2");
  }

  // ---- across tables ----------------------------------------------------------------------

  /** Share of this run's declarations (silver and quarantined) whose tax id is registered. */
  private Target registered(SilverTables silver, Set<String> runIds) {
    double maxShare = config.get(ConfigKeys.UNREGISTERED_MAX_SHARE);
    String id = "declarations.registered";
    Check check =
        satisfies(
            id,
            String.format(
                Locale.ROOT,
                "at most %.1f%% of this run's declarations have a tax id missing from the register",
                100 * maxShare),
            Severity.ERROR,
            "registered",
            1 - maxShare,
            "SELECT count(*) FROM quality.quarantine WHERE reason = '"
                + UNREGISTERED_REASON
                + "' AND run_id IN (<this run>); then SELECT max(snapshot_date) FROM silver.register");
    String table = "silver.declarations + quality.quarantine";
    if (silver.declarations() == null || silver.register() == null) {
      return new Target(table, null, List.of(), List.of(check), "declarations or register missing");
    }
    Column thisRun = col("run_id").isin(runIds.toArray());
    Dataset<Row> known =
        silver.register().select("tax_id").distinct().withColumn("in_register", lit(true));
    Dataset<Row> delivered =
        silver
            .declarations()
            .where(thisRun)
            .select("tax_id")
            .join(known, "tax_id", "left")
            .select(col("tax_id"), coalesce(col("in_register"), lit(false)).as("registered"));
    if (silver.quarantine() != null) {
      Dataset<Row> quarantined =
          silver
              .quarantine()
              .where(
                  thisRun
                      .and(col("source").equalTo(SilverSource.DECLARATIONS.source))
                      .and(col("reason").equalTo(UNREGISTERED_REASON)))
              .select(
                  lit(null).cast(DataTypes.StringType).as("tax_id"), lit(false).as("registered"));
      delivered = delivered.unionByName(quarantined);
    }
    return new Target(table, delivered, List.of("tax_id"), List.of(check), null);
  }

  /** Every province of the code list in force × every sector of the year, for years with GRDP. */
  private Target grdpGrid(Dataset<Row> grdp) {
    String id = "grdp.grid_complete";
    Check check =
        satisfies(
            id,
            "every province of the year's code list has a latest GRDP row for every sector delivered that year",
            Severity.WARNING,
            "present",
            1.0,
            "SELECT year, sector, count(DISTINCT province_code) FROM silver.grdp WHERE is_latest GROUP BY 1, 2 ORDER BY 1, 2");
    if (grdp == null) {
      return new Target("silver.grdp", null, List.of(), List.of(check), "no GRDP table");
    }
    SparkSession spark = grdp.sparkSession();
    StructType schema =
        new StructType()
            .add("code_list", DataTypes.StringType)
            .add("province_code", DataTypes.StringType);
    List<Row> provinces = new ArrayList<>();
    ref.provinces2004().keySet().forEach(p -> provinces.add(RowFactory.create("2004", p)));
    ref.provinces2025().keySet().forEach(p -> provinces.add(RowFactory.create("2025", p)));
    Dataset<Row> latest =
        grdp.where("is_latest").select("year", "province_code", "sector").distinct();
    Dataset<Row> expected =
        latest
            .select("year", "sector")
            .distinct()
            .withColumn(
                "code_list",
                when(col("year").leq(SqlRules.LAST_2004_YEAR), "2004").otherwise("2025"))
            .join(spark.createDataFrame(provinces, schema).hint("broadcast"), "code_list");
    Dataset<Row> grid =
        expected
            .join(
                latest.withColumn("found", lit(true)),
                new String[] {"year", "province_code", "sector"},
                "left")
            .select(
                col("year"),
                col("province_code"),
                col("sector"),
                coalesce(col("found"), lit(false)).as("present"));
    return new Target(
        "silver.grdp (latest)",
        grid,
        List.of("year", "province_code", "sector"),
        List.of(check),
        null);
  }

  /** Σ provinces of each (year, sector) against a delivered national series. */
  private Target nationalTotal(Dataset<Row> grdp, Optional<Dataset<Row>> national) {
    double tol = config.get(ConfigKeys.NATIONAL_GRDP_TOLERANCE);
    String id = "grdp.national_total";
    Check check =
        satisfies(
            id,
            String.format(
                Locale.ROOT,
                "sum of provinces within %.1f%% of the national GRDP, per year and sector",
                100 * tol),
            Severity.WARNING,
            "national_current IS NULL OR provinces_current IS NULL"
                + " OR abs(provinces_current - national_current) <= "
                + tol
                + " * abs(national_current)",
            1.0,
            "SELECT year, sector, sum(grdp_current_bn_vnd) FROM silver.grdp WHERE is_latest GROUP BY 1, 2 ORDER BY 1, 2");
    String table = "silver.grdp + national series";
    if (grdp == null || national.isEmpty()) {
      return new Target(table, null, List.of(), List.of(check), "no national series delivered");
    }
    Dataset<Row> nat = national.get();
    if (Arrays.asList(nat.columns()).contains("is_latest")) {
      nat = nat.where("is_latest");
    }
    Dataset<Row> joined =
        totals(nat, "national_current")
            .join(
                totals(
                    grdp.where(col("is_latest").and(col("province_code").notEqual("VN"))),
                    "provinces_current"),
                new String[] {"year", "sector"},
                "inner");
    return new Target(
        table,
        joined,
        List.of("year", "sector", "national_current", "provinces_current"),
        List.of(check),
        null);
  }

  /** A sum that is null when any of its terms is (methodology: a missing value is not zero). */
  private static Dataset<Row> totals(Dataset<Row> rows, String name) {
    return rows.groupBy("year", "sector")
        .agg(
            when(
                    count(col("grdp_current_bn_vnd")).equalTo(count(lit(1))),
                    sum("grdp_current_bn_vnd"))
                .as(name));
  }

  // ---- staged gold ------------------------------------------------------------------------

  private Target stagedShare(Dataset<Row> staged) {
    List<Check> c =
        List.of(
            satisfies(
                "digital_economy_share.coverage_within_100",
                "enterprise coverage of a cell's GRDP is at most 100% (published with a flag if not)",
                Severity.WARNING,
                "coverage_pct IS NULL OR coverage_pct <= 100",
                1.0,
                "SELECT geo_level, province_code, year, sector, coverage_pct FROM gold.digital_economy_share WHERE coverage_pct > 100"),
            satisfies(
                "digital_economy_share.share_within_100",
                "digital share of a cell's GRDP is at most 100% (published with a flag if not)",
                Severity.WARNING,
                "share_pct IS NULL OR share_pct <= 100",
                1.0,
                "SELECT geo_level, province_code, year, sector, share_pct FROM gold.digital_economy_share WHERE share_pct > 100"));
    String table = "gold.digital_economy_share (staged)";
    return new Target(
        table,
        staged,
        List.of("geo_level", "province_code", "year", "sector"),
        c,
        staged == null ? "nothing staged" : null);
  }

  // ---- helpers ----------------------------------------------------------------------------

  private static Check satisfies(
      String id, String description, Severity severity, String predicate, String look) {
    return satisfies(id, description, severity, predicate, 1.0, look);
  }

  private static Check satisfies(
      String id,
      String description,
      Severity severity,
      String predicate,
      double minFraction,
      String look) {
    return new Check(id, description, severity, Rule.satisfies(id, predicate, minFraction), look);
  }

  private static String duplicates(SilverSource s, List<String> keys, String where) {
    String k = String.join(", ", keys);
    return "SELECT "
        + k
        + ", count(*) FROM "
        + s.lakeName()
        + (where == null ? "" : " WHERE " + where)
        + " GROUP BY "
        + k
        + " HAVING count(*) > 1";
  }
}
