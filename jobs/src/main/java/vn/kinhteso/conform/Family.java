package vn.kinhteso.conform;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** What every source family's conform shares: codes, run date, the rows kept, the key logic. */
record Family(Codes codes, RunDate night, Checkpoints checkpoints, KeyedRows keyed) {

  /**
   * Fields checked in order and kept; the good rows typed by the columns given, with their lineage,
   * the others quarantined.
   */
  Checked typed(Dataset<Row> fields, Rules.Checks checks, List<Column> typed) {
    Checked checked = Quarantine.split(checkpoints.keep(Quarantine.check(fields, checks)));
    List<Column> columns = new ArrayList<>(typed);
    columns.addAll(Lineage.ofTyped());
    return new Checked(
        checked.accepted().select(columns.toArray(Column[]::new)), checked.quarantined());
  }
}
