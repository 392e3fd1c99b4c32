package vn.kinhteso.targets;

import java.util.Set;
import vn.kinhteso.conform.Codes;

/**
 * The indicator names a target may use and where gold holds each (targets.md, "How each target is
 * measured").
 */
public final class Indicators {
  public static final String NATIONAL_CODE = Codes.NATIONAL_CODE;

  /** digital_economy_share.share_pct, sector ALL. */
  public static final String DIGITAL_ECONOMY_SHARE = "digital_economy_share_pct";

  /** The lowest share_pct over the sections with current GRDP above 0. */
  public static final String MIN_SECTOR_SHARE = "min_sector_share_pct";

  /** labour_productivity.growth_pct, sector ALL, of the year. */
  public static final String PRODUCTIVITY_GROWTH = "productivity_growth_pct";

  /** Read from the share and productivity tables; any other name is a digital_indicators row. */
  public static final Set<String> DERIVED =
      Set.of(DIGITAL_ECONOMY_SHARE, MIN_SECTOR_SHARE, PRODUCTIVITY_GROWTH);

  private Indicators() {}

  /** The gold table a measurable indicator is read from. */
  public static String table(String indicator) {
    if (indicator.equals(DIGITAL_ECONOMY_SHARE) || indicator.equals(MIN_SECTOR_SHARE)) {
      return "digital_economy_share";
    }
    return indicator.equals(PRODUCTIVITY_GROWTH) ? "labour_productivity" : "digital_indicators";
  }
}
