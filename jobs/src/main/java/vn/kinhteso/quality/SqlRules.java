package vn.kinhteso.quality;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import vn.kinhteso.config.Reference;

/**
 * Spark SQL predicates for Deequ's {@code satisfies}: built-ins only (no UDF), so Deequ shares one
 * scan among them. Digits are read with {@code ascii(..) - 48} rather than casts, so a malformed
 * value gives false instead of an error under ANSI mode.
 */
final class SqlRules {
  /** First day of the 2025 province codes (Decision 19/2025). */
  static final LocalDate CODE_SWITCH = vn.kinhteso.conform.Codes.NEW_LIST_FROM;

  /** Last year whose annual statistics use the 2004 codes. */
  static final int LAST_2004_YEAR = vn.kinhteso.conform.Codes.NEW_LIST_FIRST_YEAR - 1;

  private static final int[] TAX_ID_WEIGHTS = {31, 29, 23, 19, 17, 13, 7, 5, 3};

  private SqlRules() {}

  static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  static String in(String column, Collection<String> values) {
    return column
        + " IN ("
        + values.stream().map(SqlRules::quote).collect(Collectors.joining(", "))
        + ")";
  }

  private static String digit(String column, int position) {
    return "(ascii(substr(" + column + ", " + position + ", 1)) - 48)";
  }

  /**
   * A tax id of 10 digits or {@code NNNNNNNNNN-NNN} with a valid check digit: N10 = 10 − (Σ
   * weights·Ni mod 11), invalid when that is 10; N3..N9 not all zero; suffix not 000.
   */
  static String taxId(String c) {
    StringBuilder sum = new StringBuilder();
    for (int i = 0; i < TAX_ID_WEIGHTS.length; i++) {
      sum.append(i == 0 ? "" : " + ")
          .append(TAX_ID_WEIGHTS[i])
          .append(" * ")
          .append(digit(c, i + 1));
    }
    String mod = "pmod(" + sum + ", 11)";
    return "("
        + c
        + " rlike '^[0-9]{10}(-[0-9]{3})?$'"
        + " AND substr("
        + c
        + ", 3, 7) <> '0000000'"
        + " AND (length("
        + c
        + ") = 10 OR substr("
        + c
        + ", 12, 3) <> '000')"
        + " AND "
        + mod
        + " <> 0"
        + " AND 10 - "
        + mod
        + " = "
        + digit(c, 10)
        + ")";
  }

  /** Annual statistics: the code list of {@code geo_level}, and the level in force for the year. */
  static String statisticsProvince(Reference ref) {
    return "CASE geo_level"
        + " WHEN 'province_2004' THEN year <= "
        + LAST_2004_YEAR
        + " AND "
        + in("province_code", ref.provinces2004().keySet())
        + " WHEN 'province_2025' THEN year > "
        + LAST_2004_YEAR
        + " AND "
        + in("province_code", ref.provinces2025().keySet())
        + " ELSE false END";
  }

  /**
   * Dated records (declarations, e-commerce): the delivered code read in the list of its date,
   * {@code province_2004} kept before the switch and null after, {@code province_2025} the
   * crosswalk of it.
   */
  static String datedProvince(Reference ref, String dateColumn) {
    List<String> pairs =
        ref.crosswalk().entrySet().stream().map(e -> e.getKey() + ">" + e.getValue()).toList();
    return "CASE WHEN "
        + dateColumn
        + " < DATE'"
        + CODE_SWITCH
        + "' THEN "
        + in("province_code", ref.provinces2004().keySet())
        + " AND province_2004 = province_code"
        + " AND "
        + in("concat(province_2004, '>', province_2025)", pairs)
        + " ELSE "
        + in("province_code", ref.provinces2025().keySet())
        + " AND province_2004 IS NULL AND province_2025 = province_code END";
  }

  /**
   * A VSIC class (4 digits) or sub-class (5) whose division is in the reference, and its section.
   */
  static String vsic(Reference ref) {
    StringBuilder section = new StringBuilder("CASE");
    String division = "(" + digit("vsic_code", 1) + " * 10 + " + digit("vsic_code", 2) + ")";
    for (Reference.DivisionRange r : ref.divisions()) {
      section
          .append(" WHEN ")
          .append(division)
          .append(" BETWEEN ")
          .append(r.from())
          .append(" AND ")
          .append(r.to())
          .append(" THEN ")
          .append(quote(r.section()));
    }
    section.append(" END");
    return "vsic_code rlike '^[0-9]{4,5}$' AND section = " + section;
  }

  /** {@code ict_core} agrees with the ICT-core prefixes of conf. */
  static String ictCore(Reference ref) {
    String starts =
        ref.ictCorePrefixes().stream()
            .map(p -> "startswith(vsic_code, " + quote(p) + ")")
            .collect(Collectors.joining(" OR "));
    return "ict_core = (" + (starts.isEmpty() ? "false" : starts) + ")";
  }

  /** A category of the conf map, with the section and value-added ratio conf gives it. */
  static String category(Reference ref) {
    StringBuilder section = new StringBuilder("CASE category");
    StringBuilder ratio = new StringBuilder("CASE category");
    for (Map.Entry<String, Reference.Category> e : ref.categories().entrySet()) {
      section
          .append(" WHEN ")
          .append(quote(e.getKey()))
          .append(" THEN ")
          .append(quote(e.getValue().section()));
      ratio
          .append(" WHEN ")
          .append(quote(e.getKey()))
          .append(" THEN ")
          .append(String.format(Locale.ROOT, "%.17g", e.getValue().vaRatio()));
    }
    return in("category", ref.categories().keySet())
        + " AND section = "
        + section
        + " END"
        + " AND abs(va_ratio - "
        + ratio
        + " END) < 1e-9";
  }

  /**
   * A release label {@code YYYY-MM-DD[-preliminary|-official]} whose date is {@code release_date}.
   */
  static String release() {
    return "release rlike '^[0-9]{4}-[0-9]{2}-[0-9]{2}(-preliminary|-official)?$'"
        + " AND date_format(release_date, 'yyyy-MM-dd') = substr(release, 1, 10)";
  }
}
