package vn.kinhteso.quality.deequ;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationRunBuilder;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.analyzers.Sum;
import com.amazon.deequ.analyzers.runners.AnalysisRunBuilder;
import com.amazon.deequ.analyzers.runners.AnalysisRunner;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.anomalydetection.AnomalyDetector;
import com.amazon.deequ.anomalydetection.DataPoint;
import com.amazon.deequ.anomalydetection.DetectionResult;
import com.amazon.deequ.anomalydetection.RelativeRateOfChangeStrategy;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.checks.CheckStatus;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.metrics.Metric;
import com.amazon.deequ.suggestions.ConstraintSuggestion;
import com.amazon.deequ.suggestions.ConstraintSuggestionResult;
import com.amazon.deequ.suggestions.ConstraintSuggestionRunner;
import com.amazon.deequ.suggestions.Rules;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.runtime.AbstractFunction1;
import scala.util.Try;

/**
 * The one place that speaks Deequ's Scala API (Options, Seqs, enumerations, functions). Everything
 * it takes and returns is plain Java, so the rest of the quality package never sees a Scala type.
 */
public final class DeequFacade {
  private DeequFacade() {}

  /** Deequ's check level: a failed ERROR rule blocks publishing, a WARNING rule is reported. */
  public enum Level {
    ERROR,
    WARNING
  }

  /** Deequ's check status, as this project names it. */
  public enum Status {
    PASSED,
    WARNING,
    FAILED
  }

  /** One constraint, in Java terms. Each rule becomes one Deequ {@code Check} of its level. */
  public record Rule(
      String name,
      Kind kind,
      List<String> columns,
      String predicate,
      String where,
      double threshold,
      Level level) {
    public enum Kind {
      HAS_ROWS,
      COMPLETE,
      UNIQUE,
      SATISFIES
    }

    public Rule {
      Objects.requireNonNull(name);
      Objects.requireNonNull(kind);
      columns = columns == null ? List.of() : List.copyOf(columns);
      level = level == null ? Level.ERROR : level;
    }

    /** The table has at least one row. */
    public static Rule hasRows(String name) {
      return new Rule(name, Kind.HAS_ROWS, List.of(), null, null, 1, null);
    }

    /** No null in any of the columns. */
    public static Rule complete(String name, List<String> columns) {
      return new Rule(name, Kind.COMPLETE, columns, null, null, 1, null);
    }

    /** Every combination of the columns occurs once, among the rows matching {@code where}. */
    public static Rule unique(String name, List<String> columns, String where) {
      return new Rule(name, Kind.UNIQUE, columns, null, where, 1, null);
    }

    /**
     * At least {@code minFraction} of the rows satisfy the SQL predicate (null counts as false).
     */
    public static Rule satisfies(String name, String predicate, double minFraction) {
      return new Rule(name, Kind.SATISFIES, List.of(), predicate, null, minFraction, null);
    }

    /** The constraint as Deequ is asked it, for the record in quality.check_results. */
    public String constraint() {
      String filter = where == null ? "" : " where " + where;
      return switch (kind) {
        case HAS_ROWS -> "hasSize(_ >= 1)";
        case COMPLETE -> "areComplete(" + String.join(", ", columns) + ")";
        case UNIQUE -> "hasUniqueness(" + String.join(", ", columns) + ", _ == 1.0)" + filter;
        case SATISFIES -> "satisfies(" + predicate + ", _ >= " + threshold + ")";
      };
    }

    public Rule at(Level newLevel) {
      return new Rule(name, kind, columns, predicate, where, threshold, newLevel);
    }
  }

  /** The outcome of one rule; {@code metric} is null when Deequ could not compute it. */
  public record RuleResult(String name, Status status, Double metric, String message) {}

  /** The outcomes of a verification run, by rule name, and the number of rows verified. */
  public record Verification(long rows, Map<String, RuleResult> results) {}

  /** A metric to compute: the row count ({@code column} null) or a column's sum. */
  public record Measure(String column, String where) {
    public static Measure rows(String where) {
      return new Measure(null, where);
    }

    public static Measure sum(String column, String where) {
      return new Measure(Objects.requireNonNull(column), where);
    }
  }

  /** A computed metric; {@code value} is null when Deequ could not compute it (no rows). */
  public record MeasureValue(Measure measure, Double value, String analyzer) {}

  /** One of Deequ's constraint suggestions for a column. */
  public record Suggestion(String column, String description, String code, String currentValue) {}

  /** Runs all rules over one pass-sharing Deequ verification of {@code data}. */
  public static Verification verify(Dataset<Row> data, List<Rule> rules) {
    Map<String, Check> checks = new LinkedHashMap<>();
    for (Rule r : rules) {
      if (checks.put(r.name(), toCheck(r)) != null) {
        throw new IllegalArgumentException(
            "Cannot verify: rule name " + r.name() + " is used twice");
      }
    }
    Size size = new Size(Option.empty());
    VerificationRunBuilder run =
        new VerificationSuite()
            .onData(data)
            .addChecks(seq(new ArrayList<>(checks.values())))
            .addRequiredAnalyzer(analyzer(size));
    VerificationResult result = run.run();

    Map<String, RuleResult> out = new LinkedHashMap<>();
    for (Rule r : rules) {
      Option<CheckResult> cr = result.checkResults().get(checks.get(r.name()));
      out.put(r.name(), toResult(r.name(), cr.isDefined() ? cr.get() : null));
    }
    Option<Metric<?>> rows = result.metrics().get(analyzer(size));
    Double n = rows.isDefined() ? value(rows.get()) : null;
    return new Verification(n == null ? 0L : n.longValue(), out);
  }

  /** Computes the measures in one scan of {@code data} (Deequ shares the pass). */
  public static List<MeasureValue> analyze(Dataset<Row> data, List<Measure> measures) {
    List<Analyzer<?, Metric<?>>> analyzers = new ArrayList<>();
    for (Measure m : measures) {
      Option<String> where = Option.apply(m.where());
      analyzers.add(
          m.column() == null ? analyzer(new Size(where)) : analyzer(new Sum(m.column(), where)));
    }
    AnalysisRunBuilder run = AnalysisRunner.onData(data).addAnalyzers(seq(analyzers));
    AnalyzerContext ctx = run.run();
    List<MeasureValue> out = new ArrayList<>();
    for (int i = 0; i < measures.size(); i++) {
      Option<Metric<?>> metric = ctx.metric(analyzers.get(i));
      out.add(
          new MeasureValue(
              measures.get(i),
              metric.isDefined() ? value(metric.get()) : null,
              analyzers.get(i).toString()));
    }
    return out;
  }

  /**
   * Deequ's relative rate of change of {@code value} against the last point of {@code history}
   * (oldest first): empty when the ratio stays within {@code 1 ± maxRelativeChange}, else Deequ's
   * description of the change.
   */
  public static Optional<String> rateOfChangeAnomaly(
      List<Double> history, double value, double maxRelativeChange) {
    if (history.isEmpty()) {
      return Optional.empty();
    }
    RelativeRateOfChangeStrategy strategy =
        new RelativeRateOfChangeStrategy(
            Option.apply((Object) Math.max(0.0, 1.0 - maxRelativeChange)),
            Option.apply((Object) (1.0 + maxRelativeChange)),
            1);
    List<DataPoint<Object>> points = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      points.add(new DataPoint<>(i, Option.apply((Object) history.get(i))));
    }
    DataPoint<Object> now = new DataPoint<>(history.size(), Option.apply((Object) value));
    DetectionResult found = new AnomalyDetector(strategy).isNewPointAnomalous(seq(points), now);
    List<Tuple2<Object, com.amazon.deequ.anomalydetection.Anomaly>> anomalies =
        JavaConverters.seqAsJavaList(found.anomalies());
    if (anomalies.isEmpty()) {
      return Optional.empty();
    }
    Option<String> detail = anomalies.get(0)._2().detail();
    return Optional.of(detail.isDefined() ? detail.get() : "rate of change out of bounds");
  }

  /** Deequ's constraint suggestions with its default rules, per column. */
  public static List<Suggestion> suggest(Dataset<Row> data) {
    ConstraintSuggestionResult result =
        ConstraintSuggestionRunner.apply().onData(data).addConstraintRules(Rules.DEFAULT()).run();
    List<Suggestion> out = new ArrayList<>();
    Map<String, Seq<ConstraintSuggestion>> byColumn =
        JavaConverters.mapAsJavaMap(result.constraintSuggestions());
    for (Map.Entry<String, Seq<ConstraintSuggestion>> e : byColumn.entrySet()) {
      for (ConstraintSuggestion s : JavaConverters.seqAsJavaList(e.getValue())) {
        out.add(
            new Suggestion(
                s.columnName(), s.description(), s.codeForConstraint(), s.currentValue()));
      }
    }
    return out;
  }

  private static Check toCheck(Rule r) {
    Check check =
        new Check(
            r.level() == Level.ERROR ? CheckLevel.Error() : CheckLevel.Warning(),
            r.name(),
            seq(List.of()));
    Option<String> hint = Option.apply(r.name());
    return switch (r.kind()) {
      case HAS_ROWS -> check.hasSize(new AtLeast(1), hint);
      case COMPLETE -> check.areComplete(seq(r.columns()), hint);
      case UNIQUE -> {
        var c = check.hasUniqueness(seq(r.columns()), new AtLeast(1.0), hint);
        yield r.where() == null ? c : c.where(r.where());
      }
      case SATISFIES ->
          check.satisfies(
              "coalesce((" + r.predicate() + "), false)",
              r.name(),
              new AtLeast(r.threshold()),
              hint,
              JavaConverters.asScalaBuffer(new ArrayList<String>()).toList(),
              Option.empty());
    };
  }

  private static RuleResult toResult(String name, CheckResult cr) {
    if (cr == null) {
      return new RuleResult(name, Status.FAILED, null, "Deequ returned no result for this check");
    }
    Status status =
        cr.status().equals(CheckStatus.Success())
            ? Status.PASSED
            : cr.status().equals(CheckStatus.Warning()) ? Status.WARNING : Status.FAILED;
    Double metric = null;
    String message = null;
    for (ConstraintResult c : JavaConverters.seqAsJavaList(cr.constraintResults())) {
      if (c.metric().isDefined()) {
        metric = value(c.metric().get());
      }
      if (c.message().isDefined()) {
        message = c.message().get();
      }
    }
    return new RuleResult(name, status, metric, message);
  }

  private static Double value(Metric<?> metric) {
    Try<?> v = metric.value();
    return v.isSuccess() && v.get() instanceof Number n ? n.doubleValue() : null;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Analyzer<?, Metric<?>> analyzer(Analyzer a) {
    return (Analyzer<?, Metric<?>>) a;
  }

  private static <T> Seq<T> seq(List<T> list) {
    return JavaConverters.asScalaBuffer(list).toSeq();
  }

  /** Deequ assertion {@code value >= min} (a size, a fraction); serializable, as Deequ asks. */
  private static final class AtLeast extends AbstractFunction1<Object, Object>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final double EPSILON = 1e-12;
    private final double min;

    AtLeast(double min) {
      this.min = min;
    }

    @Override
    public Object apply(Object value) {
      return ((Number) value).doubleValue() >= min - EPSILON;
    }
  }
}
