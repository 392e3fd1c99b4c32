package vn.kinhteso.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Spark standalone cluster on 127.0.0.1: a Master and one Worker, each its own JVM, run from the
 * Spark home the build assembles from Maven artifacts (target/spark-home: jars/, RELEASE).
 */
final class StandaloneCluster implements AutoCloseable {
  final Path sparkHome;
  final String masterUrl;
  final Path workDir;
  private final ChildJvm master;
  private ChildJvm worker;

  private StandaloneCluster(Path sparkHome, String masterUrl, Path workDir, ChildJvm master) {
    this.sparkHome = sparkHome;
    this.masterUrl = masterUrl;
    this.workDir = workDir;
    this.master = master;
  }

  static Path sparkHome() {
    Path home = Path.of(System.getProperty("kinhteso.spark.home", "target/spark-home"));
    if (!Files.isRegularFile(home.resolve("RELEASE")) || !Files.isDirectory(home.resolve("jars"))) {
      throw new IllegalStateException(
          "No Spark home at " + home + ": run the tests with mvn verify");
    }
    return home;
  }

  /** conf/ (log4j2.properties) and jars/, as Spark's scripts put them. */
  static String classpath(Path sparkHome) {
    return sparkHome.resolve("conf") + ":" + sparkHome.resolve("jars") + "/*";
  }

  /** The environment every Spark JVM of the cluster needs (executors inherit the Worker's). */
  static Map<String, String> env(Path sparkHome) {
    return Map.of(
        "SPARK_HOME",
        sparkHome.toString(),
        "SPARK_SCALA_VERSION",
        "2.12",
        "SPARK_LOCAL_IP",
        "127.0.0.1");
  }

  static StandaloneCluster start(Path dir, int cores, String memory) throws InterruptedException {
    Path home = sparkHome();
    int port = ChildJvm.freePort();
    List<String> jvm = List.of("-Xmx512m", "-cp", classpath(home));
    ChildJvm master =
        ChildJvm.start(
            "spark-master",
            dir,
            jvm,
            List.of(
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--webui-port",
                "0"),
            env(home));
    StandaloneCluster c =
        new StandaloneCluster(home, "spark://127.0.0.1:" + port, dir.resolve("work"), master);
    try {
      master.awaitPort(port, 90);
      c.worker =
          ChildJvm.start(
              "spark-worker",
              dir,
              jvm,
              List.of(
                  "org.apache.spark.deploy.worker.Worker",
                  "--host",
                  "127.0.0.1",
                  "--cores",
                  String.valueOf(cores),
                  "--memory",
                  memory,
                  "--webui-port",
                  "0",
                  "--work-dir",
                  c.workDir.toString(),
                  c.masterUrl),
              env(home));
      c.worker.awaitLog("Successfully registered with master", 90);
    } catch (AssertionError | InterruptedException | RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  String logs() {
    return "--- master ---\n"
        + master.tail(30)
        + "\n--- worker ---\n"
        + (worker == null ? "" : worker.tail(30));
  }

  @Override
  public void close() {
    if (worker != null) {
      worker.close();
    }
    master.close();
  }
}
