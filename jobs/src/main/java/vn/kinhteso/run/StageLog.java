package vn.kinhteso.run;

import java.io.PrintStream;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Progress on the console, one line per stage, and the rows of {@code ops.runs}. */
final class StageLog {
  static final StructType SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType, false)
          .add("stage", DataTypes.StringType, false)
          .add("rows_in", DataTypes.LongType, true)
          .add("rows_out", DataTypes.LongType, true)
          .add("rows_quarantined", DataTypes.LongType, true)
          .add("seconds", DataTypes.DoubleType, false)
          .add("status", DataTypes.StringType, false)
          .add("message", DataTypes.StringType, true)
          .add("started_at", DataTypes.TimestampType, false)
          .add("methodology_fingerprint", DataTypes.StringType, true);

  private final String runId;
  private final String fingerprint;
  private final PrintStream out;
  private final List<Row> rows = new ArrayList<>();
  private long started;
  private String stage;

  StageLog(String runId, String fingerprint, PrintStream out) {
    this.runId = runId;
    this.fingerprint = fingerprint;
    this.out = out;
    start("start"); // a failure before the first stage is recorded under "start"
  }

  void start(String stage) {
    this.stage = stage;
    this.started = System.nanoTime();
  }

  void done(Long in, Long outRows, Long quarantined, String status, String message) {
    double seconds = (System.nanoTime() - started) / 1e9;
    rows.add(
        RowFactory.create(
            runId,
            stage,
            in,
            outRows,
            quarantined,
            seconds,
            status,
            message,
            new Timestamp(System.currentTimeMillis() - (long) (seconds * 1000)),
            fingerprint));
    out.printf(
        Locale.ROOT,
        "  %-11s %-7s in %10s  out %10s  quarantined %8s  %6.1fs%s%n",
        stage,
        status,
        fmt(in),
        fmt(outRows),
        fmt(quarantined),
        seconds,
        message == null ? "" : "  " + message);
  }

  List<Row> rows() {
    return rows;
  }

  private static String fmt(Long v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%,d", v);
  }
}
