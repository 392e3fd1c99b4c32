package vn.kinhteso.quality;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import vn.kinhteso.quality.CheckOutcome.Status;

/**
 * What the quality stage found in one run: the checks, the anomalies that fired and the rows
 * quarantined per source and reason. Immutable; {@link #summary()} is what the run prints.
 */
public record QualityReport(
    String runId,
    LocalDate runDate,
    List<CheckOutcome> checks,
    List<CheckOutcome> anomalies,
    List<QuarantineCount> quarantine) {

  /** The exit code of a run that an error check stopped. */
  public static final int EXIT_CODE_BLOCKED = vn.kinhteso.config.ExitCode.NOT_PUBLISHED;

  /** Rows quarantined in this run for one source and reason. */
  public record QuarantineCount(String source, String reason, long rows) {}

  public QualityReport {
    checks = List.copyOf(checks);
    anomalies = List.copyOf(anomalies);
    quarantine = List.copyOf(quarantine);
  }

  /** True when a check or anomaly of severity error failed: gold must not be replaced. */
  public boolean blocksPublishing() {
    return !failures().isEmpty();
  }

  /** Checks and anomalies of severity error that failed. */
  public List<CheckOutcome> failures() {
    return all().filter(o -> o.status() == Status.FAILED).toList();
  }

  /** Checks and anomalies of severity warning that failed: published, and reported. */
  public List<CheckOutcome> warnings() {
    return all().filter(o -> o.status() == Status.WARNING).toList();
  }

  public long count(Status status) {
    return checks.stream().filter(o -> o.status() == status).count();
  }

  public long quarantinedRows() {
    return quarantine.stream().mapToLong(QuarantineCount::rows).sum();
  }

  /** The short block printed at the end of every run. */
  public String summary() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "Quality of run %s (%s): %d passed, %d warned, %d failed",
            runId,
            runDate,
            count(Status.PASSED),
            count(Status.WARNING),
            count(Status.FAILED)));
    long na = count(Status.NOT_APPLICABLE);
    long off = count(Status.SKIPPED);
    if (na > 0) {
      b.append(", ").append(na).append(" not applicable");
    }
    if (off > 0) {
      b.append(", ").append(off).append(" off");
    }
    b.append('\n');
    checks.stream().filter(o -> o.status() == Status.FAILED).forEach(o -> line(b, o));
    checks.stream().filter(o -> o.status() == Status.WARNING).forEach(o -> line(b, o));
    b.append(String.format(Locale.ROOT, "Quarantined in this run: %,d rows%n", quarantinedRows()));
    for (QuarantineCount q : quarantine) {
      b.append(String.format(Locale.ROOT, "  %-22s %-22s %,d%n", q.source(), q.reason(), q.rows()));
    }
    if (!quarantine.isEmpty()) {
      b.append(
              "  look: SELECT source, file_path, line_no, reason, detail FROM quality.quarantine WHERE run_id = '")
          .append(runId)
          .append("'\n");
    }
    b.append("Anomalies: ").append(anomalies.isEmpty() ? "none" : anomalies.size()).append('\n');
    anomalies.forEach(o -> line(b, o));
    b.append(
        blocksPublishing()
            ? "Publishing: BLOCKED (exit " + EXIT_CODE_BLOCKED + "), gold not replaced\n"
            : "Publishing: allowed\n");
    return b.toString();
  }

  /** The message of a blocked run: the failing error checks and where to look. */
  public String failureMessage() {
    List<CheckOutcome> failed = failures();
    if (failed.isEmpty()) {
      return "Quality gate passed for run " + runId + ".";
    }
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "Quality gate failed for run %s (%s): %d error check(s) failed, gold was not replaced.%n",
            runId,
            runDate,
            failed.size()));
    failed.forEach(o -> line(b, o));
    b.append(
            "  all results: SELECT check_id, status, message FROM quality.check_results WHERE run_date = DATE'")
        .append(runDate)
        .append("' AND status <> 'passed'\n");
    return b.toString();
  }

  private Stream<CheckOutcome> all() {
    return Stream.concat(checks.stream(), anomalies.stream());
  }

  private static void line(StringBuilder b, CheckOutcome o) {
    b.append(
        String.format(
            Locale.ROOT,
            "  %-7s %s (%s): %s%n",
            o.status() == Status.FAILED ? "FAILED" : "WARNING",
            o.checkId(),
            o.table(),
            o.message()));
    if (o.look() != null && !o.look().isEmpty()) {
      b.append("          look: ").append(o.look()).append('\n');
    }
  }
}
