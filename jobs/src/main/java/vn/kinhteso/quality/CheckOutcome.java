package vn.kinhteso.quality;

import java.util.Locale;

/**
 * The result of one check (or one anomaly rule) in one run.
 *
 * @param kind {@code check} or {@code anomaly}
 * @param table what was checked, e.g. {@code silver.declarations}
 * @param checkId the stable id, also the suffix of its {@code quality.severity.*} key
 * @param metric Deequ's metric (a fraction of rows, a count), null when not computed
 * @param rule the Deequ constraint or the anomaly rule as evaluated
 * @param look where a data engineer looks next: a SQL query on the lake
 */
public record CheckOutcome(
    String kind,
    String table,
    String checkId,
    String description,
    Severity severity,
    Status status,
    String message,
    Double metric,
    String rule,
    String look) {

  public static final String CHECK = "check";
  public static final String ANOMALY = "anomaly";

  /**
   * {@code warning} is a failed check of severity warning; {@code failed} one of severity error.
   */
  public enum Status {
    PASSED,
    WARNING,
    FAILED,
    NOT_APPLICABLE,
    SKIPPED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The status a failed check of this severity gets. */
  static Status failing(Severity severity) {
    return switch (severity) {
      case ERROR -> Status.FAILED;
      case WARNING -> Status.WARNING;
      case OFF -> Status.SKIPPED;
    };
  }

  public boolean isAnomaly() {
    return ANOMALY.equals(kind);
  }
}
