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

  /** The tables' names, in the order they are staged and published. */
  public static final List<String> NAMES =
      List.of(
          GoldTables.DIGITAL_ECONOMY_SHARE,
          GoldTables.LABOUR_PRODUCTIVITY,
          GoldTables.DIGITAL_INDICATORS,
          GrdpNowcast.TABLE,
          GrdpNowcast.BACKTEST_TABLE);

  /** The tables with their names, in the order of {@link #NAMES}. */
  public List<Table> tables() {
    List<Dataset<Row>> data =
        List.of(
            digitalEconomyShare, labourProductivity, digitalIndicators, nowcast, nowcastBacktest);
    List<Table> tables = new java.util.ArrayList<>();
    for (int i = 0; i < NAMES.size(); i++) {
      tables.add(new Table(NAMES.get(i), data.get(i)));
    }
    return List.copyOf(tables);
  }

  /** Each table replaced by {@code f(name, table)}, in the order of {@link #tables()}. */
  public Gold map(BiFunction<String, Dataset<Row>, Dataset<Row>> f) {
    List<Dataset<Row>> d = tables().stream().map(t -> f.apply(t.name(), t.data())).toList();
    return new Gold(d.get(0), d.get(1), d.get(2), d.get(3), d.get(4));
  }
}
