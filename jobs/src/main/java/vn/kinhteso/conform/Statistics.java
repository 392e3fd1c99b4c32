package vn.kinhteso.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static vn.kinhteso.conform.Rules.isDate;
import static vn.kinhteso.conform.Rules.isDecimal;
import static vn.kinhteso.conform.Rules.isMissingMarker;
import static vn.kinhteso.conform.Rules.show;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import vn.kinhteso.ingest.Source;

/**
 * The statistical office's tables (GRDP, employment, retail, ICT): checks, types, latest release.
 */
final class Statistics {
  /** The indicators of the contract; any other is kept and reported as unknown. */
  static final List<String> KNOWN_ICT_INDICATORS =
      List.of(
          "fibre_households_pct",
          "broadband_households_pct",
          "epayment_account_pct",
          "payment_account_15plus_pct",
          "smartphone_adults_pct",
          "digital_signature_adults_pct",
          "online_public_services_l4_pct",
          "cashless_public_payments_pct");

  private final Family family;
  private final Codes codes;
  private final RunDate night;

  Statistics(Family family) {
    this.family = family;
    this.codes = family.codes();
    this.night = family.night();
  }

  private static String dimension(Source s) {
    return s == Source.ICT ? "indicator" : s == Source.RETAIL ? null : "sector";
  }

  private static List<String> valueColumns(Source s) {
    return s.columns().stream()
        .filter(
            c -> !List.of("year", "province_code", "sector", "indicator", "release").contains(c))
        .collect(Collectors.toList());
  }

  /** A source's CSV fields ({@link CsvFields#of}) checked and typed. */
  Checked parse(Source s, Dataset<Row> f) {
    String dim = dimension(s);
    List<String> values = valueColumns(s);
    Column year = col("year").cast("int");
    Column uses2004 = Codes.uses2004ListInYear(year);
    Column province2025 = codes.province2025(col("province_code"), uses2004);
    Rules.Checks checks =
        CsvFields.shapeChecks()
            .fail(
                Rules.not(Rules.matches(col("year"), "^[0-9]{4}$")),
                Reason.UNPARSEABLE_NUMBER,
                show("year"));
    for (String v : values) {
      checks.fail(
          Rules.not(isMissingMarker(col(v))).and(Rules.not(isDecimal(col(v)))),
          Reason.UNPARSEABLE_NUMBER,
          show(v));
    }
    checks.fail(
        Rules.not(
                Rules.matches(
                    col("release"), "^[0-9]{4}-[0-9]{2}-[0-9]{2}(-official|-preliminary)?$"))
            .or(Rules.not(isDate(functions.substring(col("release"), 1, 10)))),
        Reason.UNPARSEABLE_DATE,
        show("release"));
    checks
        .fail(year.gt(night.year()), Reason.FUTURE_DATE, night.after("year"))
        .fail(
            functions
                .to_date(functions.substring(col("release"), 1, 10), "yyyy-MM-dd")
                .gt(night.day()),
            Reason.FUTURE_DATE,
            night.after("release"));
    checks.fail(
        province2025.isNull(),
        Reason.UNKNOWN_PROVINCE,
        functions.concat(show("province_code"), lit(" is not in the code list of "), col("year")));
    if (dim != null) {
      Column known =
          s == Source.GRDP
              ? codes.isSection(col(dim)).or(col(dim).equalTo("TSP"))
              : s == Source.EMPLOYMENT ? codes.isSection(col(dim)) : col(dim).isNotNull();
      checks.fail(
          Rules.not(known),
          s == Source.ICT ? Reason.INVALID_VALUE : Reason.UNKNOWN_SECTOR,
          show(dim));
    }
    // TSP may be negative; an ICT percentage below 0 is implausible, not malformed: kept and
    // flagged by checks.
    for (String v : s == Source.ICT ? List.<String>of() : values) {
      Column negative = col(v).cast("double").lt(0);
      if (s == Source.GRDP) {
        negative = negative.and(col("sector").notEqual("TSP"));
      }
      checks.fail(
          Rules.not(isMissingMarker(col(v))).and(negative), Reason.NEGATIVE_AMOUNT, show(v));
    }

    List<Column> typed =
        new ArrayList<>(
            List.of(
                year.as("year"), col("province_code"), Codes.levelInForce(year).as("geo_level")));
    if (dim != null) {
      typed.add(col(dim));
    }
    if (s == Source.ICT) {
      typed.add(col("indicator").isin(KNOWN_ICT_INDICATORS.toArray()).as("known_indicator"));
    }
    for (String v : values) {
      typed.add(
          when(isMissingMarker(col(v)), lit(null).cast("double"))
              .otherwise(col(v).cast("double"))
              .as(v));
    }
    typed.add(col("release"));
    typed.add(
        functions
            .to_date(functions.substring(col("release"), 1, 10), "yyyy-MM-dd")
            .as("release_date"));
    typed.add(
        when(col("release").endsWith("-official"), 2)
            .when(col("release").endsWith("-preliminary"), 0)
            .otherwise(1)
            .as("_release_rank"));
    return family.typed(f, checks, typed);
  }

  /** Duplicates and conflicts by key, then the latest release of each cell. */
  Checked resolve(Source s, Dataset<Row> typed) {
    String dim = dimension(s);
    List<String> group = new ArrayList<>(List.of("year", "province_code"));
    if (dim != null) {
      group.add(dim);
    }
    List<String> key = new ArrayList<>(group);
    key.add("release");
    Checked distinct = family.keyed().distinct(typed, key, valueColumns(s), s);
    // Latest release: by date, then official > unlabelled > preliminary.
    return new Checked(
        KeyedRows.markLatest(
                distinct.accepted(), group, col("release_date").desc(), col("_release_rank").desc())
            .drop("_release_rank"),
        distinct.quarantined());
  }
}
