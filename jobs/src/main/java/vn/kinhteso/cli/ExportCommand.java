package vn.kinhteso.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.export.AnalystsOutputs;
import vn.kinhteso.export.Export;

/** {@code export}: every gold table of the last complete publish, in one format. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description =
        "Exports every gold table of the last complete publish (public: confidential cells suppressed).")
final class ExportCommand extends LakeCommand {
  @Option(
      names = "--format",
      required = true,
      paramLabel = "csv|sdmx-csv|xlsx",
      description = "The file format.")
  String format;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "A folder or a URI of the lake's file system.")
  String target;

  @Option(
      names = "--internal",
      description = "Every value, confidential cells included (not for publication).")
  boolean internal;

  @Override
  int run(PipelineConfig config, PrintStream out) {
    Export.Format f = Export.Format.of(format);
    String dir = ConfigOptions.location(target);
    SparkSession spark = Main.session(config, "export");
    AnalystsOutputs outputs = new AnalystsOutputs(spark, config, Reference.load(config));
    List<Path> files = outputs.writeAt(dir, d -> outputs.export(f, d, internal));
    out.printf(
        "Exported %s (%s, run %s) to %s:%n",
        f.flag,
        internal ? "internal: every value" : "public: confidential cells suppressed",
        outputs.gold().runId(),
        dir);
    files.forEach(file -> out.println("  " + file.getFileName()));
    return Main.OK;
  }
}
