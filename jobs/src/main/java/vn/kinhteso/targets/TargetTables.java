package vn.kinhteso.targets;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.kinhteso.config.ConfigKeys;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.indicators.Gold;

/**
 * The gold tables about the plans' targets, computed from the other gold tables of the same run:
 * target_scorecard, projections and projection_backtest.
 */
public final class TargetTables {
  public static final String SCORECARD = "target_scorecard";
  public static final String PROJECTIONS = "projections";
  public static final String BACKTEST = "projection_backtest";

  private final List<Target> targets;
  private final Reference reference;
  private final Projections.Settings settings;

  public TargetTables(List<Target> targets, Reference reference, Projections.Settings settings) {
    this.targets = targets;
    this.reference = reference;
    this.settings = settings;
  }

  public static TargetTables load(PipelineConfig config, Reference reference) {
    Projections.Settings s =
        new Projections.Settings(
            config.get(ConfigKeys.PROJECTION_POOLING),
            config.get(ConfigKeys.PROJECTION_MIN_IMPROVEMENT),
            config.get(ConfigKeys.PROJECTION_Z));
    if (s.pooling() < 0 || s.minImprovement() < 0 || s.minImprovement() >= 1 || s.z() <= 0) {
      throw new PipelineConfig.ConfigException(
          "Cannot project: "
              + ConfigKeys.PROJECTION_POOLING
              + " must be >= 0, "
              + ConfigKeys.PROJECTION_MIN_IMPROVEMENT
              + " in [0, 1) and "
              + ConfigKeys.PROJECTION_Z
              + " > 0");
    }
    return new TargetTables(Targets.load(config, reference.provinces2004().keySet()), reference, s);
  }

  /** The targets' tables of one run, one component per table. */
  public record Result(Dataset<Row> backtest, Dataset<Row> projections, Dataset<Row> scorecard) {
    /** The tables with their names, in the order they are staged and published. */
    public List<Gold.Table> tables() {
      return List.of(
          new Gold.Table(BACKTEST, backtest),
          new Gold.Table(PROJECTIONS, projections),
          new Gold.Table(SCORECARD, scorecard));
    }
  }

  public List<Target> targets() {
    return targets;
  }

  /**
   * @param gold the run's gold; its digital_economy_share, labour_productivity and
   *     digital_indicators are read
   */
  public Result compute(Gold gold) {
    // The three tables are read many times over (observations, growth, the scorecard's levels):
    // each read once, lineage cut.
    Dataset<Row> share = gold.digitalEconomyShare().localCheckpoint(true);
    Dataset<Row> observations =
        Observations.of(
                share,
                gold.labourProductivity().localCheckpoint(true),
                gold.digitalIndicators().localCheckpoint(true))
            .where(
                col("indicator")
                    .isin(
                        targets.stream()
                            .filter(Target::measurable)
                            .map(Target::indicator)
                            .distinct()
                            .toArray()));
    List<Integer> years =
        targets.stream().map(Target::year).distinct().sorted().collect(Collectors.toList());
    Projections.Result projected = new Projections(settings).compute(observations, years);
    // Staged in this order, each computed once: the projections need the back-test's choice,
    // the scorecard needs the projections.
    Dataset<Row> backtest = projected.backtest().localCheckpoint(true);
    Dataset<Row> projections = projected.projections().localCheckpoint(true);
    Dataset<Row> scorecard =
        Scorecard.compute(
            Scorecard.targetRows(share.sparkSession(), targets, reference),
            observations,
            projections,
            reference.sections());
    return new Result(backtest, projections, scorecard);
  }
}
