package vn.kinhteso.quality;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.kinhteso.conform.SilverTables;

/**
 * What the quality stage needs to know of each silver table: its bronze source name (as in {@code
 * bronze.files} and {@code quality.quarantine}), its key, the period it is delivered by and the
 * amount whose sum is watched across nights.
 */
enum SilverSource {
  GRDP(
      "grdp",
      "statistics/grdp",
      List.of("year", "province_code", "sector", "release"),
      List.of("geo_level", "release_date", "is_latest"),
      "year",
      null),
  EMPLOYMENT(
      "employment",
      "statistics/employment",
      List.of("year", "province_code", "sector", "release"),
      List.of("geo_level", "release_date", "is_latest"),
      "year",
      null),
  RETAIL(
      "retail",
      "statistics/retail",
      List.of("year", "province_code", "release"),
      List.of("geo_level", "release_date", "is_latest"),
      "year",
      null),
  ICT(
      "ict",
      "statistics/ict",
      List.of("year", "province_code", "indicator", "release"),
      List.of("geo_level", "release_date", "is_latest", "known_indicator"),
      "year",
      null),
  REGISTER(
      "register",
      "tax/registry",
      List.of("tax_id", "snapshot_date"),
      List.of("parent_tax_id", "is_latest"),
      "snapshot_date",
      null),
  DECLARATIONS(
      "declarations",
      "tax/declarations",
      List.of("tax_id", "period", "amendment"),
      List.of("parent_tax_id", "year", "period_start", "months", "province_2025", "is_latest"),
      "period",
      "revenue_vnd"),
  ECOMMERCE(
      "ecommerce",
      "ecommerce",
      List.of("platform", "month", "seller_ref", "category"),
      List.of("year", "month_start", "seller_type", "province_2025", "section", "va_ratio"),
      "month",
      "gmv_vnd");

  final String table;
  final String source;
  final List<String> keys;
  final List<String> alsoComplete;
  final String periodColumn;
  final String amountColumn;

  SilverSource(
      String table,
      String source,
      List<String> keys,
      List<String> alsoComplete,
      String periodColumn,
      String amountColumn) {
    this.table = table;
    this.source = source;
    this.keys = keys;
    this.alsoComplete = alsoComplete;
    this.periodColumn = periodColumn;
    this.amountColumn = amountColumn;
  }

  String lakeName() {
    return "silver." + table;
  }

  Dataset<Row> of(SilverTables silver) {
    return silver.byName().get(table);
  }

  static SilverSource bySource(String source) {
    for (SilverSource s : values()) {
      if (s.source.equals(source)) {
        return s;
      }
    }
    return null;
  }
}
