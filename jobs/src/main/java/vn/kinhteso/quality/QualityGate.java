package vn.kinhteso.quality;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.kinhteso.config.ConfigKeys;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.conform.SilverTables;
import vn.kinhteso.lake.Lake;
import vn.kinhteso.quality.CheckOutcome.Status;
import vn.kinhteso.quality.QualityChecks.Check;
import vn.kinhteso.quality.QualityChecks.Target;
import vn.kinhteso.quality.QualityReport.QuarantineCount;
import vn.kinhteso.quality.deequ.DeequFacade;
import vn.kinhteso.quality.deequ.DeequFacade.Rule;
import vn.kinhteso.quality.deequ.DeequFacade.RuleResult;
import vn.kinhteso.quality.deequ.DeequFacade.Verification;

/**
 * The quality stage of a run: Deequ checks on silver and on the staged gold, this night's metrics
 * and their anomalies, written to {@code quality.check_results} and {@code quality.metrics}. The
 * caller publishes only when {@link QualityReport#blocksPublishing()} is false, then calls {@link
 * #markRun}.
 */
public final class QualityGate {
  private static final int EXAMPLES = 3;
  private static final Pattern CITIZEN_ID = Pattern.compile("(?<![0-9])[0-9]{12}(?![0-9])");

  private final SparkSession spark;
  private final PipelineConfig config;
  private final Reference ref;
  private final QualityStore store;

  public QualityGate(SparkSession spark, Lake lake, PipelineConfig config, Reference ref) {
    this.spark = Objects.requireNonNull(spark);
    this.config = Objects.requireNonNull(config);
    this.ref = Objects.requireNonNull(ref);
    this.store = new QualityStore(Objects.requireNonNull(lake));
    checkSeverityKeys();
  }

  /** A misspelt {@code quality.severity.*} key would silently change nothing: refuse it. */
  private void checkSeverityKeys() {
    Set<String> ids = new QualityChecks(ref, config).ids();
    ids.addAll(QualityMetrics.ANOMALY_IDS);
    for (String key : config.keysStartingWith(ConfigKeys.SEVERITY_PREFIX)) {
      String id = key.substring(ConfigKeys.SEVERITY_PREFIX.length());
      if (!ids.contains(id)) {
        throw new PipelineConfig.ConfigException(
            "Cannot use "
                + key
                + ": no check has the id '"
                + id
                + "' (the ids are listed in docs/quality.md)");
      }
      Severity.of(config, id, Severity.ERROR);
    }
  }

  /**
   * Evaluates run {@code runId} of the night {@code runDate} and records it (replacing the rows an
   * earlier attempt of the same night wrote).
   *
   * @param silver the conformed tables, superseded rows included, and this run's quarantine
   * @param stagedDigitalEconomyShare the gold table about to be published, or null
   * @param nationalGrdp a national GRDP series (silver.grdp columns, province_code VN), if
   *     delivered
   */
  public QualityReport evaluate(
      String runId,
      LocalDate runDate,
      SilverTables silver,
      Dataset<Row> stagedDigitalEconomyShare,
      Optional<Dataset<Row>> nationalGrdp) {
    return evaluate(runId, runDate, Set.of(), silver, stagedDigitalEconomyShare, nationalGrdp);
  }

  /**
   * As above, judging as "this run's delivery" also the files of {@code pendingRunIds}: runs whose
   * deliveries no publish has taken yet. A night blocked by a bad delivery stays blocked on the
   * following nights until the data is fixed, instead of passing on an empty night.
   */
  public QualityReport evaluate(
      String runId,
      LocalDate runDate,
      Set<String> pendingRunIds,
      SilverTables silver,
      Dataset<Row> stagedDigitalEconomyShare,
      Optional<Dataset<Row>> nationalGrdp) {
    Objects.requireNonNull(runId);
    Objects.requireNonNull(runDate);
    Objects.requireNonNull(silver);
    try {
      // A rerun finds the night's files already ingested under the first attempt's run id.
      Set<String> runIds = new LinkedHashSet<>();
      runIds.add(runId);
      runIds.addAll(pendingRunIds);
      runIds.addAll(store.runIdsOf(runDate));

      List<CheckOutcome> checks = checks(runIds, silver, stagedDigitalEconomyShare, nationalGrdp);

      describe("metrics and anomalies");
      QualityMetrics metrics = new QualityMetrics(config);
      List<QualityMetrics.Point> tonight = metrics.measure(silver, runIds);
      QualityMetrics.Detection detection =
          metrics.detect(runDate, tonight, store.metrics(), silver);
      List<QuarantineCount> quarantine = quarantineCounts(silver.quarantine(), runIds);

      describe("writing quality tables");
      Timestamp at = Timestamp.from(Instant.now());
      List<CheckOutcome> recorded = new ArrayList<>(checks);
      recorded.addAll(detection.anomalies());
      store.writeCheckResults(runId, runDate, recorded, at);
      store.writeMetrics(runId, runDate, tonight, detection.flaggedSources(), at);
      return new QualityReport(runId, runDate, checks, detection.anomalies(), quarantine);
    } finally {
      spark.sparkContext().setJobDescription(null);
    }
  }

  /**
   * Records whether the run published. Only published nights form the baseline of the anomaly
   * rules; a run that is never marked (it crashed) stays unpublished.
   */
  public void markRun(String runId, LocalDate runDate, boolean published) {
    store.markRun(runId, runDate, published);
  }

  /** The checks alone (no metrics, nothing written): every target of the catalogue, in order. */
  List<CheckOutcome> checks(
      Set<String> runIds,
      SilverTables silver,
      Dataset<Row> stagedDigitalEconomyShare,
      Optional<Dataset<Row>> nationalGrdp) {
    List<Target> targets =
        new QualityChecks(ref, config)
            .targets(
                silver,
                runIds,
                stagedDigitalEconomyShare,
                nationalGrdp == null ? Optional.empty() : nationalGrdp);
    List<CheckOutcome> out = new ArrayList<>();
    for (Target t : targets) {
      describe("checks on " + t.table());
      out.addAll(run(t));
    }
    return out;
  }

  private List<CheckOutcome> run(Target t) {
    List<CheckOutcome> out = new ArrayList<>();
    List<Check> active = new ArrayList<>();
    List<Rule> rules = new ArrayList<>();
    for (Check c : t.checks()) {
      Severity sev = Severity.of(config, c.id(), c.defaultSeverity());
      if (sev == Severity.OFF) {
        out.add(
            outcome(
                t,
                c,
                sev,
                Status.SKIPPED,
                "off in conf (" + ConfigKeys.SEVERITY_PREFIX + c.id() + ")",
                null));
      } else if (t.notApplicable() != null || t.data() == null) {
        out.add(
            outcome(
                t,
                c,
                sev,
                Status.NOT_APPLICABLE,
                t.notApplicable() != null ? t.notApplicable() : "table not given",
                null));
      } else {
        active.add(c);
        rules.add(
            c.rule()
                .at(sev == Severity.ERROR ? DeequFacade.Level.ERROR : DeequFacade.Level.WARNING));
      }
    }
    if (active.isEmpty()) {
      return out;
    }
    Verification v = DeequFacade.verify(t.data(), rules);
    for (Check c : active) {
      Severity sev = Severity.of(config, c.id(), c.defaultSeverity());
      RuleResult r = v.results().get(c.id());
      if (v.rows() == 0 && c.rule().kind() != Rule.Kind.HAS_ROWS) {
        out.add(outcome(t, c, sev, Status.NOT_APPLICABLE, "no rows to check", null));
      } else if (r.status() == DeequFacade.Status.PASSED) {
        out.add(outcome(t, c, sev, Status.PASSED, passed(c.rule(), r, v.rows()), r.metric()));
      } else {
        String examples = examples(t, c.rule());
        out.add(
            outcome(
                t,
                c,
                sev,
                CheckOutcome.failing(sev),
                failed(c.rule(), r, v.rows()) + (examples.isEmpty() ? "" : "; e.g. " + examples),
                r.metric()));
      }
    }
    return out;
  }

  private static CheckOutcome outcome(
      Target t, Check c, Severity sev, Status status, String message, Double metric) {
    return new CheckOutcome(
        CheckOutcome.CHECK,
        t.table(),
        c.id(),
        c.description(),
        sev,
        status,
        message,
        metric,
        c.rule().constraint(),
        c.look());
  }

  private static String passed(Rule rule, RuleResult r, long rows) {
    if (rule.kind() == Rule.Kind.SATISFIES && rule.threshold() < 1) {
      return String.format(
          Locale.ROOT,
          "share %.4f of %,d rows, at least %.4f required",
          r.metric(),
          rows,
          rule.threshold());
    }
    return String.format(Locale.ROOT, "%,d rows", rows);
  }

  private static String failed(Rule rule, RuleResult r, long rows) {
    if (r.metric() == null) {
      return rule.kind() == Rule.Kind.HAS_ROWS
          ? "no rows: the source is missing or all its rows were quarantined"
          : "Deequ could not compute the metric: " + r.message();
    }
    long bad = Math.round(rows * (1 - r.metric()));
    return switch (rule.kind()) {
      case HAS_ROWS -> "no rows: the source is missing or all its rows were quarantined";
      case COMPLETE ->
          String.format(
              Locale.ROOT,
              "%,d of %,d rows have a null in %s",
              bad,
              rows,
              String.join(", ", rule.columns()));
      // Deequ counts uniqueness over the rows its filter keeps, which only it knows.
      case UNIQUE ->
          rule.where() == null
              ? String.format(
                  Locale.ROOT,
                  "%,d of %,d rows share their (%s) with another row",
                  bad,
                  rows,
                  String.join(", ", rule.columns()))
              : String.format(
                  Locale.ROOT,
                  "%.2f%% of the rows with %s share their (%s) with another row",
                  100 * (1 - r.metric()),
                  rule.where(),
                  String.join(", ", rule.columns()));
      case SATISFIES ->
          rule.threshold() < 1
              ? String.format(
                  Locale.ROOT,
                  "share %.4f of %,d rows, at least %.4f required",
                  r.metric(),
                  rows,
                  rule.threshold())
              : String.format(Locale.ROOT, "%,d of %,d rows fail", bad, rows);
    };
  }

  /** A few offending rows (their key), so the message points at data and not only at a rate. */
  private static String examples(Target t, Rule rule) {
    Dataset<Row> d = t.data();
    List<String> present = Arrays.asList(d.columns());
    List<String> show = t.exampleColumns().stream().filter(present::contains).toList();
    Dataset<Row> bad;
    switch (rule.kind()) {
      case SATISFIES -> bad = d.where(not(coalesce(expr(rule.predicate()), lit(false))));
      case COMPLETE ->
          bad =
              d.where(
                  rule.columns().stream()
                      .map(c -> col(c).isNull())
                      .reduce(Column::or)
                      .orElse(lit(false)));
      case UNIQUE -> {
        Dataset<Row> scope = rule.where() == null ? d : d.where(rule.where());
        bad =
            scope
                .groupBy(rule.columns().stream().map(Column::new).toArray(Column[]::new))
                .count()
                .where(col("count").gt(1));
        show = rule.columns();
      }
      default -> {
        return "";
      }
    }
    if (show.isEmpty()) {
      return "";
    }
    return bad
        .select(show.stream().map(Column::new).toArray(Column[]::new))
        .limit(EXAMPLES)
        .collectAsList()
        .stream()
        .map(
            r -> {
              List<String> v = new ArrayList<>();
              for (int i = 0; i < r.size(); i++) {
                v.add(String.valueOf(r.get(i)));
              }
              // A citizen id is personal data: never copied into logs or quality tables.
              return CITIZEN_ID.matcher(String.join("/", v)).replaceAll("<citizen id>");
            })
        .collect(Collectors.joining("; "));
  }

  private static List<QuarantineCount> quarantineCounts(
      Dataset<Row> quarantine, Set<String> runIds) {
    if (quarantine == null) {
      return List.of();
    }
    return quarantine
        .where(col("run_id").isin(runIds.toArray()))
        .groupBy("source", "reason")
        .count()
        .orderBy(col("count").desc(), col("source"), col("reason"))
        .collectAsList()
        .stream()
        .map(r -> new QuarantineCount(r.getString(0), r.getString(1), r.getLong(2)))
        .toList();
  }

  private void describe(String what) {
    spark.sparkContext().setJobDescription("quality: " + what);
  }
}
