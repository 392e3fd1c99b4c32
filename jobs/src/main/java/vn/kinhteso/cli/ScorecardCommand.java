package vn.kinhteso.cli;

import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.lake.Lake;
import vn.kinhteso.targets.ScorecardReport;

/** {@code scorecard}: the plans' targets as last published. */
@Command(
    name = "scorecard",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description =
        "The plans' targets: status, latest value, projection (national, or one province).")
final class ScorecardCommand extends LakeCommand {
  @Option(
      names = "--province",
      paramLabel = "CODE",
      description = "A province code (default: national).")
  String province;

  @Override
  int run(PipelineConfig config, PrintStream out) {
    ScorecardReport.print(
        new Lake(Main.session(config, "scorecard"), config.lake()),
        province,
        System.console() != null,
        out);
    return Main.OK;
  }
}
