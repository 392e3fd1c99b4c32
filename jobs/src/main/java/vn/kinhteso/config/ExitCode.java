package vn.kinhteso.config;

/**
 * The exit codes of every command (README, "Exit codes"): defined here, at the bottom of the
 * packages, so that the nightly and the quality report name them without depending on the CLI;
 * {@code cli.Main} maps failures to them.
 */
public final class ExitCode {
  private ExitCode() {}

  /** Done; warnings allowed. */
  public static final int OK = 0;

  /** A bug or an environment failure: the stack trace under {@code --verbose}. */
  public static final int UNEXPECTED = 1;

  /** Bad usage or configuration ({@link PipelineConfig.ConfigException}). */
  public static final int USAGE_ERROR = 2;

  /** Gold not published: a failed quality gate or stage. */
  public static final int NOT_PUBLISHED = 3;
}
