package vn.kinhteso.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.PipelineConfig.ConfigException;
import vn.kinhteso.lake.Lake;
import vn.kinhteso.quality.QualityCommands;

/** {@code quality}: the latest quality report and its history; {@code quality suggest}. */
@Command(
    name = "quality",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = "Prints the latest run's quality report and the checks' history.",
    subcommands = QualityCommand.Suggest.class)
final class QualityCommand extends LakeCommand {
  @Override
  int run(PipelineConfig config, PrintStream out) {
    SparkSession spark = Main.session(config, "quality");
    out.print(QualityCommands.latestReport(new Lake(spark, config.lake())));
    return Main.OK;
  }

  /** {@code quality suggest --table layer.t}: Deequ's constraint suggestions. */
  @Command(
      name = "suggest",
      mixinStandardHelpOptions = true,
      usageHelpAutoWidth = true,
      description = "Deequ's constraint suggestions for one lake table, as candidate checks.")
  static final class Suggest implements Callable<Integer>, Main.Configured {
    @ParentCommand QualityCommand quality;

    @Option(
        names = "--table",
        required = true,
        paramLabel = "LAYER.TABLE",
        description = "e.g. silver.declarations or gold.digital_economy_share.")
    String table;

    @Mixin LakeOptions lake;

    @Override
    public PipelineConfig config() {
      return lake.over(quality.lake).load();
    }

    @Override
    public Integer call() {
      if (!table.contains(".")) {
        throw new ConfigException(
            "quality suggest needs --table layer.table, e.g. --table silver.declarations");
      }
      PipelineConfig config = config();
      SparkSession spark = Main.session(config, "quality");
      quality
          .main
          .out()
          .print(QualityCommands.suggest(spark, new Lake(spark, config.lake()), table));
      return Main.OK;
    }
  }
}
