package vn.kinhteso.conform;

import static org.apache.spark.sql.functions.col;
import static vn.kinhteso.conform.Rules.isDate;
import static vn.kinhteso.conform.Rules.show;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import vn.kinhteso.ingest.Source;

/** The enterprise register (tax/registry snapshots): checks, types, newest snapshot of a unit. */
final class Register {
  private static final List<String> SIZE_CLASSES = List.of("micro", "small", "medium", "large");

  private final Family family;
  private final Codes codes;
  private final RunDate night;

  Register(Family family) {
    this.family = family;
    this.codes = family.codes();
    this.night = family.night();
  }

  /** The register's CSV fields ({@link CsvFields#of}) checked and typed. */
  Checked parse(Dataset<Row> f) {
    Rules.Checks checks =
        CsvFields.shapeChecks()
            .fail(
                Rules.not(isDate(col("registered_on"))),
                Reason.UNPARSEABLE_DATE,
                show("registered_on"))
            .fail(
                col("closed_on").isNotNull().and(Rules.not(isDate(col("closed_on")))),
                Reason.UNPARSEABLE_DATE,
                show("closed_on"))
            .fail(
                Rules.not(isDate(col("snapshot_date"))),
                Reason.UNPARSEABLE_DATE,
                show("snapshot_date"));
    // A register records what has happened: none of its dates can be after the night.
    for (String d : List.of("registered_on", "closed_on", "snapshot_date")) {
      checks.fail(
          functions.to_date(col(d), "yyyy-MM-dd").gt(night.day()),
          Reason.FUTURE_DATE,
          night.after(d));
    }
    checks
        .fail(Rules.not(Rules.isValidTaxId(col("tax_id"))), Reason.BAD_TAX_ID, show("tax_id"))
        .fail(codes.section(col("vsic_code")).isNull(), Reason.UNKNOWN_VSIC, show("vsic_code"))
        .fail(
            Rules.not(Rules.in(col("size_class"), SIZE_CLASSES.toArray())),
            Reason.INVALID_VALUE,
            show("size_class"));
    List<Column> typed =
        new ArrayList<>(
            List.of(
                col("tax_id"),
                Rules.parentTaxId(col("tax_id")).as("parent_tax_id"),
                col("name"),
                col("vsic_code"),
                codes.section(col("vsic_code")).as("section"),
                codes.isIctCore(col("vsic_code")).as("ict_core"),
                col("size_class"),
                functions.to_date(col("registered_on")).as("registered_on"),
                functions.to_date(col("closed_on")).as("closed_on"),
                functions.to_date(col("snapshot_date")).as("snapshot_date")));
    return family.typed(f, checks, typed);
  }

  /** Duplicates and conflicts by (tax_id, snapshot_date), then each unit's newest snapshot. */
  Checked resolve(Dataset<Row> typed) {
    Checked distinct =
        family
            .keyed()
            .distinct(
                typed,
                List.of("tax_id", "snapshot_date"),
                List.of("name", "vsic_code", "size_class", "registered_on", "closed_on"),
                Source.REGISTRY);
    return new Checked(
        KeyedRows.markLatest(distinct.accepted(), List.of("tax_id"), col("snapshot_date").desc()),
        distinct.quarantined());
  }
}
