package vn.kinhteso;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import vn.kinhteso.config.ConfigKeys;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.run.Nightly;

/**
 * One nightly on shared/examples/tiny per test JVM, shared by the analysts' test classes (exports,
 * report, notebooks, documented queries): a published lake they only read. The quality gate is
 * tested on its own; here it lets everything through.
 */
public final class TinyPublishedLake {
  private static TinyPublishedLake instance;

  public final Path dir;
  public final Path landing;
  public final Path lake;
  public final PipelineConfig config;
  public final Reference reference;
  public final String runId;

  private TinyPublishedLake(Path dir) throws IOException {
    this.dir = dir;
    this.landing = dir.resolve("landing");
    this.lake = dir.resolve("lake");
    Path tiny = SharedSpark.sharedDir().resolve("examples/tiny/landing");
    try (Stream<Path> files = Files.walk(tiny)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        Path to = landing.resolve(tiny.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    }
    config =
        SharedSpark.config(
            Map.of(
                ConfigKeys.LANDING.name(),
                landing.toString(),
                ConfigKeys.LAKE.name(),
                lake.toString(),
                ConfigKeys.BOOTSTRAP_REPLICATES.name(),
                "20"));
    reference = Reference.load(config);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Nightly.QualityStage letThrough =
        (runId, runDate, pending, l, silver, staged, out) ->
            vn.kinhteso.quality.GateDecision.allow();
    Nightly.Outcome o =
        new Nightly(
                SharedSpark.get(),
                config,
                reference,
                letThrough,
                new PrintStream(buf, true, StandardCharsets.UTF_8))
            .run(LocalDate.of(2026, 1, 15));
    if (!o.published()) {
      throw new IllegalStateException(
          "Cannot prepare the tiny lake: the nightly did not publish: "
              + o.message()
              + "\n"
              + buf.toString(StandardCharsets.UTF_8));
    }
    runId = o.runId();
  }

  public static synchronized TinyPublishedLake get() {
    if (instance == null) {
      try {
        Path dir = Files.createTempDirectory("kinhteso-tiny-lake");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        instance = new TinyPublishedLake(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  /** A copy of the lake that a test may change (a second publish, commit times). */
  public Path copyLake(Path to) throws IOException {
    try (Stream<Path> files = Files.walk(lake)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path t = to.resolve(lake.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return to;
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp folder left behind is harmless
    }
  }
}
