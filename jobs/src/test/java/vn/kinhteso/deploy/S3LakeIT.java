package vn.kinhteso.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.cli.Cli;

/**
 * The lake on a real S3 API: S3Proxy (filesystem backend) in its own JVM. One nightly as a user
 * runs it (its own JVM, conf/s3.conf, credentials from the AWS environment variables, local[1]),
 * then the lake is read back here; sql and quality on it; a dead server and refused credentials are
 * configuration errors naming the endpoint, within seconds.
 */
@Tag("remote")
class S3LakeIT {
  static final String BUCKET = "kinhteso";
  static final String LAKE = "s3a://" + BUCKET + "/lake";
  @TempDir static Path dir;
  static S3ProxyServer s3;
  static ChildJvm nightly;
  static int exit;
  static double seconds;

  @BeforeAll
  static void nightlyOnS3() throws Exception {
    s3 = S3ProxyServer.start(dir, List.of(BUCKET));
    try {
      s3.configureBucket(SharedSpark.get().sparkContext().hadoopConfiguration(), BUCKET);
      Path landing = Gold.copyTiny(dir.resolve("landing"));
      List<String> args =
          new ArrayList<>(
              List.of(
                  "vn.kinhteso.cli.Main",
                  "nightly",
                  "--config",
                  SharedSpark.confDir().resolve("s3.conf").toString(),
                  "--master",
                  "local[1]",
                  "--landing",
                  landing.toString(),
                  "--lake",
                  LAKE,
                  "--run-date",
                  Gold.RUN_DATE.toString(),
                  "--conf",
                  "pseudonym.synthetic_data=true"));
      args.addAll(s3.confArgs());
      List<String> jvm = new ArrayList<>(ChildJvm.sparkOpens());
      jvm.addAll(
          List.of(
              "-Xmx2g",
              "-cp",
              System.getProperty("kinhteso.jobs.jar")
                  + ":"
                  + System.getProperty("kinhteso.lib")
                  + "/*"));
      long t0 = System.nanoTime();
      nightly =
          ChildJvm.start(
              "nightly-s3",
              dir,
              jvm,
              args,
              Map.of(
                  "AWS_ACCESS_KEY_ID",
                  S3ProxyServer.ACCESS_KEY,
                  "AWS_SECRET_ACCESS_KEY",
                  S3ProxyServer.SECRET_KEY,
                  "SPARK_LOCAL_IP",
                  "127.0.0.1"));
      exit = nightly.waitFor(900);
      seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "S3 nightly (bin/kinhteso's JVM, local[1], lake on S3Proxy): %.1f s, exit %d%n",
          seconds, exit);
    } catch (Throwable t) {
      s3.close();
      throw t;
    }
  }

  @AfterAll
  static void stopServer() {
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void nightlyOnS3PublishesTheLocalRunsGold() throws IOException {
    assertEquals(
        0,
        exit,
        "the nightly's exit code; its log:\n" + nightly.tail(60) + "\nS3Proxy:\n" + s3.log());
    assertFalse(
        nightly.output().contains(S3ProxyServer.SECRET_KEY),
        "the secret is not in the run's output");
    Map<String, List<String>> onS3 = Gold.of(SharedSpark.get(), LAKE);
    assertEquals("", Gold.differences(Gold.local(), onS3));
  }

  @Test
  void theAnalystsOutputsGoNextToTheLakeOnS3() throws IOException {
    assertEquals(0, exit, nightly.tail(40));
    String out = "s3a://" + BUCKET + "/out";
    assertTrue(
        nightly.output().contains("analysts' outputs (public): " + out + "/"), nightly.tail(20));
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(out);
    org.apache.hadoop.fs.FileSystem fs =
        root.getFileSystem(SharedSpark.get().sparkContext().hadoopConfiguration());
    for (String f :
        List.of(
            "report.html",
            "csv/digital_economy_share.csv",
            "csv/manifest.json",
            "xlsx/kinhteso.xlsx")) {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(root, f);
      assertTrue(fs.exists(p) && fs.getFileStatus(p).getLen() > 0, p + " is on S3");
    }
    try (java.io.InputStream in =
        fs.open(new org.apache.hadoop.fs.Path(root, "csv/digital_economy_share.csv"))) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      int rows = Gold.of(SharedSpark.get(), LAKE).get("digital_economy_share").size();
      assertEquals(
          rows + 1, lines.size(), "a header and one line per gold row; header " + lines.get(0));
    }
  }

  @Test
  void sqlAndQualityReadTheLakeOnS3() {
    assertEquals(0, exit, nightly.tail(40));
    Run sql =
        cli(
            "sql",
            "SELECT count(*) AS n FROM gold.digital_economy_share WHERE geo_level = 'national'");
    assertEquals(0, sql.exit, sql.err);
    long national =
        Gold.of(SharedSpark.get(), LAKE).get("digital_economy_share").stream()
            .filter(r -> r.contains("geo_level=national"))
            .count();
    assertTrue(
        national > 0
            && java.util.regex.Pattern.compile("\\|\\s*" + national + "\\s*\\|")
                .matcher(sql.out)
                .find(),
        "sql counts the " + national + " national rows:\n" + sql.out);
    Run unlock = cli("unlock");
    assertEquals(0, unlock.exit, unlock.err);
    assertTrue(
        unlock.out.contains("is not locked"),
        "the nightly released its lock on S3:\n" + unlock.out);
    Run quality = cli("quality");
    assertEquals(0, quality.exit, quality.err);
    assertTrue(
        quality.out.contains(Gold.RUN_DATE.toString()),
        "the report names the night:\n" + quality.out);
  }

  @Test
  void aServerThatIsDownIsAConfigurationErrorNamingTheEndpoint() {
    int port = ChildJvm.freePort();
    long t0 = System.nanoTime();
    Run r =
        cli(
            List.of("--conf", "spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:" + port),
            "sql",
            "SELECT 1");
    double s = (System.nanoTime() - t0) / 1e9;
    assertEquals(2, r.exit, r.err);
    assertTrue(r.err.contains("http://127.0.0.1:" + port) && r.err.contains(LAKE), r.err);
    assertFalse(
        r.err.contains(S3ProxyServer.SECRET_KEY) || r.err.contains("\tat "),
        "no secret, no stack trace:\n" + r.err);
    assertTrue(s < 20, "took " + s + " s");
  }

  @Test
  void refusedCredentialsAreAConfigurationErrorNamingTheEndpoint() {
    String wrong = "not-the-secret-7c1e";
    long t0 = System.nanoTime();
    Run r =
        cli(
            List.of("--conf", "spark.hadoop.fs.s3a.secret.key=" + wrong),
            "nightly",
            "--landing",
            dir.resolve("landing").toString());
    double s = (System.nanoTime() - t0) / 1e9;
    assertEquals(2, r.exit, r.err);
    assertTrue(r.err.contains(s3.endpoint) && r.err.contains("refused the credentials"), r.err);
    assertFalse(
        r.err.contains(wrong) || r.err.contains(S3ProxyServer.SECRET_KEY),
        "no secret in:\n" + r.err);
    assertTrue(s < 20, "took " + s + " s");
  }

  record Run(int exit, String out, String err) {}

  static Run cli(String... argv) {
    return cli(List.of(), argv);
  }

  /** The command line in this JVM against the test server; {@code extra} comes last and wins. */
  static synchronized Run cli(List<String> extra, String... argv) {
    List<String> a = new ArrayList<>(List.of(argv));
    a.addAll(
        List.of("--config", SharedSpark.confDir().resolve("s3.conf").toString(), "--lake", LAKE));
    a.addAll(s3.confArgs());
    // This JVM has no AWS environment: the keys as Hadoop settings (S3A's
    // SimpleAWSCredentialsProvider).
    a.addAll(
        List.of(
            "--conf",
            "spark.hadoop.fs.s3a.access.key=" + S3ProxyServer.ACCESS_KEY,
            "--conf",
            "spark.hadoop.fs.s3a.secret.key=" + S3ProxyServer.SECRET_KEY));
    a.addAll(extra);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Cli.run(new PrintStream(out, true, StandardCharsets.UTF_8), a.toArray(String[]::new));
    } finally {
      System.setErr(oldErr);
    }
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
