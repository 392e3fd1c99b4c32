package vn.kinhteso.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.config.PipelineConfig;

/** Who decides spark.master, and what the cluster and S3 profiles set (no Spark needed). */
class ProfilesTest {
  static String conf(String file) {
    return SharedSpark.confDir().resolve(file).toString();
  }

  @Test
  void spark_submitsMasterWinsOverTheFileAndTheCommandLineOverBoth() {
    assertEquals(
        "local[2]",
        Cli.sparkSettings("nightly", "--config", conf("local.conf")).get("spark.master"));
    String before = System.getProperty("spark.master");
    // What spark-submit --master and --conf do to the driver JVM.
    System.setProperty("spark.master", "spark://10.0.0.5:7077");
    System.setProperty("spark.sql.shuffle.partitions", "64");
    try {
      Map<String, String> s = Cli.sparkSettings("nightly", "--config", conf("local.conf"));
      assertEquals("spark://10.0.0.5:7077", s.get("spark.master"));
      assertEquals("64", s.get("spark.sql.shuffle.partitions"));
      Map<String, String> cli =
          Cli.sparkSettings(
              "nightly",
              "--config",
              conf("local.conf"),
              "--master",
              "local[3]",
              "--conf",
              "spark.sql.shuffle.partitions=8");
      assertEquals("local[3]", cli.get("spark.master"));
      assertEquals("8", cli.get("spark.sql.shuffle.partitions"));
    } finally {
      System.clearProperty("spark.sql.shuffle.partitions");
      if (before == null) {
        System.clearProperty("spark.master");
      } else {
        System.setProperty("spark.master", before);
      }
    }
  }

  @Test
  void theClusterProfileIsLocalConfWithoutTheLaptopsSparkSettings() {
    PipelineConfig local =
        PipelineConfig.load(SharedSpark.confDir().resolve("local.conf"), Map.of());
    PipelineConfig cluster =
        PipelineConfig.load(SharedSpark.confDir().resolve("cluster.conf"), Map.of());
    for (String k :
        new String[] {"spark.master", "spark.driver.host", "spark.driver.bindAddress"}) {
      assertTrue(local.sparkSettings().containsKey(k), k);
      assertFalse(cluster.sparkSettings().containsKey(k), k);
    }
    assertEquals(
        local.methodologyFingerprint(), cluster.methodologyFingerprint(), "the same numbers");
    assertEquals(local.lake(), cluster.lake());
  }

  @Test
  void theS3ProfileKeepsMarkersBoundsRetriesAndHoldsNoCredential() {
    Map<String, String> s3 =
        PipelineConfig.load(SharedSpark.confDir().resolve("s3.conf"), Map.of()).sparkSettings();
    assertEquals("keep", s3.get("spark.hadoop.fs.s3a.directory.marker.retention"));
    assertEquals("3", s3.get("spark.hadoop.fs.s3a.attempts.maximum"));
    assertEquals("60000", s3.get("spark.hadoop.fs.s3a.connection.timeout"));
    assertTrue(
        s3.get("spark.hadoop.fs.s3a.aws.credentials.provider")
            .contains("EnvironmentVariableCredentialsProvider"));
    assertFalse(
        s3.containsKey("spark.hadoop.fs.s3a.endpoint"), "empty means AWS's default endpoint");
    s3.keySet().forEach(k -> assertFalse(k.contains("secret") || k.endsWith("access.key"), k));
    assertEquals("local[2]", s3.get("spark.master"), "everything of local.conf applies");
  }
}
