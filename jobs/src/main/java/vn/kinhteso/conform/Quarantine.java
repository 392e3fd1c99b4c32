package vn.kinhteso.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import vn.kinhteso.ingest.BronzeIngest;
import vn.kinhteso.ingest.Source;

/**
 * Quarantine rows: a reason and detail (columns {@code _reason}, {@code _detail}) with the row's
 * lineage, at the level of the check that gave them; citizen IDs masked.
 */
final class Quarantine {
  private Quarantine() {}

  /** The rows with the reason and detail of the first failed check; both null on a good row. */
  static Dataset<Row> check(Dataset<Row> rows, Rules.Checks checks) {
    return rows.withColumn("_reason", checks.reason()).withColumn("_detail", checks.detail());
  }

  /** The rows all failed for one reason. */
  static Dataset<Row> because(Dataset<Row> rows, String reason, Column detail) {
    return rows.withColumn("_reason", lit(reason)).withColumn("_detail", detail);
  }

  /** Checked rows split: the good ones, and the others as line-level quarantine. */
  static Checked split(Dataset<Row> checked) {
    return new Checked(
        checked.where(col("_reason").isNull()),
        lineRows(checked.where(col("_reason").isNotNull()), col("source")));
  }

  /** Rows that a line's own checks rejected. */
  static Dataset<Row> lineRows(Dataset<Row> rows, Column source) {
    return rows(rows, source, Conform.LEVEL_LINE, lit(null).cast("int"));
  }

  /** Rows that their key among all rows of a source rejected. */
  static Dataset<Row> keyRows(Dataset<Row> rows, Source s) {
    Column year =
        Arrays.asList(rows.columns()).contains("year") ? col("year") : lit(null).cast("int");
    return rows(rows, lit(s.folder()), Conform.LEVEL_KEY, year);
  }

  private static Dataset<Row> rows(Dataset<Row> rows, Column source, String level, Column year) {
    return rows.select(
        source.as("source"),
        col("file_path"),
        col("file_hash"),
        col("line_no"),
        col("_reason").as("reason"),
        maskCitizenIds(col("_detail")).as("detail"),
        maskCitizenIds(col("raw")).as("raw"),
        lit(1L).as("rows"),
        col("run_id"),
        lit(level).as("check_level"),
        year.as("year"));
  }

  /** Files of the manifest that ingest did not take: their status is the reason. */
  static Dataset<Row> fileRows(Dataset<Row> files) {
    return files
        .where(col("status").notEqual(BronzeIngest.INGESTED))
        .select(
            col("source"),
            col("file_path"),
            col("file_hash"),
            lit(null).cast("long").as("line_no"),
            col("status").as("reason"),
            col("reason").as("detail"),
            lit(null).cast("string").as("raw"),
            col("data_lines").as("rows"),
            col("run_id"),
            lit(Conform.LEVEL_FILE).as("check_level"),
            lit(null).cast("int").as("year"));
  }

  /** Quarantine parts as one, in the order given. */
  static Dataset<Row> union(List<Dataset<Row>> parts) {
    Dataset<Row> q = parts.get(0);
    for (Dataset<Row> d : parts.subList(1, parts.size())) {
      q = q.unionByName(d);
    }
    return q;
  }

  /**
   * Quarantine is outside bronze, so citizen IDs are masked in its raw line and its detail: every
   * run of exactly twelve digits, whichever column holds it, quoted or not, CSV or JSON (households
   * file with their citizen ID since 2025, platforms report sellers by it). A twelve-digit amount
   * is masked too; its line is still in bronze.
   */
  static Column maskCitizenIds(Column text) {
    return functions.regexp_replace(text, "(?<![0-9])[0-9]{12}(?![0-9])", "<citizen-id>");
  }
}
