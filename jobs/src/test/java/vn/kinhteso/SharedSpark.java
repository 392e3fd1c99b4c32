package vn.kinhteso;

import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.spark.Sessions;

/** The one SparkSession of the test JVM: local[2], loopback, UI off, few shuffle partitions. */
public final class SharedSpark {
  private static SparkSession spark;

  private SharedSpark() {}

  public static synchronized SparkSession get() {
    if (spark == null) {
      spark =
          Sessions.create(
              "kinhteso-tests",
              Map.ofEntries(
                  Map.entry("spark.master", "local[2]"),
                  Map.entry("spark.driver.bindAddress", "127.0.0.1"),
                  Map.entry("spark.driver.host", "127.0.0.1"),
                  Map.entry("spark.ui.enabled", "false"),
                  Map.entry("spark.sql.shuffle.partitions", "4"),
                  Map.entry("spark.default.parallelism", "4"),
                  Map.entry("spark.databricks.delta.snapshotPartitions", "2"),
                  Map.entry("spark.sql.adaptive.enabled", "true"),
                  // One JVM runs hundreds of nightlies' queries: the status store keeps only recent
                  // ones,
                  // and unreachable shuffles and broadcasts are cleaned every few minutes.
                  Map.entry("spark.sql.ui.retainedExecutions", "50"),
                  Map.entry("spark.ui.retainedJobs", "100"),
                  Map.entry("spark.ui.retainedStages", "100"),
                  Map.entry("spark.ui.retainedTasks", "10000"),
                  Map.entry("spark.cleaner.periodicGC.interval", "3min")));
      spark.sparkContext().setLogLevel("WARN");
      // If the session stops under the tests (a fatal error in a Spark thread, or the JVM told
      // to exit), the log says which, instead of only "stopped SparkContext" in later tests.
      Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
      Thread.setDefaultUncaughtExceptionHandler(
          (t, e) -> {
            System.err.println(
                "kinhteso-tests: uncaught "
                    + e
                    + " in thread "
                    + t.getName()
                    + "; heap used "
                    + usedHeapMb()
                    + " MB of "
                    + Runtime.getRuntime().maxMemory() / (1 << 20));
            e.printStackTrace();
            if (previous != null) {
              previous.uncaughtException(t, e);
            }
          });
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () ->
                      System.err.println(
                          "kinhteso-tests: JVM shutting down; heap used " + usedHeapMb() + " MB")));
    }
    return spark;
  }

  private static long usedHeapMb() {
    Runtime r = Runtime.getRuntime();
    return (r.totalMemory() - r.freeMemory()) / (1 << 20);
  }

  /** The project's conf/ folder. */
  public static Path confDir() {
    return Path.of(System.getProperty("kinhteso.conf", "../conf")).toAbsolutePath().normalize();
  }

  /** The shared/ folder beside the project (spec, examples). */
  public static Path sharedDir() {
    return Path.of(System.getProperty("kinhteso.shared", "../../shared"))
        .toAbsolutePath()
        .normalize();
  }

  public static PipelineConfig config(Map<String, String> overrides) {
    return PipelineConfig.forTests(confDir(), overrides);
  }
}
