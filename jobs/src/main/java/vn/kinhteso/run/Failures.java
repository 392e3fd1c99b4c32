package vn.kinhteso.run;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;

/**
 * How a failure is told, in ops.runs and on the console: one line, and no citizen ID. Spark's
 * messages may quote a value of the row that failed, and bronze holds IDs in clear.
 */
public final class Failures {
  private static final Pattern TWELVE_DIGITS = Pattern.compile("(?<![0-9])[0-9]{12}(?![0-9])");
  static final int MAX = 300;

  private Failures() {}

  public static String mask(String s) {
    return s == null ? null : TWELVE_DIGITS.matcher(s).replaceAll("<citizen-id>");
  }

  /** "SimpleName: first line of the message", at most {@value #MAX} characters, masked. */
  public static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? "" : e.getMessage().strip().lines().findFirst().orElse("");
    String s = e.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m);
    return mask(s.length() > MAX ? s.substring(0, MAX) + "..." : s);
  }

  /** The whole trace, for an unexpected failure, masked like the one line. */
  public static String stackTrace(Throwable e) {
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    return mask(w.toString());
  }
}
