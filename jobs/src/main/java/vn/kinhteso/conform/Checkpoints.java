package vn.kinhteso.conform;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.LogicalRDD;

/** Rows that feed several outputs, computed once and kept until the run has written them. */
final class Checkpoints implements AutoCloseable {
  private final List<Dataset<Row>> cached = new ArrayList<>();

  /**
   * Computes rows that feed several outputs once, and cuts their lineage: the checks make plans
   * large, and every later plan built on a checkpoint starts small.
   */
  Dataset<Row> keep(Dataset<Row> d) {
    Dataset<Row> p = d.localCheckpoint(true);
    cached.add(p);
    return p;
  }

  /** Releases the rows kept for this run once silver and quarantine are written. */
  @Override
  public void close() {
    for (Dataset<Row> d : cached) {
      if (d.logicalPlan() instanceof LogicalRDD r) {
        r.rdd().unpersist(false);
      }
    }
    cached.clear();
  }
}
