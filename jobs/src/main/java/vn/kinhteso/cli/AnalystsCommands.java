package vn.kinhteso.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.PipelineConfig.ConfigException;
import vn.kinhteso.config.Reference;
import vn.kinhteso.export.AnalystsOutputs;
import vn.kinhteso.export.Export;

/** {@code export} and {@code report}: what analysts take away from the lake. */
final class AnalystsCommands {
  private AnalystsCommands() {}

  static int export(Args a, PipelineConfig config, PrintStream out) {
    String dir = a.location("out");
    if (dir == null || !a.options.containsKey("format")) {
      throw new ConfigException("export needs --format csv|sdmx-csv|xlsx and --out DIR");
    }
    Export.Format format = Export.Format.of(a.get("format", ""));
    SparkSession spark = Main.session(config, "export");
    AnalystsOutputs outputs = new AnalystsOutputs(spark, config, Reference.load(config));
    List<Path> files = outputs.writeAt(dir, d -> outputs.export(format, d, a.flag("internal")));
    out.printf("Exported %s (%s, run %s) to %s:%n", format.flag, a.flag("internal") ? "internal: every value"
        : "public: confidential cells suppressed", outputs.gold().runId(), dir);
    files.forEach(f -> out.println("  " + f.getFileName()));
    return 0;
  }

  static int report(Args a, PipelineConfig config, PrintStream out) {
    String file = a.location("out");
    if (file == null) {
      throw new ConfigException("report needs --out FILE.html");
    }
    SparkSession spark = Main.session(config, "report");
    AnalystsOutputs outputs = new AnalystsOutputs(spark, config, Reference.load(config));
    String where;
    if (AnalystsOutputs.isLocal(file)) {
      where = outputs.report(Path.of(file)).toString();
    } else {
      org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(file);
      outputs.writeAt(remote.getParent().toString(), d -> outputs.report(d.resolve(remote.getName())));
      where = file;
    }
    out.printf("Wrote the report of run %s to %s%n", outputs.gold().runId(), where);
    return 0;
  }

  /** After a nightly that published: the public exports and the report next to the lake. */
  static void afterPublish(PipelineConfig config, Reference ref, PrintStream out) {
    SparkSession spark = Main.session(config, "nightly");
    AnalystsOutputs outputs = new AnalystsOutputs(spark, config, ref);
    String where = outputs.outputLocation();
    // Public files only: the gold is read once, each format is a few thousand rows.
    outputs.writeAt(where, dir -> {
      for (Export.Format f : Export.Format.values()) {
        outputs.export(f, dir.resolve(f.flag), false);
      }
      return outputs.report(dir.resolve("report.html"));
    });
    out.println("  analysts' outputs (public): " + where + "/{csv,sdmx-csv,xlsx}, " + where + "/report.html");
  }
}
