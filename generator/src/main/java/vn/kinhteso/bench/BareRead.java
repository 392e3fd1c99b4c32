package vn.kinhteso.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The floor of the benchmark: Spark's own readers parse every landing file of the zone (CSV with a
 * header, JSON lines) and count the rows, in the same session settings as the nightly.
 */
public final class BareRead {
  static final String ROWS_LINE = "kinhteso-bench rows-read ";

  private BareRead() {}

  public static long run(SparkSession spark, Path landing, PrintStream out) throws IOException {
    List<String> csv = new ArrayList<>();
    List<String> json = new ArrayList<>();
    for (Path f : NightSplit.files(landing)) {
      (f.toString().endsWith(".jsonl") ? json : csv).add(f.toUri().toString());
    }
    long t0 = System.nanoTime();
    long rows = 0;
    // Each CSV file has its own header; read per folder so the columns line up.
    java.util.Map<String, List<String>> byFolder = new java.util.TreeMap<>();
    for (String f : csv) {
      byFolder.computeIfAbsent(f.substring(0, f.lastIndexOf('/')), k -> new ArrayList<>()).add(f);
    }
    for (List<String> files : byFolder.values()) {
      rows += spark.read().option("header", "true").csv(files.toArray(String[]::new)).count();
    }
    if (!json.isEmpty()) {
      rows += spark.read().json(json.toArray(String[]::new)).count();
    }
    out.printf(
        java.util.Locale.ROOT,
        "read %,d rows of %d files in %.1f s (session already started)%n",
        rows,
        csv.size() + json.size(),
        (System.nanoTime() - t0) / 1e9);
    out.println(ROWS_LINE + rows);
    return rows;
  }
}
