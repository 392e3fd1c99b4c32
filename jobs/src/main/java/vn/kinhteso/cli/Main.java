package vn.kinhteso.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.PipelineConfig.ConfigException;
import vn.kinhteso.config.Reference;
import vn.kinhteso.deploy.LakePreflight;
import vn.kinhteso.deploy.SubmitSettings;
import vn.kinhteso.run.Nightly;
import vn.kinhteso.spark.Sessions;

/**
 * The one entry point, {@code bin/kinhteso <command>}. Exit codes: 0 done (warnings allowed),
 * 2 bad usage or configuration, 3 the data could not be published, 1 anything unexpected.
 */
public final class Main {
  public static final int UNEXPECTED = 1;
  public static final int USAGE_ERROR = 2;

  static final String USAGE = String.join("\n",
      "Usage: bin/kinhteso <command> [options]",
      "  nightly  [--landing DIR] [--lake URI] [--config FILE] [--run-date YYYY-MM-DD]",
      "  generate --out DIR [--seed N] [--scale X] [--dirty]",
      "  export   --format csv|sdmx-csv|xlsx --out DIR [--internal]   every gold table (public: §8 suppression)",
      "  report   --out FILE.html           one offline HTML page with charts",
      "  sql      \"SELECT ...\" [--lake URI] [--config FILE] [--limit N] [--show-raw \"why\"]",
      "  quality  [--lake URI]              latest quality report and history",
      "  quality suggest --table silver.X   Deequ's constraint suggestions for a table",
      "  bench    [--scale sample,18,100,300] [--out FILE.csv] [--work DIR] [--driver-memory 4g]",
      "  scorecard [--province CODE] [--lake URI]   the plans' targets: status, latest value, projection",
      "  unlock   [--force] [--lake URI]    who holds the lake's lock; --force removes it (no run active)",
      "Spark options as spark-submit spells them: --master URL, --conf key=value (repeatable;",
      "non-spark keys override conf/ settings, e.g. --conf methodology.bootstrap.replicates=50).");

  private Main() {}

  public static void main(String[] argv) {
    int code = run(argv, System.out);
    vn.kinhteso.bench.Benchmark.reportPeakHeap(System.out);
    System.exit(code);
  }

  static int run(String[] argv, PrintStream out) {
    try {
      Args a = Args.parse(argv, List.of("dirty", "help", "internal", "force"));
      switch (a.command) {
        case "nightly":
          a.allow(List.of("landing", "lake", "config", "run-date", "master"));
          return nightly(a, out);
        case "export":
          a.allow(List.of("lake", "config", "master", "format", "out", "internal"));
          return AnalystsCommands.export(a, config(a), out);
        case "report":
          a.allow(List.of("lake", "config", "master", "out"));
          return AnalystsCommands.report(a, config(a), out);
        case "generate":
          a.allow(List.of("out", "seed", "scale", "dirty", "config"));
          return Commands.generate(a, config(a), out);
        case "sql":
          a.allow(List.of("lake", "config", "master", "limit", "show-raw"));
          return Commands.sql(a, config(a), out);
        case "quality":
          a.allow(List.of("lake", "config", "master", "table"));
          return Commands.quality(a, config(a), out);
        case "bench":
          a.allow(List.of("scale", "out", "work", "driver-memory", "config"));
          return Commands.bench(a, config(a), out);
        case "bench-floor":
          a.allow(List.of("landing", "config", "master"));
          return Commands.benchFloor(config(a), out);
        case "scorecard":
          a.allow(List.of("lake", "config", "master", "province"));
          vn.kinhteso.targets.ScorecardReport.print(new vn.kinhteso.publish.Lake(session(config(a), "scorecard"),
              config(a).lake()), a.get("province", null), System.console() != null, out);
          return 0;
        case "unlock":
          a.allow(List.of("lake", "config", "master", "force"));
          return Commands.unlock(a, config(a), out);
        case "help":
        case "--help":
        case "-h":
          out.println(USAGE);
          return 0;
        default:
          throw new ConfigException("Unknown command '" + a.command + "'. " + USAGE);
      }
    } catch (ConfigException e) {
      System.err.println("kinhteso: " + e.getMessage());
      return USAGE_ERROR;
    } catch (Exception e) {
      // Spark's Scala exceptions (AnalysisException) are checked in Java terms but undeclared.
      System.err.println("kinhteso: unexpected failure: " + vn.kinhteso.run.Failures.oneLine(e));
      System.err.print(vn.kinhteso.run.Failures.stackTrace(e));
      return UNEXPECTED;
    }
  }

  /** The conf file (default conf/local.conf of the installation), with the command line on top. */
  static PipelineConfig config(Args a) {
    String file = a.location("config");
    Path conf = file != null ? Path.of(file) : defaultConfig();
    // spark-submit's settings beat the file's, the command line beats both.
    Map<String, String> overrides = new LinkedHashMap<>(SubmitSettings.fromSystemProperties());
    overrides.putAll(a.conf);
    for (String k : List.of("landing", "lake")) {
      if (a.location(k) != null) {
        overrides.put(k, a.location(k));
      }
    }
    if (a.options.containsKey("master")) {
      overrides.put("spark.master", a.options.get("master"));
    }
    return PipelineConfig.load(conf, overrides);
  }

  private static Path defaultConfig() {
    String home = System.getenv("KINHTESO_HOME");
    Path p = (home != null ? Path.of(home) : Path.of(".")).resolve("conf/local.conf").toAbsolutePath().normalize();
    if (!Files.isRegularFile(p)) {
      throw new ConfigException("Cannot find the configuration " + p + ": pass --config FILE");
    }
    return p;
  }

  static SparkSession session(PipelineConfig config, String app) {
    LakePreflight.check(config);
    return Sessions.create("kinhteso " + app, config.sparkSettings());
  }

  private static int nightly(Args a, PrintStream out) {
    PipelineConfig config = config(a);
    LocalDate runDate;
    try {
      runDate = a.options.containsKey("run-date") ? LocalDate.parse(a.get("run-date", null)) : LocalDate.now();
    } catch (DateTimeParseException e) {
      throw new ConfigException("Cannot use --run-date: expected YYYY-MM-DD, got '" + a.get("run-date", "") + "'");
    }
    Reference ref = Reference.load(config);
    LakePreflight.check(config);
    LakePreflight.checkFolders(config);
    LakePreflight.checkDeltaLogs(config);
    config.pseudonymKey();
    SparkSession spark = Sessions.create("kinhteso nightly", config.sparkSettings());
    Nightly.Outcome o = new Nightly(spark, config, ref, Commands.qualityStage(config, ref), out).run(runDate);
    if (o.published()) {
      AnalystsCommands.afterPublish(config, ref, out);
    }
    return o.exitCode();
  }

  static PrintStream utf8(PrintStream p) {
    return new PrintStream(p, true, StandardCharsets.UTF_8);
  }
}
