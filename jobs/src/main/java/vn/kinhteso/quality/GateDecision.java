package vn.kinhteso.quality;

/**
 * What the quality stage decided about a run: publish, or not and why.
 *
 * @param publish whether the staged gold may replace the published gold
 * @param reason why it may not; null when {@code publish}
 */
public record GateDecision(boolean publish, String reason) {
  public GateDecision {
    if (publish != (reason == null)) {
      throw new IllegalArgumentException("a blocked run needs a reason, a published one none");
    }
  }

  /** Publishing may go on. */
  public static GateDecision allow() {
    return new GateDecision(true, null);
  }

  /** Publishing may not go on, for {@code reason}. */
  public static GateDecision block(String reason) {
    return new GateDecision(false, reason);
  }

  /** The decision of a quality report: blocked by its failed error checks, with its message. */
  public static GateDecision of(QualityReport report) {
    return report.blocksPublishing() ? block(report.failureMessage()) : allow();
  }
}
