package vn.kinhteso.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/** Column expressions for validating delivered text, built from Spark's own functions. */
public final class Rules {
  private Rules() {}

  private static final int[] TAX_ID_WEIGHTS = {31, 29, 23, 19, 17, 13, 7, 5, 3};

  /**
   * The delivered text, null when empty. Not trimmed: the contract allows three repairs only
   * (byte-order mark, NFC, exact duplicates), so " 27" is not the code 27.
   */
  public static Column text(Column c) {
    return when(c.equalTo(""), lit(null).cast("string")).otherwise(c);
  }

  /** The statistical offices' three ways of writing "not available". */
  public static Column isMissingMarker(Column c) {
    return c.isNull().or(c.isin("..", "-"));
  }

  // Every predicate below is false, never null, on a missing value: a negated null would
  // let a bad row pass its check.

  public static Column matches(Column c, String regex) {
    return functions.coalesce(c.rlike(regex), lit(false));
  }

  public static Column in(Column c, Object... values) {
    return functions.coalesce(c.isin(values), lit(false));
  }

  public static Column not(Column predicate) {
    return functions.not(functions.coalesce(predicate, lit(false)));
  }

  public static Column isInteger(Column c) {
    return matches(c, "^[+-]?[0-9]{1,18}$");
  }

  public static Column isDecimal(Column c) {
    return matches(c, "^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$");
  }

  public static Column isDate(Column c) {
    return matches(c, "^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
        .and(functions.coalesce(functions.to_date(c, "yyyy-MM-dd").isNotNull(), lit(false)));
  }

  /**
   * Enterprise tax code: 10 digits with the check digit of reference-data.md, or a dependent unit
   * written NNNNNNNNNN-NNN with a suffix 001-999.
   */
  public static Column isValidTaxId(Column c) {
    Column sum = lit(0);
    for (int i = 0; i < TAX_ID_WEIGHTS.length; i++) {
      sum = sum.plus(functions.substring(c, i + 1, 1).cast("int").multiply(TAX_ID_WEIGHTS[i]));
    }
    Column check = lit(10).minus(functions.pmod(sum, lit(11)));
    return functions.coalesce(
        c.rlike("^[0-9]{10}(-[0-9]{3})?$")
            .and(functions.substring(c, 3, 7).notEqual("0000000"))
            .and(functions.length(c).equalTo(10).or(functions.substring(c, 12, 3).notEqual("000")))
            .and(check.notEqual(10))
            .and(check.equalTo(functions.substring(c, 10, 1).cast("int"))),
        lit(false));
  }

  /** The 10-digit parent of a tax code (itself for an independent unit). */
  public static Column parentTaxId(Column c) {
    return functions.substring(c, 1, 10);
  }

  /** An ordered list of failure conditions; the first that holds names the row's reason. */
  public static final class Checks {
    private final List<Column> failures = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();
    private final List<Column> details = new ArrayList<>();

    public Checks fail(Column when, String reason, Column detail) {
      failures.add(functions.coalesce(when, lit(false)));
      reasons.add(reason);
      details.add(detail);
      return this;
    }

    public Checks fail(Column when, String reason, String detail) {
      return fail(when, reason, lit(detail));
    }

    /** Null for a good row. */
    public Column reason() {
      Column out = lit(null).cast("string");
      for (int i = failures.size() - 1; i >= 0; i--) {
        out = when(failures.get(i), lit(reasons.get(i))).otherwise(out);
      }
      return out;
    }

    public Column detail() {
      Column out = lit(null).cast("string");
      for (int i = failures.size() - 1; i >= 0; i--) {
        out = when(failures.get(i), details.get(i)).otherwise(out);
      }
      return out;
    }
  }

  /** "name='value'" for a detail message. */
  public static Column show(String name) {
    return functions.concat(lit(name + "='"), functions.coalesce(col(name), lit("")), lit("'"));
  }
}
