package vn.kinhteso.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The four statistics sources, each in several releases, so that the latest-release rule has work
 * to do: a {@code -preliminary} followed by an {@code -official}, a same-date preliminary that the
 * official beats, a later revision without suffix, and values that the latest release marks missing
 * ({@code ..}, {@code -}, empty). Annual statistics use the 2004 codes up to 2024 and the 2025
 * codes from 2025.
 */
final class StatisticsFiles {
  static final String GRDP = "statistics/grdp";
  static final String EMPLOYMENT = "statistics/employment";
  static final String RETAIL = "statistics/retail";
  static final String ICT = "statistics/ict";
  static final String GRDP_HEADER =
      "year,province_code,sector,grdp_current_bn_vnd,grdp_constant_2010_bn_vnd,release";
  static final String EMPLOYMENT_HEADER = "year,province_code,sector,employed_thousands,release";
  static final String RETAIL_HEADER = "year,province_code,retail_sales_bn_vnd,release";
  static final String ICT_HEADER = "year,province_code,indicator,value,release";

  /** Provinces whose 2019 GRDP was first published in a preliminary release. */
  private static final List<String> PRELIMINARY_2019 = List.of("02", "04", "06", "11", "12");

  /** Provinces whose 2023 GRDP was revised in 2025. */
  private static final Set<String> REVISED_2023 = Set.of("14", "40", "56", "66", "89");

  /** Cells with a stale preliminary row dated the same day as the official one. */
  private static final List<String> SAME_DAY_PRELIMINARY = List.of("01|G", "79|J", "27|C");

  private static final List<String> ICT_REVISED_2024 = List.of("01", "27", "31");

  private final Landing landing;
  private final Economy eco;
  private final long seed;

  StatisticsFiles(Landing landing, Economy eco, long seed) {
    this.landing = landing;
    this.eco = eco;
    this.seed = seed;
  }

  void write() {
    grdp();
    employment();
    retail();
    ict();
  }

  private List<String> sectors() {
    List<String> s = new ArrayList<>(Economy.SECTIONS);
    s.add(Economy.TSP);
    return s;
  }

  private void grdp() {
    ZoneFile early = landing.open(GRDP, "grdp_2019_2022_official.csv", GRDP_HEADER, true, false);
    for (int y = 2019; y <= 2022; y++) {
      grdpYear(early, y, (y + 1) + "-09-30-official", 0);
    }
    ZoneFile prelim2019 = landing.open(GRDP, "grdp_2019_preliminary.csv", GRDP_HEADER);
    for (String p : PRELIMINARY_2019) {
      for (String s : sectors()) {
        if (eco.hasSector(p, s)) {
          double cur = eco.current(p, s, 2019);
          double con = eco.constant(p, s, 2019);
          if (Double.isNaN(cur)) { // missing in the official release, published before it
            cur = eco.current(p, s, 2020) * .96;
            con = eco.constant(p, s, 2020) * .97;
          }
          double d = revision("prelim2019" + p + s);
          prelim2019.row("2019", p, s, dec(cur * d), dec(con * d), "2020-01-20-preliminary");
        }
      }
    }
    ZoneFile y2023 = landing.open(GRDP, "grdp_2023_official.csv", GRDP_HEADER);
    ZoneFile rev2023 = landing.open(GRDP, "grdp_2023_revised.csv", GRDP_HEADER);
    for (String p : eco.provinces2004()) {
      for (String s : sectors()) {
        if (!eco.hasSector(p, s)) {
          continue;
        }
        double cur = eco.current(p, s, 2023);
        double con = eco.constant(p, s, 2023);
        if (REVISED_2023.contains(p)) {
          double d = revision("rev2023" + p + s);
          y2023.row("2023", p, s, dec(cur * d), dec(con * d), "2024-09-30-official");
          rev2023.row("2023", p, s, dec(cur), dec(con), "2025-09-30");
        } else {
          y2023.row("2023", p, s, dec(cur), dec(con), "2024-09-30-official");
        }
      }
    }
    grdpYear(
        landing.open(GRDP, "grdp_2024_preliminary.csv", GRDP_HEADER),
        2024,
        "2025-01-20-preliminary",
        .02);
    ZoneFile official2024 = landing.open(GRDP, "grdp_2024_official.csv", GRDP_HEADER);
    grdpYear(official2024, 2024, "2025-09-30-official", 0);
    for (String cell : SAME_DAY_PRELIMINARY) {
      String p = cell.substring(0, 2);
      String s = cell.substring(3);
      double d = 1.07;
      official2024.row(
          "2024",
          p,
          s,
          dec(eco.current(p, s, 2024) * d),
          dec(eco.constant(p, s, 2024) * d),
          "2025-09-30-preliminary");
    }
    ZoneFile y2025 = landing.open(GRDP, "grdp_2025_preliminary.csv", GRDP_HEADER);
    for (String p : eco.reference().provinces2025().keySet()) {
      for (String s : sectors()) {
        Double cur = eco.sumOfChildren(p, s, c -> eco.current(c, s, 2025));
        if (cur != null) {
          y2025.row(
              "2025",
              p,
              s,
              dec(cur),
              dec(eco.sumOfChildren(p, s, c -> eco.constant(c, s, 2025))),
              "2026-01-20-preliminary");
        }
      }
    }
  }

  /** One year of GRDP at the 2004 provinces; {@code off} perturbs an early release. */
  private void grdpYear(ZoneFile f, int y, String release, double off) {
    for (String p : eco.provinces2004()) {
      for (String s : sectors()) {
        if (eco.hasSector(p, s)) {
          double d = off == 0 ? 1 : revision(release + p + s);
          f.row(
              Integer.toString(y),
              p,
              s,
              dec(eco.current(p, s, y) * d),
              dec(eco.constant(p, s, y) * d),
              release);
        }
      }
    }
  }

  private void employment() {
    ZoneFile early =
        landing.open(
            EMPLOYMENT, "employment_2019_2023_official.csv", EMPLOYMENT_HEADER, false, true);
    for (int y = 2019; y <= 2023; y++) {
      employmentYear(early, y, (y + 1) + "-06-30-official", false);
    }
    employmentYear(
        landing.open(EMPLOYMENT, "employment_2024_preliminary.csv", EMPLOYMENT_HEADER),
        2024,
        "2025-02-15-preliminary",
        true);
    employmentYear(
        landing.open(EMPLOYMENT, "employment_2024_official.csv", EMPLOYMENT_HEADER),
        2024,
        "2025-06-30-official",
        false);
    ZoneFile y2025 = landing.open(EMPLOYMENT, "employment_2025_preliminary.csv", EMPLOYMENT_HEADER);
    for (String p : eco.reference().provinces2025().keySet()) {
      for (String s : Economy.SECTIONS) {
        Double e = eco.sumOfChildren(p, s, c -> eco.employment(c, s, 2025));
        if (e != null) {
          y2025.row("2025", p, s, dec(e), "2026-02-15-preliminary");
        }
      }
    }
  }

  private void employmentYear(ZoneFile f, int y, String release, boolean perturb) {
    for (String p : eco.provinces2004()) {
      for (String s : Economy.SECTIONS) {
        if (eco.hasSector(p, s)) {
          double e = eco.employment(p, s, y) * (perturb ? revision(release + p + s) : 1);
          f.row(Integer.toString(y), p, s, Double.isNaN(e) ? "-" : dec(e), release);
        }
      }
    }
  }

  private void retail() {
    ZoneFile f = landing.open(RETAIL, "retail_2021_2025.csv", RETAIL_HEADER);
    for (int y = 2021; y <= 2024; y++) {
      for (String p : eco.provinces2004()) {
        double r = eco.retail(p, y);
        if (y == 2024) {
          f.row("2024", p, dec(r * revision("retail-prelim" + p)), "2025-01-10-preliminary");
        }
        boolean missing = y == 2021 && p.equals("11");
        f.row(Integer.toString(y), p, missing ? ".." : dec(r), (y + 1) + "-03-31-official");
      }
    }
    for (String p : eco.reference().provinces2025().keySet()) {
      double r = 0;
      for (String c : eco.children(p)) {
        r += eco.retail(c, 2025);
      }
      f.row("2025", p, dec(r), "2026-01-10-preliminary");
    }
  }

  private void ict() {
    ZoneFile f = landing.open(ICT, "ict_2021_2024.csv", ICT_HEADER);
    for (int y = 2021; y <= 2024; y++) {
      for (String p : eco.provinces2004()) {
        for (String ind : Economy.ICT_INDICATORS) {
          double v = eco.ict(p, ind, y);
          boolean revised =
              y == 2024 && ind.equals("fibre_households_pct") && ICT_REVISED_2024.contains(p);
          f.row(Integer.toString(y), p, ind, dec(revised ? v - 1.2 : v), (y + 1) + "-03-31");
        }
      }
    }
    for (String p : List.of("01", "27", "79")) {
      f.row(
          "2024",
          p,
          Economy.UNKNOWN_INDICATOR,
          dec(eco.ict(p, "digital_signature_adults_pct", 2024) / 2),
          "2025-03-31");
    }
    ZoneFile later = landing.open(ICT, "ict_2024_revised_and_2025.csv", ICT_HEADER);
    for (String p : ICT_REVISED_2024) {
      later.row(
          "2024",
          p,
          "fibre_households_pct",
          dec(eco.ict(p, "fibre_households_pct", 2024)),
          "2025-06-30");
    }
    // withdrawn in the revision: the latest release leaves the value empty
    later.row("2024", "02", "digital_signature_adults_pct", "", "2025-06-30");
    for (String p : eco.reference().provinces2025().keySet()) {
      for (String ind : Economy.ICT_INDICATORS) {
        later.row("2025", p, ind, dec(eco.ict2025(p, ind)), "2026-03-31");
      }
    }
    for (String p : List.of("01", "24")) {
      later.row(
          "2025",
          p,
          Economy.UNKNOWN_INDICATOR,
          dec(eco.ict2025(p, "digital_signature_adults_pct") / 2),
          "2026-03-31");
    }
  }

  /** A factor 1 ± 0.5–2% by which an earlier release differs from the final value. */
  private double revision(String key) {
    double n = Seeds.noise(seed, key, .015);
    return 1 + n + Math.copySign(.005, n);
  }

  /** Billion VND, thousand persons or percent, one decimal; ".." where the release has no value. */
  private static String dec(double v) {
    return Double.isNaN(v) ? ".." : String.format(Locale.ROOT, "%.1f", v);
  }
}
