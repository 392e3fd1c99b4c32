package vn.kinhteso.generate;

import java.nio.file.Path;
import java.util.Locale;
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

/** {@code generate}: a synthetic landing zone (docs/generator.md). */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    showDefaultValues = true,
    description = "Writes a synthetic landing zone: the same seed and scale give the same bytes.")
public final class GenerateCommand implements Callable<Integer>, Main.Configured, Main.Extension {
  @ParentCommand Main main;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      required = true,
      description = "An empty or new folder.")
  Path out;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "The random seed.")
  long seed;

  @Option(
      names = "--scale",
      paramLabel = "X",
      defaultValue = "1",
      description = "Size: 1 is data-sample/ (about 50 K lines), 100 about 2.7 M lines.")
  double scale;

  @Option(
      names = "--dirty",
      description = "Inject bad input of every kind the pipeline quarantines.")
  boolean dirty;

  @Mixin ConfigOptions config;

  @Override
  public PipelineConfig config() {
    return config.load(null, null, null);
  }

  @Override
  public Integer call() {
    if (!(scale > 0)) {
      throw new ConfigException("--scale must be above 0, got " + scale);
    }
    Path dir = out.toAbsolutePath().normalize();
    long t0 = System.nanoTime();
    GenerationSummary s;
    try {
      s = LandingGenerator.generate(dir, seed, scale, dirty, Reference.load(config()));
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ConfigException("Cannot generate: " + e.getMessage());
    }
    java.io.PrintStream o = main.out();
    o.printf(
        Locale.ROOT,
        "Generated %s (seed %d, scale %s%s) in %.1f s%n",
        dir,
        seed,
        scale,
        dirty ? ", dirty" : "",
        (System.nanoTime() - t0) / 1e9);
    s.sources()
        .forEach(
            (k, v) ->
                o.printf(
                    Locale.ROOT,
                    "  %-22s %3d files %10d lines %8.2f MB%n",
                    k,
                    v.files(),
                    v.lines(),
                    v.bytes() / 1e6));
    o.printf(
        Locale.ROOT,
        "  %-22s           %10d lines %8.2f MB%n",
        "total",
        s.totalLines(),
        s.totalBytes() / 1e6);
    s.expectedQuarantine()
        .forEach(
            (k, v) -> {
              if (v > 0) {
                o.printf(Locale.ROOT, "  injected %-20s %d%n", k, v);
              }
            });
    return Main.OK;
  }
}
