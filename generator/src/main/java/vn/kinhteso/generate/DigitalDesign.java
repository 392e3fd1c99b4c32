package vn.kinhteso.generate;

import java.util.Map;
import java.util.Set;

/**
 * How digital each province-section cell is meant to be, as fractions of the cell's current GRDP.
 * The sample has few units, so each stands for many firms: a cell's units together cover {@link
 * Cell#coverage} of its GRDP, ICT-core units {@link Cell#core} of it, and the other units are meant
 * to sell online {@link Cell#onlineWeight} of their revenue on average (the digital weight w of
 * methodology §2); outside the floor provinces that online value added is pooled per province onto
 * a few sellers.
 *
 * <p>The numbers are chosen so that the estimator finds a national share of about 13% (core about
 * 9%; the NSO's is 8.4), 30–50% in the electronics provinces and 2–4% in the Mekong delta and the
 * mountains, and so that the targets of {@code targets.md} come out mixed: every section of the
 * 2025 Bắc Ninh (27 + 24) gets 12–19% (meets "≥ 10 in every sector", misses Bắc Giang's "≥ 15").
 * docs/generator.md lists the shares this gives.
 */
final class DigitalDesign {
  /** One cell's plan; unit counts are at the requested scale. */
  record Cell(double coverage, double core, double onlineWeight, int coreUnits, int otherUnits) {}

  /**
   * Provinces where every section has units that all sell online, so that each sector's share
   * reaches a floor: the two that form the 2025 Bắc Ninh, whose plans set sector targets.
   */
  static final Set<String> FULL_COVERAGE = Set.of("27", "24");

  /** The digital share every section of a FULL_COVERAGE province gets from its units (2024). */
  static final double SECTION_FLOOR = .12;

  /** GRDP (billion VND, 2024) one unit stands for at scale 1. */
  static final double UNIT_WEIGHT_BN = 150_000;

  /**
   * Outside the floor provinces a province's online value added is carried by a few of its units
   * (fewer seller files, same province totals), each selling online at most this many times its
   * cell's weight, so that no one section carries a province's whole online trade.
   */
  static final double SELLER_CONCENTRATION = 2.5;

  /** How the online weight of non-core units grows, 2022..2025. */
  static final double[] ONLINE_TREND = {.94, .97, 1.0, 1.03};

  // A..U, as Economy.SECTIONS
  private static final double[] COVERAGE = {
    .12, .75, .70, .80, .45, .45, .45, .45, .35, .85, .75, .45, .50, .35, .20, .20, .30, .25, .15,
    .30, 0
  };
  private static final double[] ONLINE = {
    .06, .01, .07, .02, .03, .05, .12, .15, .22, .30, .12, .15, .25, .15, .04, .20, .15, .20, .12,
    .05, 0
  };

  /** Share of manufacturing GRDP made by division 26 (electronics), where it matters. */
  private static final Map<String, Double> ELECTRONICS_IN_C =
      Map.ofEntries(
          Map.entry("27", .80),
          Map.entry("19", .78),
          Map.entry("24", .55),
          Map.entry("31", .38),
          Map.entry("26", .25),
          Map.entry("01", .28),
          Map.entry("79", .26),
          Map.entry("74", .25),
          Map.entry("75", .20),
          Map.entry("30", .12),
          Map.entry("33", .10),
          Map.entry("48", .08),
          // electronics assembly that FDI spread over the north and the centre
          Map.entry("35", .15),
          Map.entry("25", .12),
          Map.entry("40", .10),
          Map.entry("22", .10),
          Map.entry("34", .08),
          Map.entry("36", .08),
          Map.entry("37", .08),
          Map.entry("17", .06),
          Map.entry("38", .05),
          Map.entry("80", .06),
          Map.entry("72", .06),
          Map.entry("49", .05),
          Map.entry("52", .04),
          Map.entry("70", .04));

  private DigitalDesign() {}

  private static double onlineFactor(Economy.Profile p) {
    return switch (p) {
      case METRO -> 1.1;
      case ELECTRONICS, INDUSTRIAL, TOURISM -> 1.2;
      case MIXED, ENERGY -> 1.1;
      case DELTA, HIGHLAND -> .9;
      case MOUNTAIN -> .8;
    };
  }

  /** The plan of a cell, or null when the sample has no unit there. */
  static Cell cell(Economy eco, String p, String section, double scale) {
    if (!eco.hasSector(p, section) || !selected(eco, p, section)) {
      return null;
    }
    Economy.Province pr = eco.province(p);
    int s = Economy.SECTIONS.indexOf(section);
    boolean full = FULL_COVERAGE.contains(p);
    double coverage = COVERAGE[s];
    double core =
        switch (section) {
          case "C" ->
              ELECTRONICS_IN_C.getOrDefault(
                  p, pr.profile() == Economy.Profile.INDUSTRIAL ? .03 : 0.0);
          // the telecom branches of smaller provinces are all the ICT they have
          case "J" -> pr.grdp2024Tn() >= 250 || full ? coverage * .9 : coverage;
          case "G" ->
              switch (pr.profile()) {
                case METRO -> .08;
                case ELECTRONICS -> .06;
                case INDUSTRIAL -> .04;
                default -> 0.0;
              };
          case "S" -> pr.profile() == Economy.Profile.METRO ? .02 : 0;
          default -> 0.0;
        };
    double w = ONLINE[s] * onlineFactor(pr.profile());
    if (full) {
      coverage = section.equals("C") ? .88 : Math.max(coverage, .45);
      w = Math.min(.9, Math.max(w, (SECTION_FLOOR - core) / (coverage - core)));
    }
    coverage = Math.max(coverage, core);
    double cellBn = eco.current(p, section, 2024);
    int coreUnits = core > 0 ? units(core * cellBn, scale) : 0;
    int otherUnits = coverage - core > .005 ? units((coverage - core) * cellBn, scale) : 0;
    return new Cell(coverage, core, w, coreUnits, otherUnits);
  }

  /** The scale-1 count (at least one unit) times the scale, so that every cell grows alike. */
  private static int units(double bn, double scale) {
    return (int) Math.max(1, Math.round(Math.max(1, Math.round(bn / UNIT_WEIGHT_BN)) * scale));
  }

  /** Which cells have units: the big sections everywhere, more of them in bigger provinces. */
  private static boolean selected(Economy eco, String p, String section) {
    if (FULL_COVERAGE.contains(p)) {
      return !section.equals("U");
    }
    Economy.Province pr = eco.province(p);
    double tn = pr.grdp2024Tn();
    Economy.Profile profile = pr.profile();
    return switch (section) {
      case "C", "G", "J" -> true;
      case "F", "H", "K" -> tn >= 200;
      case "D" -> tn >= 250 || profile == Economy.Profile.ENERGY;
      case "I", "L" -> tn >= 250 || profile == Economy.Profile.TOURISM;
      case "M" -> tn >= 250;
      case "B" -> profile == Economy.Profile.ENERGY;
      case "N", "P", "Q", "R", "S" -> profile == Economy.Profile.METRO;
      case "A" -> tn >= 100 && eco.current(p, "A", 2024) / eco.totalCurrent(p, 2024) >= .15;
      default -> false;
    };
  }
}
