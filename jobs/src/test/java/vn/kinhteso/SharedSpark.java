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
      spark = Sessions.create("kinhteso-tests", Map.of(
          "spark.master", "local[2]",
          "spark.driver.bindAddress", "127.0.0.1",
          "spark.driver.host", "127.0.0.1",
          "spark.ui.enabled", "false",
          "spark.sql.shuffle.partitions", "4",
          "spark.default.parallelism", "4",
          "spark.databricks.delta.snapshotPartitions", "2",
          "spark.sql.adaptive.enabled", "true"));
      spark.sparkContext().setLogLevel("WARN");
    }
    return spark;
  }

  /** The project's conf/ folder. */
  public static Path confDir() {
    return Path.of(System.getProperty("kinhteso.conf", "../conf")).toAbsolutePath().normalize();
  }

  /** The shared/ folder beside the project (spec, examples). */
  public static Path sharedDir() {
    return Path.of(System.getProperty("kinhteso.shared", "../../shared")).toAbsolutePath().normalize();
  }

  public static PipelineConfig config(Map<String, String> overrides) {
    return PipelineConfig.forTests(confDir(), overrides);
  }
}
