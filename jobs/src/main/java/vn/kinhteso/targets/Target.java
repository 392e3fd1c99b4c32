package vn.kinhteso.targets;

import java.util.Objects;

/**
 * One numeric target of a plan, as conf/targets.csv states it.
 *
 * @param provinceCode the 2004 code of the province that issued the plan, or {@code VN} for a
 *     national target
 * @param neededDataset for a target no data set carries: the data set that would be needed (else
 *     null)
 */
public record Target(
    String id,
    String plan,
    String seedDocument,
    String provinceCode,
    String indicator,
    Comparator comparator,
    double value,
    int year,
    String valueNote,
    String neededDataset,
    String descriptionVi) {

  public Target {
    Objects.requireNonNull(id);
    Objects.requireNonNull(indicator);
    Objects.requireNonNull(comparator);
  }

  public boolean national() {
    return Indicators.NATIONAL_CODE.equals(provinceCode);
  }

  public boolean measurable() {
    return neededDataset == null;
  }

  /**
   * How a target compares the gold value with its threshold: applied as written (20.0 meets >= 20,
   * not > 20).
   */
  public enum Comparator {
    AT_LEAST(">="),
    ABOVE(">"),
    AT_MOST("<="),
    BELOW("<");

    public final String symbol;

    Comparator(String symbol) {
      this.symbol = symbol;
    }

    public static Comparator of(String symbol) {
      for (Comparator c : values()) {
        if (c.symbol.equals(symbol)) {
          return c;
        }
      }
      return null;
    }

    public boolean meets(double actual, double threshold) {
      switch (this) {
        case AT_LEAST:
          return actual >= threshold;
        case ABOVE:
          return actual > threshold;
        case AT_MOST:
          return actual <= threshold;
        default:
          return actual < threshold;
      }
    }
  }
}
