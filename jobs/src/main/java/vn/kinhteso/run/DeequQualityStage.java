package vn.kinhteso.run;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.Optional;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.conform.SilverTables;
import vn.kinhteso.indicators.Gold;
import vn.kinhteso.lake.Lake;
import vn.kinhteso.quality.GateDecision;
import vn.kinhteso.quality.QualityGate;
import vn.kinhteso.quality.QualityReport;

/** The nightly's quality stage: the Deequ gate on silver and the staged gold. */
public final class DeequQualityStage implements Nightly.QualityStage {
  private final PipelineConfig config;
  private final Reference reference;

  public DeequQualityStage(PipelineConfig config, Reference reference) {
    this.config = config;
    this.reference = reference;
  }

  @Override
  public GateDecision check(
      String runId,
      LocalDate runDate,
      java.util.Set<String> pendingRunIds,
      Lake lake,
      SilverTables silver,
      Gold staged,
      PrintStream out) {
    QualityReport report =
        new QualityGate(lake.spark(), lake, config, reference)
            .evaluate(
                runId,
                runDate,
                pendingRunIds,
                silver,
                staged.digitalEconomyShare(),
                Optional.empty());
    out.println(report.summary());
    return GateDecision.of(report);
  }

  @Override
  public void finished(String runId, LocalDate runDate, Lake lake, boolean published) {
    new QualityGate(lake.spark(), lake, config, reference).markRun(runId, runDate, published);
  }
}
