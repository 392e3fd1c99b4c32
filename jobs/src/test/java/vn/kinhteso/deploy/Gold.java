package vn.kinhteso.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.config.ConfigKeys;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.indicators.GoldTables;
import vn.kinhteso.lake.Lake;
import vn.kinhteso.run.Nightly;

/**
 * Gold of a lake as text, row for row (doubles printed exactly, run_id left out), and the
 * reference: one local nightly per test JVM on the tiny landing zone, shared by the cluster and the
 * S3 tests.
 */
final class Gold {
  static final LocalDate RUN_DATE = LocalDate.of(2026, 1, 15);
  static final Path TINY = SharedSpark.sharedDir().resolve("examples/tiny/landing");
  static final List<String> TABLES =
      List.of(
          GoldTables.DIGITAL_ECONOMY_SHARE,
          GoldTables.LABOUR_PRODUCTIVITY,
          GoldTables.DIGITAL_INDICATORS);

  private static Map<String, List<String>> local;
  static double localSeconds;

  private Gold() {}

  /** Every gold table of the lake at {@code root}: rows as strings, sorted. */
  static Map<String, List<String>> of(SparkSession spark, String root) {
    Lake lake = new Lake(spark, root);
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String t : TABLES) {
      Dataset<Row> d = lake.read(Lake.GOLD, t);
      List<String> rows = new ArrayList<>();
      for (Row r : d.collectAsList()) {
        // run_id names the run, not the numbers.
        rows.add(
            Arrays.stream(d.columns())
                .filter(c -> !c.equals("run_id"))
                .map(c -> c + "=" + r.getAs(c))
                .collect(Collectors.joining(",")));
      }
      rows.sort(String::compareTo);
      out.put(t, rows);
    }
    return out;
  }

  /** The gold of one in-process nightly (local[2], shared session) on a copy of the tiny zone. */
  static synchronized Map<String, List<String>> local() throws IOException {
    if (local == null) {
      Path dir = Files.createTempDirectory("kinhteso-local-gold");
      Path landing = copyTiny(dir.resolve("landing"));
      PipelineConfig config =
          SharedSpark.config(
              Map.of(
                  ConfigKeys.LANDING.name(),
                  landing.toString(),
                  ConfigKeys.LAKE.name(),
                  dir.resolve("lake").toString()));
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      long t0 = System.nanoTime();
      // The quality gate does not change gold; the child runs check it for real.
      Nightly.Outcome o =
          new Nightly(
                  SharedSpark.get(),
                  config,
                  Reference.load(config),
                  (runId, runDate, pending, lake, silver, staged, out) ->
                      vn.kinhteso.quality.GateDecision.allow(),
                  new PrintStream(buf, true, StandardCharsets.UTF_8))
              .run(RUN_DATE);
      localSeconds = (System.nanoTime() - t0) / 1e9;
      if (o.exitCode() != 0 || !o.published()) {
        throw new AssertionError(
            "the local reference nightly did not publish:\n"
                + buf.toString(StandardCharsets.UTF_8));
      }
      System.out.printf("local[2] nightly on tiny: %.1f s%n", localSeconds);
      local = of(SharedSpark.get(), dir.resolve("lake").toString());
    }
    return local;
  }

  static Path copyTiny(Path to) throws IOException {
    try (Stream<Path> files = Files.walk(TINY)) {
      for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        Path target = to.resolve(TINY.relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy the tiny landing zone", e);
    }
    return to;
  }

  /** The rows in one gold and not the other, table by table (empty when equal). */
  static String differences(Map<String, List<String>> expected, Map<String, List<String>> actual) {
    StringBuilder sb = new StringBuilder();
    for (String t : TABLES) {
      List<String> e = expected.getOrDefault(t, List.of());
      List<String> a = actual.getOrDefault(t, List.of());
      if (e.equals(a)) {
        continue;
      }
      List<String> onlyE = new ArrayList<>(e);
      onlyE.removeAll(a);
      List<String> onlyA = new ArrayList<>(a);
      onlyA.removeAll(e);
      sb.append(t).append(": ").append(e.size()).append(" vs ").append(a.size()).append(" rows\n");
      onlyE.stream().limit(5).forEach(r -> sb.append("  local only: ").append(r).append('\n'));
      onlyA.stream().limit(5).forEach(r -> sb.append("  other only: ").append(r).append('\n'));
    }
    return sb.toString();
  }
}
