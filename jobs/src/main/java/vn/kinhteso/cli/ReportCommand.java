package vn.kinhteso.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.export.AnalystsOutputs;

/** {@code report}: one offline HTML page with charts. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description =
        "Writes the report of the last complete publish: one offline HTML page with charts.")
final class ReportCommand extends LakeCommand {
  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.html",
      description = "The page to write: a local file or a URI of the lake's file system.")
  String target;

  @Override
  int run(PipelineConfig config, PrintStream out) {
    String file = ConfigOptions.location(target);
    SparkSession spark = Main.session(config, "report");
    AnalystsOutputs outputs = new AnalystsOutputs(spark, config, Reference.load(config));
    String where;
    if (AnalystsOutputs.isLocal(file)) {
      where = outputs.report(Path.of(file)).toString();
    } else {
      org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(file);
      outputs.writeAt(
          remote.getParent().toString(), d -> outputs.report(d.resolve(remote.getName())));
      where = file;
    }
    out.printf("Wrote the report of run %s to %s%n", outputs.gold().runId(), where);
    return Main.OK;
  }
}
