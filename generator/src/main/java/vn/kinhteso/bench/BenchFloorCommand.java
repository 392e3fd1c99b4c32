package vn.kinhteso.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import vn.kinhteso.cli.ConfigOptions;
import vn.kinhteso.cli.Main;
import vn.kinhteso.config.PipelineConfig;

/**
 * {@code bench-floor}: the benchmark's floor run, Spark's bare read of a zone (bench starts it).
 */
@Command(
    name = "bench-floor",
    hidden = true,
    mixinStandardHelpOptions = true,
    description =
        "Spark's own readers parse every landing file and count the rows (the benchmark's floor).")
public final class BenchFloorCommand implements Callable<Integer>, Main.Configured, Main.Extension {
  @ParentCommand Main main;

  @Option(
      names = "--landing",
      paramLabel = "DIR",
      description = "The landing zone (default: the conf file's).")
  String landing;

  @Option(names = "--master", paramLabel = "URL", description = "Spark's master.")
  String master;

  @Mixin ConfigOptions config;

  @Override
  public PipelineConfig config() {
    return config.load(landing, null, master);
  }

  @Override
  public Integer call() {
    PipelineConfig c = config();
    try {
      BareRead.run(Main.session(c, "bench floor"), Path.of(c.landing()), main.out());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Main.OK;
  }
}
