package vn.kinhteso.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import java.sql.Date;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.lake.Lake;
import vn.kinhteso.publish.PublishedGold;
import vn.kinhteso.quality.deequ.DeequFacade;

/**
 * What {@code bin/kinhteso quality} prints: the latest report and history, or Deequ's suggestions.
 */
public final class QualityCommands {
  /** Nights of history shown under the latest report. */
  static final int HISTORY_NIGHTS = 10;

  /** Lineage columns say nothing about a source's content; suggestions skip them. */
  static final List<String> LINEAGE = List.of("file_path", "file_hash", "line_no", "run_id");

  private QualityCommands() {}

  /** The latest run's check results, then rows delivered per source over the last nights. */
  public static String latestReport(Lake lake) {
    Optional<Dataset<Row>> results = lake.readIfExists(Lake.QUALITY, QualityStore.CHECK_RESULTS);
    if (results.isEmpty()) {
      return "No quality results yet: "
          + lake.path(Lake.QUALITY, QualityStore.CHECK_RESULTS)
          + " does not exist (run the pipeline first).\n";
    }
    Row latest = results.get().agg(max("run_date")).head();
    if (latest.isNullAt(0)) {
      return "No quality results yet: quality.check_results is empty.\n";
    }
    Date date = latest.getDate(0);
    List<Row> rows =
        results
            .get()
            .where(col("run_date").equalTo(date))
            .select(
                "run_id",
                "kind",
                "table_name",
                "check_id",
                "severity",
                "status",
                "message",
                "look",
                "published")
            .orderBy(col("kind").desc(), col("status"), col("check_id"))
            .collectAsList();
    StringBuilder b = new StringBuilder();
    Map<String, Integer> counts = new TreeMap<>();
    rows.stream()
        .filter(r -> r.getString(1).equals(CheckOutcome.CHECK))
        .forEach(r -> counts.merge(r.getString(5), 1, Integer::sum));
    b.append(
        String.format(
            Locale.ROOT,
            "Latest quality report: run %s of %s (%s)%n",
            rows.get(0).getString(0),
            date,
            rows.get(0).getBoolean(8) ? "published" : "not published"));
    b.append("  checks: ")
        .append(counts.isEmpty() ? "none" : counts.toString().replaceAll("[{}]", ""))
        .append('\n');
    for (Row r : rows) {
      String status = r.getString(5);
      if (status.equals("failed") || status.equals("warning")) {
        b.append(
            String.format(
                Locale.ROOT,
                "  %-7s %s %s (%s): %s%n",
                status.toUpperCase(Locale.ROOT),
                r.getString(1),
                r.getString(3),
                r.getString(2),
                r.getString(6)));
        if (!r.isNullAt(7)) {
          b.append("          look: ").append(r.getString(7)).append('\n');
        }
      }
    }
    b.append(history(lake));
    return b.toString();
  }

  /**
   * Rows delivered per source on the last nights, with the nights that were flagged or not
   * published.
   */
  private static String history(Lake lake) {
    Optional<Dataset<Row>> metrics = lake.readIfExists(Lake.QUALITY, QualityStore.METRICS);
    if (metrics.isEmpty()) {
      return "";
    }
    List<Row> nights =
        metrics
            .get()
            .select("run_date")
            .distinct()
            .orderBy(col("run_date").desc())
            .limit(HISTORY_NIGHTS)
            .collectAsList();
    if (nights.isEmpty()) {
      return "";
    }
    Date from = nights.get(nights.size() - 1).getDate(0);
    List<Row> rows =
        metrics
            .get()
            .where(
                col("run_date")
                    .geq(from)
                    .and(col("metric").equalTo(QualityMetrics.ROWS))
                    .and(col("dimension").equalTo(QualityMetrics.ALL)))
            .select("run_date", "source", "value", "flagged", "published")
            .orderBy("run_date", "source")
            .collectAsList();
    Map<String, Map<String, String>> table = new TreeMap<>();
    Map<String, String> state = new LinkedHashMap<>();
    for (Row r : rows) {
      String night = r.getDate(0).toString();
      table
          .computeIfAbsent(night, k -> new LinkedHashMap<>())
          .put(
              r.getString(1),
              String.format(
                  Locale.ROOT,
                  "%,.0f%s",
                  r.isNullAt(2) ? 0.0 : r.getDouble(2),
                  r.getBoolean(3) ? "!" : ""));
      state.put(night, r.getBoolean(4) ? "published" : "not published");
    }
    StringBuilder b =
        new StringBuilder(
            "Rows delivered per night (! = flagged, left out of the anomaly baseline):\n");
    table.forEach(
        (night, bySource) -> {
          b.append("  ")
              .append(night)
              .append(String.format(Locale.ROOT, "  %-13s", state.get(night)));
          bySource.forEach((source, v) -> b.append("  ").append(source).append(' ').append(v));
          b.append('\n');
        });
    return b.toString();
  }

  /**
   * Deequ's constraint suggestions (default rules) for {@code layer.table}, for onboarding a
   * source.
   */
  public static String suggest(SparkSession spark, Lake lake, String layerDotTable) {
    String[] parts = layerDotTable.split("\\.", 2);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new PipelineConfig.ConfigException(
          "Cannot suggest constraints: expected <layer>.<table>, got '" + layerDotTable + "'");
    }
    if (parts[0].equals(Lake.BRONZE)) {
      throw new PipelineConfig.ConfigException(
          "Cannot suggest constraints for "
              + layerDotTable
              + ": bronze holds the"
              + " delivered lines as they came, citizen IDs among them; suggest for the silver table of the source instead");
    }
    boolean gold = parts[0].equals(Lake.GOLD);
    PublishedGold published = gold ? PublishedGold.of(lake) : null;
    if (gold ? !published.has(parts[1]) : !lake.exists(parts[0], parts[1])) {
      throw new PipelineConfig.ConfigException(
          "Cannot suggest constraints: "
              + layerDotTable
              + " is not a "
              + (gold
                  ? "published gold table of " + lake.root()
                  : "Delta table at " + lake.path(parts[0], parts[1])));
    }
    // Gold as last completely published, never a publish under way.
    Dataset<Row> data = gold ? published.read(parts[1]) : lake.read(parts[0], parts[1]);
    String[] content =
        Arrays.stream(data.columns())
            .filter(c -> !LINEAGE.contains(c) && !c.equals("raw"))
            .toArray(String[]::new);
    spark.sparkContext().setJobDescription("quality: suggest constraints for " + layerDotTable);
    try {
      List<DeequFacade.Suggestion> all = DeequFacade.suggest(data.selectExpr(quoted(content)));
      // A value list of an identifier column would print identifiers.
      List<DeequFacade.Suggestion> suggestions =
          all.stream()
              .filter(x -> !(isIdentifier(x.column()) && x.code().contains("isContainedIn")))
              .toList();
      StringBuilder b =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "Deequ constraint suggestions for %s (%d; default rules, lineage columns left out%s):%n",
                  layerDotTable,
                  suggestions.size(),
                  all.size() == suggestions.size()
                      ? ""
                      : "; "
                          + (all.size() - suggestions.size())
                          + " value lists of identifier columns left out"));
      suggestions.stream()
          .sorted(
              (x, y) ->
                  x.column().equals(y.column())
                      ? x.code().compareTo(y.code())
                      : x.column().compareTo(y.column()))
          .forEach(
              s ->
                  b.append(
                      String.format(
                          Locale.ROOT,
                          "  %-22s %s%n  %-22s   %s%n",
                          s.column(),
                          s.description(),
                          "",
                          s.code())));
      return vn.kinhteso.run.Failures.mask(b.toString());
    } finally {
      spark.sparkContext().setJobDescription(null);
    }
  }

  /** Tax ids, seller references and other keys of units: their values are not for printing. */
  static boolean isIdentifier(String column) {
    return column.equals("tax_id")
        || column.endsWith("_id")
        || column.endsWith("_ref")
        || column.endsWith("_tax_id");
  }

  private static String[] quoted(String[] columns) {
    return Arrays.stream(columns).map(c -> "`" + c.replace("`", "``") + "`").toArray(String[]::new);
  }
}
