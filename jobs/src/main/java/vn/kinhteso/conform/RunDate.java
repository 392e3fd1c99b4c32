package vn.kinhteso.conform;

import static org.apache.spark.sql.functions.lit;
import static vn.kinhteso.conform.Rules.show;

import java.time.LocalDate;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/** The night a run stands for: a year, period or date after it is quarantined as future_date. */
record RunDate(LocalDate date) {
  RunDate {
    Objects.requireNonNull(date);
  }

  int year() {
    return date.getYear();
  }

  /** The night as a date column. */
  Column day() {
    return lit(java.sql.Date.valueOf(date));
  }

  /** The detail of a future_date row. */
  Column after(String name) {
    return functions.concat(show(name), lit(" is after the run date " + date));
  }
}
