package vn.kinhteso.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import vn.kinhteso.ingest.Source;

/**
 * Rows by key: exact copies and key conflicts, then the row in force of each group (latest release,
 * highest amendment, newest snapshot) marked {@code is_latest}.
 */
final class KeyedRows {
  private static final String CONTENT = "_content";
  private final Checkpoints checkpoints;

  KeyedRows(Checkpoints checkpoints) {
    this.checkpoints = checkpoints;
  }

  /**
   * Rows with the same key and content count once (the first delivered is kept); rows with the same
   * key and different content are all quarantined, since nothing says which is right.
   */
  Checked distinct(Dataset<Row> good, List<String> key, List<String> content, Source s) {
    Column[] keyCols = key.stream().map(functions::col).toArray(Column[]::new);
    Dataset<Row> withContent =
        good.withColumn(
            CONTENT,
            functions.to_json(
                functions.struct(content.stream().map(functions::col).toArray(Column[]::new))));
    Dataset<Row> marked =
        checkpoints.keep(
            withContent
                .withColumn(
                    "_variants",
                    functions.size(
                        functions.collect_set(col(CONTENT)).over(Window.partitionBy(keyCols))))
                .withColumn(
                    "_copy",
                    functions
                        .row_number()
                        .over(
                            Window.partitionBy(keyCols)
                                .orderBy(col("run_id"), col("file_path"), col("line_no")))));
    Column keyText =
        functions.concat_ws(", ", key.stream().map(Rules::show).toArray(Column[]::new));
    Dataset<Row> conflicts =
        Quarantine.because(
            marked.where(col("_variants").gt(1)),
            Reason.KEY_CONFLICT,
            functions.concat(
                keyText,
                lit(" delivered with "),
                col("_variants").cast("string"),
                lit(" different contents")));
    Dataset<Row> copies =
        Quarantine.because(
            marked.where(col("_variants").equalTo(1).and(col("_copy").gt(1))),
            Reason.DUPLICATE_ROW,
            functions.concat(lit("exact copy of an earlier row with "), keyText));
    return new Checked(
        marked
            .where(col("_variants").equalTo(1).and(col("_copy").equalTo(1)))
            .drop(CONTENT, "_variants", "_copy", "raw"),
        Quarantine.keyRows(conflicts, s).unionByName(Quarantine.keyRows(copies, s)));
  }

  /** The rows with {@code is_latest}: true on the first row of each group in the order given. */
  static Dataset<Row> markLatest(Dataset<Row> rows, List<String> group, Column... newestFirst) {
    return rows.withColumn(
        "is_latest",
        functions
            .row_number()
            .over(
                Window.partitionBy(group.stream().map(functions::col).toArray(Column[]::new))
                    .orderBy(newestFirst))
            .equalTo(1));
  }
}
