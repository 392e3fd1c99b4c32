package vn.kinhteso.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.ServiceLoader;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.PipelineConfig.ConfigException;
import vn.kinhteso.deploy.LakePreflight;
import vn.kinhteso.spark.Sessions;

/**
 * The one entry point, {@code bin/kinhteso <command>}. The exit codes are decided here and in no
 * other place: 0 done (warnings allowed), 2 bad usage or configuration, 3 the data could not be
 * published (the nightly's own outcome), 1 anything unexpected.
 */
@Command(
    name = "kinhteso",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Vietnam's digital economy, province by province: the nightly pipeline and what reads its lake.",
    subcommands = {
      NightlyCommand.class,
      ExportCommand.class,
      ReportCommand.class,
      SqlCommand.class,
      QualityCommand.class,
      ScorecardCommand.class,
      UnlockCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 done (warnings allowed), 2 bad usage or configuration, 3 not published,"
          + " 1 unexpected (--verbose shows the stack trace).",
      "See README.md and docs/."
    },
    usageHelpAutoWidth = true)
public final class Main implements Runnable {
  public static final int OK = vn.kinhteso.config.ExitCode.OK;
  public static final int UNEXPECTED = vn.kinhteso.config.ExitCode.UNEXPECTED;
  public static final int USAGE_ERROR = vn.kinhteso.config.ExitCode.USAGE_ERROR;
  public static final int NOT_PUBLISHED = vn.kinhteso.config.ExitCode.NOT_PUBLISHED;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "On an unexpected failure, print the stack trace too.")
  boolean verbose;

  private final PrintStream out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private Main(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] argv) {
    int code = run(argv, System.out);
    PeakHeap.report(System.out);
    System.exit(code);
  }

  /** Parses and runs one command line; the exit code, never an exit. */
  public static int run(String[] argv, PrintStream out) {
    return commandLine(out).execute(argv);
  }

  static CommandLine commandLine(PrintStream out) {
    CommandLine cl = new CommandLine(new Main(out));
    // The generator module's commands (generate, bench) when its jar is on the class path: the
    // application jar for spark-submit holds the pipeline only.
    for (Extension e : ServiceLoader.load(Extension.class)) {
      cl.addSubcommand(e);
    }
    cl.addSubcommand(new CommandLine.HelpCommand());
    cl.addSubcommand(new picocli.AutoComplete.GenerateCompletion());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(
        new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    cl.setExecutionExceptionHandler(Main::failed);
    cl.getCommandSpec()
        .exitCodeOnInvalidInput(USAGE_ERROR)
        .exitCodeOnExecutionException(UNEXPECTED);
    return cl;
  }

  /** The configuration that a command line would run with, the command not run (for tests). */
  static PipelineConfig configOf(String... argv) {
    ParseResult pr = commandLine(System.out).parseArgs(argv);
    while (pr.hasSubcommand()) {
      pr = pr.subcommand();
    }
    if (!(pr.commandSpec().userObject() instanceof Configured c)) {
      throw new IllegalArgumentException(pr.commandSpec().name() + " has no configuration");
    }
    return c.config();
  }

  /** A command that runs with a pipeline configuration. */
  public interface Configured {
    PipelineConfig config();
  }

  /**
   * A subcommand from another module, listed in its {@code META-INF/services}: a public
   * {@code @Command} class with a public no-argument constructor.
   */
  public interface Extension {}

  /** Where a command prints its results. */
  public PrintStream out() {
    return out;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "No command given.");
  }

  private static int failed(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (e instanceof ConfigException) {
      err.println("kinhteso: " + e.getMessage());
      return USAGE_ERROR;
    }
    // Spark's Scala exceptions (AnalysisException) are checked in Java terms but undeclared.
    err.println("kinhteso: unexpected failure: " + vn.kinhteso.run.Failures.oneLine(e));
    if (verbose(parsed)) {
      err.print(vn.kinhteso.run.Failures.stackTrace(e));
    } else {
      err.println("kinhteso: run again with --verbose for the stack trace");
    }
    return UNEXPECTED;
  }

  private static boolean verbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  public static SparkSession session(PipelineConfig config, String app) {
    LakePreflight.check(config);
    return Sessions.create("kinhteso " + app, config.sparkSettings());
  }

  /** The versions of the project and of its stack, from the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {
        "kinhteso " + p.getProperty("kinhteso", "(unknown build)"),
        "Spark "
            + p.getProperty("spark", "?")
            + " (Scala "
            + p.getProperty("scala", "?")
            + "), Delta "
            + p.getProperty("delta", "?")
            + ", Deequ "
            + p.getProperty("deequ", "?")
            + ", Hadoop "
            + p.getProperty("hadoop", "?")
            + "; Java "
            + System.getProperty("java.version")
      };
    }
  }
}
