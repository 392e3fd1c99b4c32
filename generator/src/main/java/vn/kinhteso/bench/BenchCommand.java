package vn.kinhteso.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import vn.kinhteso.cli.ConfigOptions;
import vn.kinhteso.cli.Main;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.PipelineConfig.ConfigException;
import vn.kinhteso.config.Reference;

/** {@code bench}: see docs/performance.md. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    showDefaultValues = true,
    description = {
      "The benchmark: what a night costs at each size (docs/performance.md).",
      "For each size a generated zone (cached), then the floor, a full, a no-op and an incremental night, each"
          + " in a fresh JVM from an empty lake; one table, also written as CSV."
    })
public final class BenchCommand implements Callable<Integer>, Main.Configured, Main.Extension {
  @ParentCommand Main main;

  @Option(
      names = "--scale",
      split = ",",
      paramLabel = "SIZE",
      defaultValue = "sample,18,100,300",
      description =
          "'sample' (data-sample/) or generator scales: 18 is about 0.5 M lines, 100 2.7 M, 300 8 M.")
  List<String> sizes;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      defaultValue = "bench",
      description = "Zones, lakes and logs.")
  Path work;

  @Option(
      names = "--out",
      paramLabel = "FILE.csv",
      description = "The results (default: <work>/results.csv).")
  Path csv;

  @Option(
      names = "--driver-memory",
      paramLabel = "SIZE",
      defaultValue = "4g",
      description = "Each run's -Xmx.")
  String driverMemory;

  @Mixin ConfigOptions config;

  @Override
  public PipelineConfig config() {
    return config.load(null, null, null);
  }

  @Override
  public Integer call() throws InterruptedException {
    for (String s : sizes) {
      if (!s.equals("sample") && !s.matches("[0-9]+(\\.[0-9]+)?")) {
        throw new ConfigException(
            "--scale takes 'sample' or generator scales, comma-separated; got '" + s + "'");
      }
    }
    PipelineConfig c = config();
    Path dir = work.toAbsolutePath();
    try {
      new Benchmark(
              dir, Path.of(c.landing()), c.confFile(), driverMemory, Reference.load(c), main.out())
          .run(sizes, csv != null ? csv : dir.resolve("results.csv"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Main.OK;
  }
}
