package vn.kinhteso.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import vn.kinhteso.conform.Codes;

/**
 * "Larger geographies sum": a 2025 province before 2025 and {@code national} in every year add up
 * the numerators and denominators of the provinces in force; ratios are taken afterwards.
 *
 * <p>Input rows are at the level in force: {@code geo_level} is {@code province_2004} up to 2024
 * and {@code province_2025} from 2025. A measure stays null when any row summed is null ("a section
 * whose latest value is missing makes the total null"); a missing row adds nothing.
 */
public final class Geographies {
  private final Codes codes;

  public Geographies(Codes codes) {
    this.codes = codes;
  }

  /** The province level in force for a year. */
  public static Column levelInForce(Column year) {
    return Codes.levelInForce(year);
  }

  /**
   * Rows of every geography: the base rows, their 2025 provinces for years before 2025, and the
   * nation.
   *
   * @param keys columns besides geo_level, province_code and year that identify a cell
   * @param sums measures added up
   * @param sets array columns whose distinct values are gathered (e.g. release labels)
   */
  public Dataset<Row> expand(
      Dataset<Row> base, List<String> keys, List<String> sums, List<String> sets) {
    Dataset<Row> as2025 = codes.liftTo2025(base);
    Dataset<Row> national =
        base.withColumn("province_code", lit(Codes.NATIONAL_CODE))
            .withColumn("geo_level", lit(Codes.NATIONAL));
    Dataset<Row> lifted = aggregate(as2025.unionByName(national), keys, sums, sets);
    return base.select(
            java.util.Arrays.stream(lifted.columns()).map(functions::col).toArray(Column[]::new))
        .unionByName(lifted);
  }

  /** Sums rows per (geo_level, province_code, year, keys...). */
  public static Dataset<Row> aggregate(
      Dataset<Row> rows, List<String> keys, List<String> sums, List<String> sets) {
    List<Column> group =
        new ArrayList<>(List.of(col("geo_level"), col("province_code"), col("year")));
    keys.forEach(k -> group.add(col(k)));
    List<Column> aggs = new ArrayList<>();
    for (String s : sums) {
      aggs.add(nullPropagatingSum(s).as(s));
    }
    for (String s : sets) {
      aggs.add(
          functions
              .array_sort(
                  functions.array_distinct(functions.flatten(functions.collect_list(col(s)))))
              .as(s));
    }
    Column first = aggs.remove(0);
    return rows.groupBy(group.toArray(Column[]::new)).agg(first, aggs.toArray(Column[]::new));
  }

  /** Σ of a column, or null when one of the rows summed is null. */
  public static Column nullPropagatingSum(String c) {
    return when(functions.count(col(c)).equalTo(functions.count(lit(1))), functions.sum(col(c)));
  }
}
