package vn.kinhteso.indicators;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.kinhteso.conform.Codes;
import vn.kinhteso.conform.SilverTables;

/** The whole methodology on the silver tables: the gold tables of one run. */
public final class GoldTables {
  public static final String DIGITAL_ECONOMY_SHARE = "digital_economy_share";
  public static final String LABOUR_PRODUCTIVITY = "labour_productivity";
  public static final String DIGITAL_INDICATORS = "digital_indicators";

  private final Codes codes;
  private final Methodology settings;
  private Dataset<Row> counts;
  private Confidentiality confidentiality = Confidentiality.defaults();

  /** The assumptions of conf/ that the formulas use. */
  public record Methodology(
      java.util.List<Integer> seriesBreaks,
      java.util.Set<String> smeClasses,
      int bootstrapReplicates,
      long bootstrapSeed) {}

  public GoldTables(Codes codes, Methodology settings) {
    this.codes = codes;
    this.settings = settings;
  }

  /** Methodology §8 thresholds (conf/); the defaults otherwise. */
  public GoldTables confidentiality(Confidentiality rule) {
    this.confidentiality = rule;
    return this;
  }

  /** The counts the methodology reports beside gold (after {@link #compute}). */
  public Dataset<Row> methodologyCounts() {
    return counts;
  }

  public Gold compute(SilverTables silver) {
    Geographies geographies = new Geographies(codes);
    Dataset<Row> accounts = UnitAccounts.of(silver.declarations(), silver.register());
    Dataset<Row> online = DigitalWeight.enterpriseOnlineNet(silver.ecommerce(), silver.register());
    Dataset<Row> weights = DigitalWeight.of(accounts, online);
    // Accounts feed all three tables: computed once per run, lineage cut so later plans stay small.
    Dataset<Row> digitalAccounts =
        DigitalValueAdded.accounts(accounts, weights).localCheckpoint(false);
    Dataset<Row> household =
        DigitalValueAdded.householdOnline(silver.ecommerce(), silver.register());
    Dataset<Row> cells = DigitalValueAdded.cells(digitalAccounts, household);
    Dataset<Row> declarationYears =
        silver.declarations().where(col("is_latest")).select("year").distinct();
    Dataset<Row> ecommerceYears = silver.ecommerce().select("year").distinct();

    this.counts = MethodologyCounts.of(weights, silver.ecommerce(), silver.register());
    // The interval reads the share rows twice (its cells and the final join).
    Dataset<Row> share =
        new DigitalEconomyShare(geographies)
            .compute(silver.grdp(), cells, declarationYears)
            .localCheckpoint(false);
    Dataset<Row> withInterval =
        new AssumptionInterval(
                silver.grdp().sparkSession(),
                codes,
                settings.bootstrapReplicates(),
                settings.bootstrapSeed())
            .apply(share, digitalAccounts, household, silver.grdp());
    Dataset<Row> labourProductivity =
        new LabourProductivity(geographies, settings.seriesBreaks())
            .compute(silver.grdp(), silver.employment());
    Dataset<Row> digitalIndicators =
        new DigitalIndicators(geographies, codes, settings.smeClasses())
            .compute(
                digitalAccounts,
                silver.ecommerce(),
                silver.employment(),
                silver.retail(),
                silver.ict(),
                declarationYears,
                ecommerceYears);
    Dataset<Row> flagged = confidentiality.flag(withInterval, digitalAccounts, geographies);
    // Provisional shares of the years whose GRDP is not released yet: a table of their own.
    vn.kinhteso.targets.GrdpNowcast.Result nowcast =
        new vn.kinhteso.targets.GrdpNowcast(
                codes, vn.kinhteso.targets.Projections.Settings.defaults())
            .compute(silver.grdp(), digitalAccounts, cells, declarationYears);
    return new Gold(
        flagged, labourProductivity, digitalIndicators, nowcast.shares(), nowcast.backtest());
  }
}
