package vn.kinhteso.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.TinyPublishedLake;
import vn.kinhteso.export.GoldExtract;
import vn.kinhteso.export.Labels;
import vn.kinhteso.lake.Lake;

/**
 * The report of the tiny example: suppressed as the public exports are, and opened in headless
 * Chromium: no console error, every chart drawn by ECharts with marks, Vietnamese text in the page;
 * a screenshot is kept under jobs/target/report-screenshot/.
 */
class ReportBrowserIT {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final List<String> CHARTS =
      List.of(
          "share-by-province",
          "components-by-province",
          "share-by-sector",
          "national-series",
          "productivity-growth",
          "ecommerce-retail");
  @TempDir static Path tmp;
  static SparkSession spark = SharedSpark.get();

  static Labels labels(TinyPublishedLake tiny) {
    return new Labels(tiny.config, tiny.reference);
  }

  @Test
  void thePublicReportShowsSuppressedCellsWithoutTheirValues() throws IOException {
    TinyPublishedLake tiny = TinyPublishedLake.get();
    GoldExtract gold = GoldExtract.read(new Lake(spark, tiny.lake.toString()));
    Path file = Report.write(gold, labels(tiny), tmp.resolve("public.html"), 3, 85);
    String html = Files.readString(file, StandardCharsets.UTF_8);
    // Offline: the library is inlined whole, and the page around it loads nothing from elsewhere.
    String library = Report.resource(Report.ECHARTS).replace("</script", "<\\/script");
    assertTrue(html.contains(library), "ECharts is inlined");
    assertFalse(
        Pattern.compile("<(script|link|img|iframe)\\b[^>]*\\b(src|href)\\s*=")
            .matcher(html.replace(library, ""))
            .find(),
        "no external script, style or image");
    assertTrue(html.contains(tiny.runId), "the run is named");
    // Tiny's only 2025 province cell (U1 alone) is confidential: the chart marks it hidden, with no
    // share.
    String data =
        html.substring(
            html.indexOf("var REPORT = "), html.indexOf("\n", html.indexOf("var REPORT = ")));
    assertTrue(data.contains("\"id\":\"share-by-province\""), data);
    Pattern shareChart =
        Pattern.compile(
            "\"id\":\"share-by-province\".*?\"series\":\\[\\{\"name\":\"[^\"]*\",\"data\":\\[(.*?)\\]\\}\\].*?\"hidden\":\\[(.*?)\\]");
    Matcher m = shareChart.matcher(data);
    assertTrue(m.find(), data);
    assertEquals("null", m.group(1));
    assertEquals("true", m.group(2));
    double internalShare =
        new Lake(spark, tiny.lake.toString())
            .read("gold", "digital_economy_share")
            .where("geo_level = 'province_2025' AND year = 2025 AND sector = 'ALL'")
            .head()
            .getAs("share_pct");
    assertFalse(
        data.contains(vn.kinhteso.export.Export.text(internalShare)),
        "the suppressed share is not in the page");
  }

  @Test
  void chromiumDrawsEveryChart() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (.ci/run installs it)");
    TinyPublishedLake tiny = TinyPublishedLake.get();
    // Tiny is too small to publish a share (almost every cell has fewer than 3 units): on a copy of
    // its lake only 27/J 2024 stays confidential, so the charts have values to draw.
    Path lake = tiny.copyLake(tmp.resolve("lake"));
    Lake l = new Lake(spark, lake.toString());
    // Published as a nightly publishes, or readers would go on seeing the table as it was.
    new vn.kinhteso.publish.GoldPublisher(spark, l)
        .publish(
            tiny.runId,
            java.util.List.of(
                new vn.kinhteso.indicators.Gold.Table(
                    "digital_economy_share",
                    l.read("gold", "digital_economy_share")
                        .withColumn(
                            "confidential",
                            functions.expr(
                                "geo_level = 'province_2004' AND province_code = '27' AND year = 2024 AND sector = 'J'"))
                        .localCheckpoint())));
    Path file = Report.write(GoldExtract.read(l), labels(tiny), tmp.resolve("report.html"), 3, 85);

    Path shots = Path.of("target/report-screenshot").toAbsolutePath();
    Files.createDirectories(shots);
    Path png = shots.resolve("report.png");
    Files.deleteIfExists(png);
    String dom = chromium(file, List.of("--dump-dom"), shots.resolve("chromium-dom.log"));
    chromium(
        file,
        List.of("--screenshot=" + png, "--window-size=1400,1750", "--hide-scrollbars"),
        shots.resolve("chromium-screenshot.log"));
    Files.writeString(shots.resolve("report-dom.html"), dom, StandardCharsets.UTF_8);

    assertTrue(
        dom.contains("data-console-errors=\"0\""), "console errors: " + attr(dom, "data-errors"));
    for (String id : CHARTS) {
      int at = dom.indexOf("id=\"chart-" + id + "\"");
      assertTrue(at > 0, id + " missing");
      int end = dom.indexOf("<section", at);
      String div = dom.substring(dom.lastIndexOf("<div", at), end < 0 ? dom.length() : end);
      assertTrue(div.contains("data-rendered=\"true\""), id + " not rendered");
      Matcher pts = Pattern.compile("data-points=\"(\\d+)\"").matcher(div);
      assertTrue(pts.find() && Integer.parseInt(pts.group(1)) > 0, id + " has no data");
      assertTrue(div.contains("<svg"), id + " has no drawing");
      int paths = div.split("<path", -1).length - 1;
      assertTrue(paths > 5, id + " has " + paths + " marks");
    }
    for (String vi :
        List.of(
            "Tỷ trọng kinh tế số trong GRDP theo tỉnh",
            "Bắc Ninh",
            "Tăng năng suất lao động",
            "Tỷ trọng kinh tế số toàn quốc",
            "Lõi ICT")) {
      assertTrue(dom.contains(vi), vi);
    }
    assertTrue(Files.size(png) > 20_000, "screenshot " + png);
    assertEquals(List.of((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G'), first4(png));
  }

  static List<Byte> first4(Path p) throws IOException {
    byte[] b = Files.readAllBytes(p);
    return List.of(b[0], b[1], b[2], b[3]);
  }

  static String attr(String dom, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(dom);
    return m.find() ? m.group(1) : "";
  }

  /** Runs headless Chromium on the file; returns its stdout (the DOM for --dump-dom). */
  static String chromium(Path html, List<String> what, Path log) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium"),
                "--virtual-time-budget=15000"));
    cmd.addAll(what);
    cmd.add(html.toUri().toString());
    Path stdout = Files.createTempFile(tmp, "out", ".txt");
    Process p =
        new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(log.toFile()).start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 180 s: " + cmd);
    }
    String err = Files.readString(log);
    assertFalse(err.contains("Uncaught"), err);
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }
}
