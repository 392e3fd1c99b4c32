package vn.kinhteso.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.kinhteso.config.ConfigKeys;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.conform.SilverTables;
import vn.kinhteso.quality.CheckOutcome.Status;
import vn.kinhteso.quality.deequ.DeequFacade;
import vn.kinhteso.quality.deequ.DeequFacade.Measure;
import vn.kinhteso.quality.deequ.DeequFacade.MeasureValue;

/**
 * This night's delivery in numbers (Deequ metrics of the silver rows the run ingested), and the
 * anomalies they show against earlier nights or in the periods the lake holds.
 */
final class QualityMetrics {
  /** A platform silent for longer than this has left the market; it is no longer reported. */
  static final int PLATFORM_SILENT_HORIZON_MONTHS = 12;

  static final String ROWS = "rows";
  static final String ALL = "all";
  static final String PLATFORM = "platform";

  static final String VOLUME_CHANGE = "anomaly.volume_change";
  static final String SOURCE_SILENT = "anomaly.source_silent";
  static final String PLATFORM_SILENT = "anomaly.platform_silent";
  static final String MISSING_PERIOD = "anomaly.missing_period";
  static final List<String> ANOMALY_IDS =
      List.of(VOLUME_CHANGE, SOURCE_SILENT, PLATFORM_SILENT, MISSING_PERIOD);

  private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
  private static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");

  /**
   * One metric of this night: {@code dimension} is all, the source's period column, or platform.
   */
  record Point(
      String source,
      String metric,
      String dimension,
      String dimensionValue,
      double value,
      String analyzer) {}

  /** The anomalies found, and the sources whose night must not become a baseline. */
  record Detection(List<CheckOutcome> anomalies, Set<String> flaggedSources) {}

  private final PipelineConfig config;

  QualityMetrics(PipelineConfig config) {
    this.config = config;
  }

  /** Rows (and amount sums) delivered by {@code runIds}, per source, period and platform. */
  List<Point> measure(SilverTables silver, Set<String> runIds) {
    List<Point> out = new ArrayList<>();
    for (SilverSource s : SilverSource.values()) {
      Dataset<Row> data = s.of(silver);
      if (data == null) {
        continue;
      }
      Dataset<Row> tonight = data.where(col("run_id").isin(runIds.toArray()));
      List<String> dims = new ArrayList<>(List.of(s.periodColumn));
      if (s == SilverSource.ECOMMERCE) {
        dims.add(PLATFORM);
      }
      List<Measure> measures = new ArrayList<>();
      List<String[]> labels = new ArrayList<>();
      add(measures, labels, s, null, ALL, "*");
      for (String dim : dims) {
        for (Row r : tonight.select(col(dim).cast("string")).distinct().collectAsList()) {
          if (!r.isNullAt(0)) {
            String v = r.getString(0);
            add(measures, labels, s, "cast(" + dim + " AS string) = " + SqlRules.quote(v), dim, v);
          }
        }
      }
      List<MeasureValue> values = DeequFacade.analyze(tonight, measures);
      for (int i = 0; i < values.size(); i++) {
        MeasureValue v = values.get(i);
        String[] l = labels.get(i);
        // A sum over no rows has no value in Deequ; here it is nothing delivered.
        out.add(
            new Point(
                s.source, l[0], l[1], l[2], v.value() == null ? 0.0 : v.value(), v.analyzer()));
      }
    }
    return out;
  }

  private static void add(
      List<Measure> measures,
      List<String[]> labels,
      SilverSource s,
      String where,
      String dim,
      String value) {
    measures.add(Measure.rows(where));
    labels.add(new String[] {ROWS, dim, value});
    if (s.amountColumn != null) {
      measures.add(Measure.sum(s.amountColumn, where));
      labels.add(new String[] {s.amountColumn + "_sum", dim, value});
    }
  }

  /**
   * The anomalies of this night. {@code history} is {@code quality.metrics}; only nights that
   * published and were not flagged form the baseline, so one bad night does not become the
   * reference of the next.
   */
  Detection detect(
      LocalDate runDate, List<Point> tonight, Optional<Dataset<Row>> history, SilverTables silver) {
    List<CheckOutcome> anomalies = new ArrayList<>();
    Set<String> flagged = new LinkedHashSet<>();
    List<Row> past =
        history
            .map(
                h ->
                    h.where(
                            col("run_date")
                                .lt(Date.valueOf(runDate))
                                .and(col("published"))
                                .and(col("dimension").isin(ALL, PLATFORM)))
                        .select(
                            "run_date",
                            "source",
                            "metric",
                            "dimension",
                            "dimension_value",
                            "value",
                            "flagged")
                        .orderBy("run_date")
                        .collectAsList())
            .orElse(List.of());
    Set<String> sources = new LinkedHashSet<>(config.get(ConfigKeys.ANOMALY_SOURCES));

    Severity volume = Severity.of(config, VOLUME_CHANGE, Severity.WARNING);
    if (volume != Severity.OFF) {
      for (Point p : tonight) {
        if (sources.contains(p.source())
            && p.value() > 0
            && (p.dimension().equals(ALL) || p.dimension().equals(PLATFORM))) {
          volumeChange(p, past, volume)
              .ifPresent(
                  a -> {
                    anomalies.add(a);
                    flagged.add(p.source());
                  });
        }
      }
    }
    Severity silent = Severity.of(config, SOURCE_SILENT, Severity.WARNING);
    if (silent != Severity.OFF) {
      for (String source : sources) {
        sourceSilent(source, tonight, past, silent)
            .ifPresent(
                a -> {
                  anomalies.add(a);
                  flagged.add(source);
                });
      }
    }
    Severity platform = Severity.of(config, PLATFORM_SILENT, Severity.WARNING);
    if (platform != Severity.OFF && silver.ecommerce() != null) {
      anomalies.addAll(platformsSilent(silver.ecommerce(), platform));
    }
    Severity gaps = Severity.of(config, MISSING_PERIOD, Severity.WARNING);
    if (gaps != Severity.OFF) {
      anomalies.addAll(missingPeriods(silver, gaps));
    }
    return new Detection(anomalies, flagged);
  }

  /** Deequ's relative rate of change against the last good night, once there is enough history. */
  private Optional<CheckOutcome> volumeChange(Point p, List<Row> past, Severity severity) {
    int minHistory = config.get(ConfigKeys.ANOMALY_MIN_HISTORY);
    double maxChange = config.get(ConfigKeys.ANOMALY_MAX_CHANGE);
    List<Double> baseline = new ArrayList<>();
    LocalDate last = null;
    for (Row r : past) {
      if (r.getString(1).equals(p.source())
          && r.getString(2).equals(p.metric())
          && r.getString(3).equals(p.dimension())
          && r.getString(4).equals(p.dimensionValue())
          && !r.getBoolean(6)
          && !r.isNullAt(5)
          && r.getDouble(5) > 0) {
        baseline.add(r.getDouble(5));
        last = r.getDate(0).toLocalDate();
      }
    }
    if (baseline.size() < Math.max(1, minHistory)) {
      return Optional.empty();
    }
    Optional<String> detail = DeequFacade.rateOfChangeAnomaly(baseline, p.value(), maxChange);
    if (detail.isEmpty()) {
      return Optional.empty();
    }
    double before = baseline.get(baseline.size() - 1);
    String series =
        p.dimension().equals(ALL)
            ? p.source()
            : p.source() + " " + p.dimension() + "=" + p.dimensionValue();
    String message =
        String.format(
            Locale.ROOT,
            "%s %s: %,.0f tonight vs %,.0f on %s, the last good night (%+.0f%%; allowed ±%.0f%%)",
            series,
            p.metric(),
            p.value(),
            before,
            last,
            100 * (p.value() / before - 1),
            100 * maxChange);
    return Optional.of(
        anomaly(
            VOLUME_CHANGE,
            series,
            "rows and amounts delivered tonight against the last good night (relative rate of change)",
            severity,
            message,
            p.value(),
            "Deequ " + detail.get(),
            "SELECT run_date, value, flagged, published FROM quality.metrics WHERE source = '"
                + p.source()
                + "' AND metric = '"
                + p.metric()
                + "' AND dimension = '"
                + p.dimension()
                + "' AND dimension_value = '"
                + p.dimensionValue()
                + "' ORDER BY run_date"));
  }

  /**
   * A nightly source that delivered on each of the last min-history published nights, not tonight.
   */
  private Optional<CheckOutcome> sourceSilent(
      String source, List<Point> tonight, List<Row> past, Severity severity) {
    boolean delivered =
        tonight.stream()
            .anyMatch(
                p ->
                    p.source().equals(source)
                        && p.metric().equals(ROWS)
                        && p.dimension().equals(ALL)
                        && p.value() > 0);
    boolean measured = tonight.stream().anyMatch(p -> p.source().equals(source));
    if (delivered || !measured) {
      return Optional.empty();
    }
    int n = Math.max(1, config.get(ConfigKeys.ANOMALY_MIN_HISTORY));
    TreeMap<LocalDate, Double> nights = new TreeMap<>();
    for (Row r : past) {
      nights.putIfAbsent(r.getDate(0).toLocalDate(), 0.0);
      if (r.getString(1).equals(source)
          && r.getString(2).equals(ROWS)
          && r.getString(3).equals(ALL)
          && !r.isNullAt(5)) {
        nights.put(r.getDate(0).toLocalDate(), r.getDouble(5));
      }
    }
    List<Double> lastNights =
        new ArrayList<>(nights.descendingMap().values()).subList(0, Math.min(n, nights.size()));
    if (lastNights.size() < n || lastNights.stream().anyMatch(v -> v <= 0)) {
      return Optional.empty();
    }
    return Optional.of(
        anomaly(
            SOURCE_SILENT,
            source,
            "a source that delivers every night delivered nothing",
            severity,
            String.format(
                Locale.ROOT,
                "%s delivered no rows tonight, after rows on each of the last %d nights",
                source,
                n),
            0.0,
            "rows = 0 after " + n + " nights with rows",
            "SELECT file_path, status, reason, ingested_at FROM bronze.files WHERE source = '"
                + source
                + "' ORDER BY ingested_at DESC"));
  }

  /** Platforms whose last month is behind the latest month any platform reported. */
  private static List<CheckOutcome> platformsSilent(Dataset<Row> ecommerce, Severity severity) {
    List<Row> last =
        ecommerce
            .where(col("month").rlike("^[0-9]{4}-(0[1-9]|1[0-2])$"))
            .groupBy("platform")
            .agg(max("month").as("last"))
            .collectAsList();
    Optional<YearMonth> latest =
        last.stream().map(r -> YearMonth.parse(r.getString(1))).max(YearMonth::compareTo);
    List<CheckOutcome> out = new ArrayList<>();
    for (Row r : last) {
      YearMonth mine = YearMonth.parse(r.getString(1));
      if (mine.isBefore(latest.get())
          && !mine.isBefore(latest.get().minusMonths(PLATFORM_SILENT_HORIZON_MONTHS))) {
        String platform = r.getString(0);
        out.add(
            anomaly(
                PLATFORM_SILENT,
                "ecommerce platform=" + platform,
                "a platform that stops reporting while others go on",
                severity,
                String.format(
                    Locale.ROOT,
                    "platform %s last reported %s; other platforms reported up to %s",
                    platform,
                    mine,
                    latest.get()),
                null,
                "last month < latest month of any platform",
                "SELECT platform, max(month) FROM silver.ecommerce GROUP BY platform"));
      }
    }
    return out;
  }

  /**
   * Gaps between the first and last period a series holds: declarations by filing frequency,
   * platforms by month.
   */
  private static List<CheckOutcome> missingPeriods(SilverTables silver, Severity severity) {
    List<CheckOutcome> out = new ArrayList<>();
    if (silver.declarations() != null) {
      TreeSet<String> monthly = new TreeSet<>();
      TreeSet<String> quarterly = new TreeSet<>();
      for (Row r : silver.declarations().select("period").distinct().collectAsList()) {
        String p = r.getString(0);
        if (p != null && MONTH.matcher(p).matches()) {
          monthly.add(p);
        } else if (p != null && QUARTER.matcher(p).matches()) {
          quarterly.add(p);
        }
      }
      String look =
          "SELECT period, count(*) FROM silver.declarations GROUP BY period ORDER BY period";
      gap("tax/declarations monthly", monthly, false, severity, look).ifPresent(out::add);
      gap("tax/declarations quarterly", quarterly, true, severity, look).ifPresent(out::add);
    }
    if (silver.ecommerce() != null) {
      Map<String, TreeSet<String>> byPlatform = new TreeMap<>();
      for (Row r : silver.ecommerce().select("platform", "month").distinct().collectAsList()) {
        if (!r.isNullAt(0) && !r.isNullAt(1) && MONTH.matcher(r.getString(1)).matches()) {
          byPlatform.computeIfAbsent(r.getString(0), k -> new TreeSet<>()).add(r.getString(1));
        }
      }
      byPlatform.forEach(
          (platform, months) ->
              gap(
                      "ecommerce platform=" + platform,
                      months,
                      false,
                      severity,
                      "SELECT month, count(*) FROM silver.ecommerce WHERE platform = '"
                          + platform
                          + "' GROUP BY month ORDER BY month")
                  .ifPresent(out::add));
    }
    return out;
  }

  private static Optional<CheckOutcome> gap(
      String series, TreeSet<String> periods, boolean quarters, Severity severity, String look) {
    if (periods.size() < 2) {
      return Optional.empty();
    }
    List<String> missing = new ArrayList<>();
    int first = index(periods.first(), quarters);
    int lastIndex = index(periods.last(), quarters);
    for (int i = first; i <= lastIndex; i++) {
      String p = label(i, quarters);
      if (!periods.contains(p)) {
        missing.add(p);
      }
    }
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    String shown =
        missing.stream().limit(6).collect(Collectors.joining(", "))
            + (missing.size() > 6 ? ", …" : "");
    return Optional.of(
        anomaly(
            MISSING_PERIOD,
            series,
            "no period missing between the first and the last delivered",
            severity,
            String.format(
                Locale.ROOT,
                "%s: %d period(s) missing between %s and %s: %s",
                series,
                missing.size(),
                periods.first(),
                periods.last(),
                shown),
            (double) missing.size(),
            "every " + (quarters ? "quarter" : "month") + " between first and last present",
            look));
  }

  /** Months or quarters counted from year 0, so that a gap across a new year is a gap too. */
  private static int index(String period, boolean quarters) {
    if (quarters) {
      Matcher m = QUARTER.matcher(period);
      if (!m.matches()) {
        throw new IllegalArgumentException(period);
      }
      return Integer.parseInt(m.group(1)) * 4 + Integer.parseInt(m.group(2)) - 1;
    }
    YearMonth ym = YearMonth.parse(period);
    return ym.getYear() * 12 + ym.getMonthValue() - 1;
  }

  private static String label(int index, boolean quarters) {
    return quarters
        ? (index / 4) + "-Q" + (index % 4 + 1)
        : YearMonth.of(index / 12, index % 12 + 1).toString();
  }

  private static CheckOutcome anomaly(
      String id,
      String series,
      String description,
      Severity severity,
      String message,
      Double value,
      String rule,
      String look) {
    Status status = CheckOutcome.failing(severity);
    return new CheckOutcome(
        CheckOutcome.ANOMALY,
        series,
        id,
        description,
        severity,
        status,
        message,
        value,
        rule,
        look);
  }
}
