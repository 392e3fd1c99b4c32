package vn.kinhteso.conform;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Column;

/** The lineage columns a bronze line carries into its typed row. */
final class Lineage {
  private Lineage() {}

  /** The bronze columns every parsed line keeps beside its fields. */
  static final List<String> OF_LINE =
      List.of("source", "file_path", "file_hash", "line_no", "run_id", "raw");

  /**
   * The lineage of a typed row. raw travels until the key checks so a late quarantine keeps it;
   * silver drops it. The typed rows are kept outside bronze, so their raw is masked already.
   */
  static List<Column> ofTyped() {
    return List.of(
        col("file_path"),
        col("file_hash"),
        col("line_no"),
        col("run_id"),
        Quarantine.maskCitizenIds(col("raw")).as("raw"));
  }
}
