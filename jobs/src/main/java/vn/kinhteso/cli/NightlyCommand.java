package vn.kinhteso.cli;

import java.io.PrintStream;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.deploy.LakePreflight;
import vn.kinhteso.export.AnalystsOutputs;
import vn.kinhteso.export.Export;
import vn.kinhteso.run.DeequQualityStage;
import vn.kinhteso.run.Nightly;
import vn.kinhteso.spark.Sessions;

/**
 * {@code nightly}: ingest what is new, conform, compute, check, publish; then the analysts'
 * outputs.
 */
@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Runs the nightly pipeline on the new files of the landing zone.",
      "Exit 0 published (or nothing new), 3 not published (a failed quality gate or stage), 2 bad configuration."
    })
final class NightlyCommand extends LakeCommand {
  @Option(
      names = "--landing",
      paramLabel = "DIR",
      description = "The landing zone (default: the conf file's landing).")
  String landing;

  @Option(
      names = "--run-date",
      paramLabel = "YYYY-MM-DD",
      description =
          "The date the run is for (default: today); it dates the quality results and future-date checks.")
  String runDate;

  @Override
  public PipelineConfig config() {
    return lake.config.load(landing, lake.lake, lake.master);
  }

  @Override
  int run(PipelineConfig config, PrintStream out) {
    LocalDate date = runDate();
    Reference ref = Reference.load(config);
    LakePreflight.check(config);
    LakePreflight.checkFolders(config);
    LakePreflight.checkDeltaLogs(config);
    config.pseudonymKey();
    SparkSession spark = Sessions.create("kinhteso nightly", config.sparkSettings());
    Nightly.Outcome o =
        new Nightly(spark, config, ref, new DeequQualityStage(config, ref), out).run(date);
    if (o.published()) {
      afterPublish(config, ref, out);
    }
    return o.exitCode();
  }

  private LocalDate runDate() {
    try {
      return runDate != null ? LocalDate.parse(runDate) : LocalDate.now();
    } catch (java.time.format.DateTimeParseException e) {
      throw new vn.kinhteso.config.PipelineConfig.ConfigException(
          "Cannot use --run-date: expected YYYY-MM-DD, got '" + runDate + "'");
    }
  }

  /** After a nightly that published: the public exports and the report next to the lake. */
  static void afterPublish(PipelineConfig config, Reference ref, java.io.PrintStream out) {
    SparkSession spark = Main.session(config, "nightly");
    AnalystsOutputs outputs = new AnalystsOutputs(spark, config, ref);
    String where = outputs.outputLocation();
    // Public files only: the gold is read once, each format is a few thousand rows.
    outputs.writeAt(
        where,
        dir -> {
          for (Export.Format f : Export.Format.values()) {
            outputs.export(f, dir.resolve(f.flag), false);
          }
          return outputs.report(dir.resolve("report.html"));
        });
    out.println(
        "  analysts' outputs (public): "
            + where
            + "/{csv,sdmx-csv,xlsx}, "
            + where
            + "/report.html");
  }
}
