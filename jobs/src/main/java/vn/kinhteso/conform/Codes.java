package vn.kinhteso.conform;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import vn.kinhteso.config.Reference;

/**
 * The reference lists as map literals in the plan: lookups without joins, valid on any cluster. A
 * province code is read in the list of the record's reference date.
 */
public final class Codes {
  /** Decision 19/2025 applies from this date; annual statistics switch with the year 2025. */
  public static final LocalDate NEW_LIST_FROM = LocalDate.of(2025, 7, 1);

  public static final int NEW_LIST_FIRST_YEAR = 2025;
  public static final String PROVINCE_2004 = "province_2004";
  public static final String PROVINCE_2025 = "province_2025";
  public static final String NATIONAL = "national";
  public static final String NATIONAL_CODE = "VN";

  private final Reference ref;
  private final Column crosswalk;
  private final Column list2025;
  private final Column divisionSection;
  private final Column categorySection;
  private final Column categoryRatio;

  public Codes(Reference ref) {
    this.ref = ref;
    this.crosswalk = mapOf(ref.crosswalk());
    Map<String, String> self = new java.util.LinkedHashMap<>();
    ref.provinces2025().keySet().forEach(c -> self.put(c, c));
    this.list2025 = mapOf(self);
    Map<String, String> div = new java.util.LinkedHashMap<>();
    for (int d = 0; d <= 99; d++) {
      String s = ref.sectionOfDivision(d);
      if (s != null) {
        div.put(String.format(Locale.ROOT, "%02d", d), s);
      }
    }
    this.divisionSection = mapOf(div);
    Map<String, String> cs = new java.util.LinkedHashMap<>();
    List<Column> ratio = new ArrayList<>();
    ref.categories()
        .values()
        .forEach(
            c -> {
              cs.put(c.code(), c.section());
              ratio.add(lit(c.code()));
              ratio.add(lit(c.vaRatio()));
            });
    this.categorySection = mapOf(cs);
    this.categoryRatio = functions.map(ratio.toArray(Column[]::new));
  }

  public Reference reference() {
    return ref;
  }

  private static Column mapOf(Map<String, String> m) {
    List<Column> kv = new ArrayList<>();
    m.forEach(
        (k, v) -> {
          kv.add(lit(k));
          kv.add(lit(v));
        });
    return functions.map(kv.toArray(Column[]::new));
  }

  /** True when a record dated {@code refDate} uses the 2004 list. */
  public static Column uses2004List(Column refDate) {
    return refDate.lt(lit(java.sql.Date.valueOf(NEW_LIST_FROM)));
  }

  /** True when an annual record (statistics, accounts) of {@code year} uses the 2004 list. */
  public static Column uses2004ListInYear(Column year) {
    return year.lt(NEW_LIST_FIRST_YEAR);
  }

  /** The province level in force for a year: {@code province_2004} up to 2024, then 2025. */
  public static Column levelInForce(Column year) {
    return when(uses2004ListInYear(year), lit(PROVINCE_2004)).otherwise(lit(PROVINCE_2025));
  }

  /**
   * The province in force for a year, of a row that has both {@code province_2004} and {@code
   * province_2025}: up to 2024 the 2004 province, from 2025 the 2025 one (January-June via the
   * crosswalk).
   */
  public static Column provinceInForce(Column year) {
    return when(uses2004ListInYear(year), functions.col(PROVINCE_2004))
        .otherwise(functions.col(PROVINCE_2025));
  }

  /** The {@code province_2004} rows lifted to their 2025 province through the crosswalk. */
  public Dataset<Row> liftTo2025(Dataset<Row> rows) {
    return rows.where(functions.col("geo_level").equalTo(PROVINCE_2004))
        .withColumn("province_code", crosswalk(functions.col("province_code")))
        .withColumn("geo_level", lit(PROVINCE_2025));
  }

  /** The 2025 province of a code read in the list of its reference date; null if unknown. */
  public Column province2025(Column code, Column uses2004) {
    return when(uses2004, functions.element_at(crosswalk, code))
        .otherwise(functions.element_at(list2025, code));
  }

  /** The 2004 province, kept for records dated before the merger; null if unknown or later. */
  public Column province2004(Column code, Column uses2004) {
    return when(uses2004.and(functions.element_at(crosswalk, code).isNotNull()), code);
  }

  /** Maps a 2004 code to its 2025 province. */
  public Column crosswalk(Column code2004) {
    return functions.element_at(crosswalk, code2004);
  }

  /** The VSIC section of a 4- or 5-digit code, null when its division is in no section. */
  public Column section(Column vsic) {
    return when(
        vsic.rlike("^[0-9]{4,5}$"),
        functions.element_at(divisionSection, functions.substring(vsic, 1, 2)));
  }

  public Column isIctCore(Column vsic) {
    Column any = lit(false);
    for (String p : ref.ictCorePrefixes()) {
      any = any.or(vsic.startsWith(p));
    }
    return functions.coalesce(any, lit(false));
  }

  public Column isSection(Column sector) {
    return sector.isin(ref.sections().keySet().toArray());
  }

  public Column categorySection(Column category) {
    return functions.element_at(categorySection, category);
  }

  public Column categoryRatio(Column category) {
    return functions.element_at(categoryRatio, category);
  }
}
