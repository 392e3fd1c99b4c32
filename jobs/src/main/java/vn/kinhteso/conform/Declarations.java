package vn.kinhteso.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static vn.kinhteso.conform.Rules.isInteger;
import static vn.kinhteso.conform.Rules.show;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import vn.kinhteso.ingest.Source;

/** Tax declarations (monthly or quarterly): checks, types, registration, highest amendment. */
final class Declarations {
  private static final List<String> DECLARED =
      List.of("amendment", "revenue_vnd", "intermediate_cost_vnd", "wage_bill_vnd", "employees");

  private final Family family;
  private final Codes codes;
  private final RunDate night;

  Declarations(Family family) {
    this.family = family;
    this.codes = family.codes();
    this.night = family.night();
  }

  /** The declarations' CSV fields ({@link CsvFields#of}) checked and typed. */
  Checked parse(Dataset<Row> f) {
    Column monthly = Rules.matches(col("period"), "^[0-9]{4}-(0[1-9]|1[0-2])$");
    Column quarterly = Rules.matches(col("period"), "^[0-9]{4}-Q[1-4]$");
    Column year = functions.substring(col("period"), 1, 4).cast("int");
    Column start =
        when(monthly, functions.to_date(functions.concat(col("period"), lit("-01")), "yyyy-MM-dd"))
            .when(
                quarterly,
                functions.make_date(
                    year,
                    functions
                        .substring(col("period"), 7, 1)
                        .cast("int")
                        .minus(1)
                        .multiply(3)
                        .plus(1),
                    lit(1)));
    Column uses2004 = Codes.uses2004List(start);
    Rules.Checks checks = CsvFields.shapeChecks();
    for (String n : DECLARED) {
      checks.fail(Rules.not(isInteger(col(n))), Reason.UNPARSEABLE_NUMBER, show(n));
    }
    checks
        .fail(Rules.not(monthly.or(quarterly)), Reason.UNPARSEABLE_DATE, show("period"))
        .fail(start.gt(night.day()), Reason.FUTURE_DATE, night.after("period"))
        .fail(Rules.not(Rules.isValidTaxId(col("tax_id"))), Reason.BAD_TAX_ID, show("tax_id"))
        .fail(
            codes.province2025(col("province_code"), uses2004).isNull(),
            Reason.UNKNOWN_PROVINCE,
            functions.concat(
                show("province_code"), lit(" is not in the code list of "), col("period")));
    checks.fail(col("amendment").cast("long").lt(0), Reason.INVALID_VALUE, show("amendment"));
    for (String n : DECLARED.subList(1, DECLARED.size())) {
      checks.fail(col(n).cast("long").lt(0), Reason.NEGATIVE_AMOUNT, show(n));
    }
    List<Column> typed =
        new ArrayList<>(
            List.of(
                col("tax_id"),
                Rules.parentTaxId(col("tax_id")).as("parent_tax_id"),
                col("period"),
                year.as("year"),
                start.as("period_start"),
                when(monthly, 1).otherwise(3).as("months"),
                col("province_code"),
                codes.province2004(col("province_code"), uses2004).as("province_2004"),
                codes.province2025(col("province_code"), uses2004).as("province_2025"),
                col("amendment").cast("int").as("amendment"),
                col("revenue_vnd").cast("long").as("revenue_vnd"),
                col("intermediate_cost_vnd").cast("long").as("intermediate_cost_vnd"),
                col("wage_bill_vnd").cast("long").as("wage_bill_vnd"),
                col("employees").cast("long").as("employees")));
    return family.typed(f, checks, typed);
  }

  /**
   * A unit in no register snapshot is quarantined, then duplicates and conflicts by (tax_id,
   * period, amendment), then the highest amendment of each period. Every key lies in one year, so a
   * year's rows resolve alone.
   */
  Checked resolve(Dataset<Row> good, Dataset<Row> register) {
    // A declaration needs its unit in some valid snapshot of the register.
    Dataset<Row> registered =
        register.select("tax_id").distinct().withColumn("_registered", lit(true));
    Dataset<Row> withReg =
        good.join(registered, good.col("tax_id").equalTo(registered.col("tax_id")), "left")
            .drop(registered.col("tax_id"));
    Dataset<Row> unregistered =
        Quarantine.because(
            withReg.where(col("_registered").isNull()),
            Reason.UNREGISTERED_TAX_ID,
            functions.concat(show("tax_id"), lit(" is in no register snapshot")));
    Dataset<Row> known = withReg.where(col("_registered").isNotNull()).drop("_registered");
    Checked distinct =
        family
            .keyed()
            .distinct(
                known,
                List.of("tax_id", "period", "amendment"),
                List.of(
                    "province_code",
                    "revenue_vnd",
                    "intermediate_cost_vnd",
                    "wage_bill_vnd",
                    "employees"),
                Source.DECLARATIONS);
    return new Checked(
        KeyedRows.markLatest(
            distinct.accepted(), List.of("tax_id", "period"), col("amendment").desc()),
        Quarantine.keyRows(unregistered, Source.DECLARATIONS).unionByName(distinct.quarantined()));
  }
}
