package vn.kinhteso.deploy;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.lake.Lake;

/**
 * Kill anywhere, rerun, same result. The nightly runs in a child JVM as bin/kinhteso runs it, on
 * the tiny zone, and is SIGKILLed in the middle of one Delta write after another (its data file
 * written, its commit not) and at stage boundaries; each run starts on the lake the killed one
 * left. The last run is not killed. Then: no bronze line twice, every file reconciles, gold is row
 * for row the gold of one uninterrupted run, and no citizen ID is in a log or a table outside
 * bronze.
 */
@Tag("remote")
class KillAnywhereIT {
  /**
   * Where each run dies, in pipeline order: {@code layer/table[#n]} = its n-th data file of the
   * run. One write of each kind (bronze, typed and silver, quarantine, ops, staging, the journal's
   * two commits, gold); every run costs a nightly's start and the stages it redoes.
   */
  static final List<String> WRITES =
      List.of(
          "bronze/lines",
          "bronze/files",
          "silver/typed_grdp",
          "silver/ecommerce",
          "quality/quarantine",
          "ops/conform_batches",
          "_staging/",
          "ops/publish#1",
          "gold/digital_economy_share",
          "gold/labour_productivity",
          "ops/publish#3",
          "ops/runs");

  /** Stage lines of the run's output after which the parent kills it. */
  static final List<String> BOUNDARIES = List.of("  indicators ");

  static final Pattern CITIZEN_IDS = Pattern.compile("001234567890|024198765432");

  @TempDir Path dir;

  ChildJvm nightly(String name, Path landing, Path lake, Path killCp, String killAt)
      throws Exception {
    List<String> jvm = new ArrayList<>(ChildJvm.sparkOpens());
    jvm.addAll(
        List.of(
            "-Xmx2g",
            "-cp",
            killCp
                + ":"
                + System.getProperty("kinhteso.jobs.jar")
                + ":"
                + System.getProperty("kinhteso.lib")
                + "/*"));
    List<String> args =
        List.of(
            "vn.kinhteso.cli.Main",
            "nightly",
            "--config",
            SharedSpark.confDir().resolve("local.conf").toString(),
            "--master",
            "local[2]",
            "--conf",
            "spark.sql.shuffle.partitions=4",
            "--landing",
            landing.toString(),
            "--lake",
            lake.toString(),
            "--run-date",
            Gold.RUN_DATE.toString(),
            "--conf",
            "pseudonym.synthetic_data=true");
    return ChildJvm.start(
        name,
        dir,
        jvm,
        args,
        killAt == null
            ? Map.of("SPARK_LOCAL_IP", "127.0.0.1")
            : Map.of("SPARK_LOCAL_IP", "127.0.0.1", KillingFileSystem.ENV, killAt));
  }

  /** The trap's classes and a core-site.xml that makes it the file system of file: paths. */
  Path killClasspath() throws Exception {
    Path cp = dir.resolve("kill-cp");
    Path pkg = cp.resolve("vn/kinhteso/deploy");
    Files.createDirectories(pkg);
    Path classes =
        Path.of(KillingFileSystem.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("vn/kinhteso/deploy");
    try (Stream<Path> s = Files.list(classes)) {
      for (Path c :
          s.filter(p -> p.getFileName().toString().startsWith("KillingFileSystem")).toList()) {
        Files.copy(c, pkg.resolve(c.getFileName()));
      }
    }
    Files.writeString(
        cp.resolve("core-site.xml"),
        "<?xml version=\"1.0\"?>\n<configuration>\n"
            + "  <property><name>fs.file.impl</name><value>"
            + KillingFileSystem.class.getName()
            + "</value></property>\n"
            + "</configuration>\n");
    return cp;
  }

  @Test
  void killedAtEveryWriteAndBoundaryTheRerunsPublishTheUninterruptedGold() throws Exception {
    Path landing = Gold.copyTiny(dir.resolve("landing"));
    Path lake = dir.resolve("lake");
    Path cp = killClasspath();
    StringBuilder logs = new StringBuilder();
    long t0 = System.nanoTime();
    int n = 0;
    for (String at : WRITES) {
      ChildJvm c =
          nightly("killed-" + n++ + "-" + at.replaceAll("[^a-z_0-9]", "_"), landing, lake, cp, at);
      int exit = c.waitFor(600);
      logs.append(c.output());
      assertTrue(
          c.output().contains("kinhteso-test: SIGKILL after writing"),
          "the run never wrote " + at + " (exit " + exit + "); its log:\n" + c.tail(40));
      assertEquals(137, exit, "killed by SIGKILL at " + at);
    }
    for (String line : BOUNDARIES) {
      ChildJvm c = nightly("killed-" + n++ + "-after" + line.trim(), landing, lake, cp, null);
      c.awaitLog("\n" + line, 600);
      c.process.destroyForcibly().waitFor();
      logs.append(c.output());
    }
    ChildJvm last = nightly("last", landing, lake, cp, null);
    int exit = last.waitFor(600);
    logs.append(last.output());
    assertEquals(0, exit, "the run after " + n + " kills; its log:\n" + last.tail(60));
    System.out.printf(
        "kill anywhere: %d killed runs and one whole run, %.1f s%n",
        n, (System.nanoTime() - t0) / 1e9);

    SparkSession spark = SharedSpark.get();
    Lake l = new Lake(spark, lake.toString());
    assertEquals(
        0,
        l.read(Lake.BRONZE, "lines")
            .groupBy("file_hash", "line_no")
            .count()
            .where(col("count").gt(1))
            .count(),
        "no bronze line twice");
    long files;
    try (Stream<Path> s = Files.walk(landing)) {
      files = s.filter(Files::isRegularFile).count();
    }
    Dataset<Row> manifest = l.read(Lake.BRONZE, "files");
    assertEquals(
        files,
        manifest.select("file_path").distinct().count(),
        "every landing file in the manifest");
    assertEquals(files, manifest.count(), "once");
    Dataset<Row> rec = l.read(Lake.OPS, "file_reconciliation");
    assertTrue(rec.count() > 0);
    assertEquals(0, rec.where(col("reconciles").equalTo(false)).count(), "every file reconciles");
    assertEquals(
        "",
        Gold.differences(Gold.local(), Gold.of(spark, lake.toString())),
        "gold after the kills equals the gold of one uninterrupted run");

    assertTrue(!CITIZEN_IDS.matcher(logs).find(), "no citizen ID in the runs' logs");
    int tables = 0;
    for (String layer : List.of(Lake.SILVER, Lake.GOLD, Lake.QUALITY, Lake.OPS)) {
      try (Stream<Path> s = Files.list(lake.resolve(layer))) {
        for (Path t : s.filter(p -> Files.isDirectory(p.resolve("_delta_log"))).toList()) {
          Dataset<Row> d = l.read(layer, t.getFileName().toString());
          long clear =
              d.selectExpr("to_json(struct(*)) AS j")
                  .where(col("j").rlike(CITIZEN_IDS.pattern()))
                  .count();
          assertEquals(0, clear, layer + "." + t.getFileName() + " holds a citizen ID");
          tables++;
        }
      }
    }
    assertTrue(tables > 15, tables + " tables searched");
    Files.writeString(dir.resolve("all-runs.log"), logs, StandardCharsets.UTF_8);
  }
}
