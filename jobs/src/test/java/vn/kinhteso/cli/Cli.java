package vn.kinhteso.cli;

import java.io.PrintStream;
import java.util.Map;

/** The command line in-process for tests of other packages (no System.exit). */
public final class Cli {
  private Cli() {}

  public static int run(PrintStream out, String... argv) {
    return Main.run(argv, out);
  }

  /** The configuration the command line would build. */
  public static Map<String, String> sparkSettings(String... argv) {
    return Main.configOf(argv).sparkSettings();
  }
}
