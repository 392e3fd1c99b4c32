package vn.kinhteso.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.SharedSpark;

/**
 * The application jar submitted with spark-submit to a standalone cluster (a Master and a Worker of
 * their own, on 127.0.0.1) with conf/local.conf, whose spark.master = local[2] must lose to
 * spark-submit's --master. Gold must equal the local run's, row for row.
 */
@Tag("remote")
class SparkClusterIT {
  @TempDir static Path dir;
  static StandaloneCluster cluster;
  static ChildJvm driver;
  static int exit;
  static double seconds;
  static Path lake;

  @BeforeAll
  static void submitNightly() throws Exception {
    Path app = appJar();
    Path landing = Gold.copyTiny(dir.resolve("landing"));
    lake = dir.resolve("lake");
    cluster = StandaloneCluster.start(dir, 2, "2g");
    try {
      String opens = String.join(" ", ChildJvm.sparkOpens());
      List<String> submit =
          new ArrayList<>(
              List.of(
                  "org.apache.spark.deploy.SparkSubmit",
                  "--master",
                  cluster.masterUrl,
                  "--deploy-mode",
                  "client",
                  "--class",
                  "vn.kinhteso.cli.Main",
                  "--driver-memory",
                  "2g",
                  "--executor-memory",
                  "1g",
                  "--total-executor-cores",
                  "2",
                  "--conf",
                  "spark.executor.extraJavaOptions=" + opens,
                  app.toString(),
                  "nightly",
                  "--config",
                  SharedSpark.confDir().resolve("local.conf").toString(),
                  "--landing",
                  landing.toString(),
                  "--lake",
                  lake.toString(),
                  "--run-date",
                  Gold.RUN_DATE.toString(),
                  "--conf",
                  "pseudonym.synthetic_data=true"));
      List<String> jvm = new ArrayList<>(ChildJvm.sparkOpens());
      jvm.addAll(List.of("-Xmx2g", "-cp", StandaloneCluster.classpath(cluster.sparkHome)));
      long t0 = System.nanoTime();
      driver =
          ChildJvm.start(
              "spark-submit", dir, jvm, submit, StandaloneCluster.env(cluster.sparkHome));
      exit = driver.waitFor(900);
      seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "cluster nightly (spark-submit, standalone, 2 executor cores): %.1f s, exit %d%n",
          seconds, exit);
    } catch (Throwable t) {
      System.out.println(cluster.logs());
      cluster.close();
      throw t;
    }
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  static Path appJar() {
    Path app = Path.of(System.getProperty("kinhteso.app.jar", "target/kinhteso-jobs-app.jar"));
    if (!Files.isRegularFile(app)) {
      throw new IllegalStateException(
          "No application jar at " + app + ": run the tests with mvn verify");
    }
    return app;
  }

  @Test
  void theNightlyRanOnTheClustersExecutors() throws IOException {
    assertEquals(
        0,
        exit,
        "spark-submit's exit code; the driver's log:\n" + driver.tail(60) + "\n" + cluster.logs());
    assertTrue(
        driver.output().contains("Connected to Spark cluster"),
        "the driver used the standalone master:\n" + driver.tail(40));
    // The Worker launched an executor for the application: its stderr is in the work dir.
    try (Stream<Path> s = Files.walk(cluster.workDir)) {
      List<Path> logs =
          s.filter(p -> p.getFileName().toString().equals("stderr")).collect(Collectors.toList());
      assertTrue(!logs.isEmpty(), "no executor ran on the Worker");
      String executor = Files.readString(logs.get(0));
      assertTrue(executor.contains("Got assigned task"), "the executor ran no task:\n" + executor);
    }
  }

  @Test
  void goldEqualsTheLocalRunsRowForRow() throws IOException {
    assertEquals(0, exit, driver.tail(40));
    Map<String, List<String>> local = Gold.local();
    Map<String, List<String>> onCluster = Gold.of(SharedSpark.get(), lake.toString());
    System.out.printf("gold rows: %s (cluster) vs %s (local)%n", sizes(onCluster), sizes(local));
    assertEquals("", Gold.differences(local, onCluster));
  }

  /**
   * The exports need POI and its newer commons-compress, which a Spark home lacks: they ship in the
   * app jar.
   */
  @Test
  void theAnalystsOutputsAreWrittenWithTheAppJarsLibraries() throws IOException {
    assertEquals(0, exit, driver.tail(40));
    assertTrue(driver.output().contains("analysts' outputs (public)"), driver.tail(40));
    try (Stream<Path> s = Files.walk(dir)) {
      List<Path> books = s.filter(p -> p.toString().endsWith(".xlsx")).collect(Collectors.toList());
      assertTrue(!books.isEmpty(), "no workbook written:\n" + driver.tail(40));
      for (Path b : books) {
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(b.toFile())) {
          assertTrue(z.getEntry("xl/workbook.xml") != null, b + " is not a workbook");
        }
      }
    }
  }

  /**
   * Spark, Hadoop and Scala come from the cluster: no class of the app jar may be in Spark's jars
   * too.
   */
  @Test
  void theApplicationJarSharesNoClassWithSpark() throws IOException {
    Set<String> app = classes(appJar());
    assertTrue(
        app.contains("vn/kinhteso/cli/Main.class")
            && app.contains("io/delta/tables/DeltaTable.class")
            && app.stream().anyMatch(c -> c.startsWith("com/amazon/deequ/")),
        "our classes, Delta and Deequ are inside");
    try (JarFile j = new JarFile(appJar().toFile())) {
      assertEquals(
          "vn.kinhteso.cli.Main", j.getManifest().getMainAttributes().getValue("Main-Class"));
    }
    Set<String> clashes = new TreeSet<>();
    try (Stream<Path> jars = Files.list(cluster.sparkHome.resolve("jars"))) {
      for (Path jar : jars.collect(Collectors.toList())) {
        for (String c : classes(jar)) {
          if (app.contains(c)) {
            clashes.add(jar.getFileName() + ": " + c);
          }
        }
      }
    }
    assertEquals(Set.of(), clashes.stream().limit(20).collect(Collectors.toSet()));
  }

  static Set<String> classes(Path jar) throws IOException {
    Set<String> out = new TreeSet<>();
    try (JarFile j = new JarFile(jar.toFile())) {
      for (Enumeration<? extends ZipEntry> e = j.entries(); e.hasMoreElements(); ) {
        String n = e.nextElement().getName();
        if (n.endsWith(".class") && !n.startsWith("META-INF/")) {
          out.add(n);
        }
      }
    }
    return out;
  }

  static Map<String, Integer> sizes(Map<String, List<String>> gold) {
    return gold.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size()));
  }
}
