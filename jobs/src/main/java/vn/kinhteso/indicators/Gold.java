package vn.kinhteso.indicators;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.kinhteso.targets.GrdpNowcast;

/**
 * The gold tables of one run computed by the methodology, one component per table. The targets'
 * tables, computed from these, are {@link vn.kinhteso.targets.TargetTables.Result}.
 */
public record Gold(
    Dataset<Row> digitalEconomyShare,
    Dataset<Row> labourProductivity,
    Dataset<Row> digitalIndicators,
    Dataset<Row> nowcast,
    Dataset<Row> nowcastBacktest) {

  /** One gold table and its Delta table name in the lake. */
  public record Table(String name, Dataset<Row> data) {
    public Table {
      Objects.requireNonNull(name);
      Objects.requireNonNull(data);
    }
  }

  public Gold {
    Objects.requireNonNull(digitalEconomyShare);
    Objects.requireNonNull(labourProductivity);
    Objects.requireNonNull(digitalIndicators);
    Objects.requireNonNull(nowcast);
    Objects.requireNonNull(nowcastBacktest);
  }

  /** The tables with their names, in the order they are staged and published. */
  public List<Table> tables() {
    return List.of(
        new Table(GoldTables.DIGITAL_ECONOMY_SHARE, digitalEconomyShare),
        new Table(GoldTables.LABOUR_PRODUCTIVITY, labourProductivity),
        new Table(GoldTables.DIGITAL_INDICATORS, digitalIndicators),
        new Table(GrdpNowcast.TABLE, nowcast),
        new Table(GrdpNowcast.BACKTEST_TABLE, nowcastBacktest));
  }

  /** Each table replaced by {@code f(name, table)}, in the order of {@link #tables()}. */
  public Gold map(BiFunction<String, Dataset<Row>, Dataset<Row>> f) {
    List<Dataset<Row>> d = tables().stream().map(t -> f.apply(t.name(), t.data())).toList();
    return new Gold(d.get(0), d.get(1), d.get(2), d.get(3), d.get(4));
  }
}
