package vn.kinhteso.generate;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import vn.kinhteso.config.Reference;

/**
 * The enterprise units: drawn cell by cell from {@link DigitalDesign}, each standing for many firms
 * (amounts scaled to its province's GRDP), then written as register snapshots, VAT declarations
 * and, for those that sell online, platform seller reports.
 *
 * <p>The contract's features live here: monthly and quarterly filers; amendments 1 and 2 that
 * replace 0; dependent units {@code NNNNNNNNNN-NNN} of parents in Hà Nội and Hồ Chí Minh City;
 * units that register late, close, move province mid-year, change VSIC between snapshots, or
 * declare a year without revenue; and the 2025 switch of province codes on 2025-07-01.
 */
final class Enterprises {
  static final String REGISTRY = "tax/registry";
  static final String DECLARATIONS = "tax/declarations";
  static final String REGISTRY_HEADER =
      "tax_id,name,vsic_code,size_class,registered_on,closed_on,snapshot_date";
  static final String DECLARATION_HEADER =
      "tax_id,period,province_code,amendment,revenue_vnd,intermediate_cost_vnd,wage_bill_vnd,employees";
  static final List<LocalDate> SNAPSHOTS =
      List.of(LocalDate.of(2023, 12, 31), LocalDate.of(2024, 12, 31), LocalDate.of(2025, 12, 31));

  /** From this month declarations and platform reports carry the 2025 province codes. */
  static final YearMonth NEW_CODES_FROM = YearMonth.of(2025, 7);

  static final int FIRST_YEAR = 2022;
  static final int LAST_YEAR = 2025;
  private static final String[] SIZES = {"micro", "small", "medium", "large"};

  /**
   * Only units below this share of their province's GRDP open, close, move or make losses during
   * the period: a bigger one would swing the province's share from one year to the next.
   */
  private static final double MINOR = .02;

  /** Share of a year's revenue in each month: the Tết dip in February, the year-end peak. */
  private static final double[] SEASON = {
    .085, .065, .08, .08, .082, .082, .083, .084, .083, .085, .09, .101
  };

  // A..U, as Economy.SECTIONS
  private static final double[] VA_RATIO = {
    .45, .55, .25, .40, .45, .28, .14, .35, .40, .55, .65, .60, .50, .45, .70, .65, .50, .45, .45,
    .85, .60
  };
  private static final double[] WAGE_MN = {
    5.5, 12, 9, 15, 8, 8.5, 9, 10, 7, 22, 20, 14, 16, 8, 9, 9, 11, 8, 7, 3, 20
  };

  /** Historic tax-office numbering of a few provinces; the others get an arbitrary one. */
  private static final Map<String, String> TAX_PREFIX =
      Map.of(
          "01", "01", "79", "03", "31", "02", "48", "04", "92", "18", "27", "23", "24", "24", "19",
          "46", "74", "37", "75", "36");

  /** One enterprise unit (a 10-digit enterprise or a 13-digit dependent unit). */
  static final class Unit {
    final int index;
    final String home;
    final String section;
    final boolean core;

    /** Its value added as a fraction of its cell's GRDP. */
    final double share;

    String vsic;
    String vsicBefore;

    /** Share of revenue sold online (the design's w for non-core units). */
    double online;

    /** The online weight its cell is designed for. */
    double cellOnline;

    boolean dormant;

    /** Declares every month of every year, without loss years: the floor provinces' units. */
    boolean stable;

    Unit parent;
    int branches;
    boolean isParent;
    String taxId;
    String name;
    String size;
    String sizeBefore;
    LocalDate registeredOn;
    LocalDate closedOn;
    boolean quarterly;
    String moveTo;
    YearMonth moveFrom;
    boolean zeroRevenue2022;
    String category;
    List<String> platforms = List.of();
    YearMonth onlineFrom;

    Unit(int index, String home, String section, boolean core, double share) {
      this.index = index;
      this.home = home;
      this.section = section;
      this.core = core;
      this.share = share;
    }

    boolean activeIn(YearMonth ym) {
      return !ym.isBefore(YearMonth.from(registeredOn))
          && (closedOn == null || !ym.isAfter(YearMonth.from(closedOn)));
    }

    /** The 2004 province it declares in that month. */
    String provinceAt(YearMonth ym) {
      return moveTo != null && !ym.isBefore(moveFrom) ? moveTo : home;
    }
  }

  private final long seed;
  private final double scale;
  private final Economy eco;
  private final Activities act;
  private final TaxIds ids;
  private final Reference ref;
  private final List<Unit> units = new ArrayList<>();

  Enterprises(long seed, double scale, Economy eco, Activities act, TaxIds ids) {
    this.seed = seed;
    this.scale = scale;
    this.eco = eco;
    this.act = act;
    this.ids = ids;
    this.ref = eco.reference();
    build();
  }

  List<Unit> units() {
    return units;
  }

  private void build() {
    for (String p : eco.provinces2004()) {
      for (String s : Economy.SECTIONS) {
        DigitalDesign.Cell c = DigitalDesign.cell(eco, p, s, scale);
        if (c != null) {
          SplittableRandom r = Seeds.rng(seed, "cell" + p + s, 0);
          addGroup(r, p, s, c.core(), c.coreUnits(), true, c);
          addGroup(r, p, s, c.coverage() - c.core(), c.otherUnits(), false, c);
        }
      }
    }
    // registered units that never declare
    List<String> provinces = eco.provinces2004();
    for (int i = 0; i < Math.max(1, Math.round(4 * scale)); i++) {
      SplittableRandom r = Seeds.rng(seed, "dormant", i);
      String s = "CGFM".substring(i % 4, i % 4 + 1);
      Unit u = new Unit(units.size(), provinces.get(r.nextInt(provinces.size())), s, false, 0);
      u.vsic = act.pick(r, s, false);
      u.dormant = true;
      units.add(u);
    }
    poolSellers();
    assignParents();
    for (Unit u : units) {
      if (u.parent == null) {
        describe(u);
      }
    }
    for (Unit u : units) {
      if (u.parent != null) {
        describe(u);
      }
    }
    chooseMovers();
    for (Unit u : units) { // one unit declares a year without revenue (a start-up)
      if (u.home.equals("01")
          && u.section.equals("M")
          && u.online == 0
          && u.parent == null
          && !u.dormant) {
        u.zeroRevenue2022 = true;
        u.registeredOn = LocalDate.of(2019, 4, 15);
        u.closedOn = null;
        u.moveTo = null;
        u.quarterly = false;
        break;
      }
    }
  }

  /** Units of one cell sharing {@code share} of its GRDP, sizes log-normal. */
  private void addGroup(
      SplittableRandom r,
      String p,
      String s,
      double share,
      int n,
      boolean core,
      DigitalDesign.Cell cell) {
    if (n == 0 || share <= 0) {
      return;
    }
    double[] size = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      size[i] = Math.exp(.7 * r.nextGaussian());
      sum += size[i];
    }
    for (int i = 0; i < n; i++) {
      Unit u = new Unit(units.size(), p, s, core, share * size[i] / sum);
      u.vsic = act.pick(r, s, core);
      if (u.vsic == null) {
        throw new IllegalStateException(
            "Cannot draw a unit: no "
                + (core ? "ICT-core" : "other")
                + " VSIC class known for section "
                + s);
      }
      u.stable = DigitalDesign.FULL_COVERAGE.contains(p);
      u.cellOnline = core ? 0 : cell.onlineWeight();
      if (u.stable && !core) {
        u.online = cell.onlineWeight();
      } else if (core && u.vsic.startsWith("465") && r.nextInt(5) == 0) {
        u.online = .08; // wholesalers of electronics sell some on platforms too
      }
      units.add(u);
    }
  }

  /**
   * Outside the floor provinces, a province's designed online value added (Σ cell weight × unit
   * value added) goes to a few units drawn with probability growing with their cell's weight and
   * value-added ratio: a VND of digital value added needs 1 / ratio VND of platform sales, and
   * favouring services keeps the e-commerce share of retail from running away.
   */
  private void poolSellers() {
    Map<String, List<Unit>> byProvince = new LinkedHashMap<>();
    for (Unit u : units) {
      if (!u.stable && !u.dormant && u.cellOnline > 0) {
        byProvince.computeIfAbsent(u.home, k -> new ArrayList<>()).add(u);
      }
    }
    byProvince.forEach(
        (p, candidates) -> {
          SplittableRandom r = Seeds.rng(seed, "sellers" + p, 0);
          Map<Unit, Double> order = new HashMap<>();
          double target = 0;
          for (Unit u : candidates) {
            target += u.cellOnline * va2024(u);
            order.put(
                u,
                -Math.log(1 - r.nextDouble())
                    / (u.cellOnline * VA_RATIO[Economy.SECTIONS.indexOf(u.section)]));
          }
          candidates.sort((a, b) -> Double.compare(order.get(a), order.get(b)));
          double left = target;
          for (Unit u : candidates) {
            if (left <= 0) {
              break;
            }
            double cap = Math.min(.9, DigitalDesign.SELLER_CONCENTRATION * u.cellOnline);
            u.online = Math.min(cap, left / va2024(u));
            left -= u.online * va2024(u);
          }
        });
  }

  private double va2024(Unit u) {
    return u.share * eco.current(u.home, u.section, 2024);
  }

  private boolean minor(Unit u) {
    return va2024(u) <= MINOR * eco.totalCurrent(u.home, 2024);
  }

  /**
   * Telecom branches and a few factories and shops are dependent units of a metropolitan parent.
   */
  private void assignParents() {
    Map<String, List<Unit>> parents = new HashMap<>();
    for (Unit u : units) {
      if ((u.home.equals("01") || u.home.equals("79")) && !u.dormant) {
        parents.computeIfAbsent(u.section + u.core, k -> new ArrayList<>()).add(u);
      }
    }
    for (Unit u : units) {
      if (u.home.equals("01") || u.home.equals("79") || u.dormant || u.online > 0) {
        continue;
      }
      SplittableRandom r = Seeds.rng(seed, "parent", u.index);
      double chance = u.section.equals("J") && u.core ? .7 : "CG".contains(u.section) ? .08 : 0;
      List<Unit> candidates = parents.getOrDefault(u.section + u.core, List.of());
      if (r.nextDouble() < chance && !candidates.isEmpty()) {
        u.parent = candidates.get(r.nextInt(candidates.size()));
        u.parent.isParent = true;
      }
    }
  }

  private void describe(Unit u) {
    SplittableRandom r = Seeds.rng(seed, "unit", u.index);
    double sz = r.nextDouble();
    u.size =
        u.core && u.section.equals("C")
            ? "large"
            : SIZES[sz < .3 ? 0 : sz < .65 ? 1 : sz < .85 ? 2 : 3];
    if (r.nextDouble() < .05) {
      int i = Arrays.asList(SIZES).indexOf(u.size);
      u.sizeBefore = SIZES[i == 0 ? 1 : i - 1];
    }
    if (u.parent != null) {
      LocalDate opened = u.parent.registeredOn.plusMonths(6 + r.nextInt(60));
      LocalDate lastBeforeData = LocalDate.of(2021, 12, 31);
      u.registeredOn = opened.isAfter(lastBeforeData) ? lastBeforeData : opened;
      u.taxId = u.parent.taxId + String.format(Locale.ROOT, "-%03d", ++u.parent.branches);
      u.name = Activities.branchName(u.parent.name, ref.provinces2004().get(u.home));
    } else {
      boolean late = !u.core && !u.isParent && !u.stable && minor(u) && r.nextDouble() < .08;
      u.registeredOn =
          late
              ? LocalDate.of(2022, 2, 1).plusMonths(r.nextInt(33)).plusDays(r.nextInt(28))
              : LocalDate.of(1995 + r.nextInt(27), 1 + r.nextInt(12), 1 + r.nextInt(28));
      u.taxId =
          ids.enterprise(
              r,
              TAX_PREFIX.getOrDefault(
                  u.home,
                  String.format(Locale.ROOT, "%02d", 5 + Integer.parseInt(u.home) * 7 % 55)));
      u.name = act.name(r, u.vsic, u.size, ref.provinces2004().get(u.home));
    }
    if (!u.core && !u.isParent && !u.dormant && !u.stable && minor(u) && r.nextDouble() < .05) {
      u.closedOn = YearMonth.of(2023, 3).plusMonths(r.nextInt(27)).atEndOfMonth();
    }
    u.quarterly =
        !u.core
            && u.parent == null
            && (u.size.equals("micro") || u.size.equals("small"))
            && r.nextDouble() < .4;
    if (r.nextDouble() < .06) {
      String before =
          act.pick(
              r, r.nextBoolean() ? u.section : String.valueOf("CGM".charAt(r.nextInt(3))), false);
      u.vsicBefore = before == null || before.equals(u.vsic) ? null : before;
    }
    if (u.online > 0) {
      u.category = act.category(u.vsic);
      List<String> carriers = Platforms.forCategory(u.category);
      double pick = r.nextDouble();
      u.platforms =
          carriers.size() < 2
              ? carriers
              : pick < .08 ? carriers.subList(0, 2) : List.of(carriers.get(pick < .35 ? 1 : 0));
      YearMonth registered = YearMonth.from(u.registeredOn);
      YearMonth from =
          u.stable || r.nextDouble() < .75
              ? YearMonth.of(2022, 1)
              : YearMonth.of(2022, 3).plusMonths(r.nextInt(16));
      u.onlineFrom = from.isBefore(registered) ? registered : from;
    }
  }

  /**
   * A few units move to the province theirs merged with in 2025, during 2023 or 2024 (two accounts
   * that year, one w): those that add least to the cell they join, at most half of it, so that no
   * coverage goes beyond 100%.
   */
  private void chooseMovers() {
    List<Unit> eligible = new ArrayList<>();
    for (Unit u : units) {
      String partner = mergePartner(u.home);
      if (!u.core
          && u.parent == null
          && !u.quarterly
          && !u.isParent
          && !u.stable
          && !u.dormant
          && u.closedOn == null
          && partner != null
          && minor(u)
          && va2024(u) <= .5 * eco.current(partner, u.section, 2024)) {
        eligible.add(u);
      }
    }
    eligible.sort(
        (a, b) ->
            Double.compare(
                va2024(a) / eco.current(mergePartner(a.home), a.section, 2024),
                va2024(b) / eco.current(mergePartner(b.home), b.section, 2024)));
    for (Unit u :
        eligible.subList(0, (int) Math.min(eligible.size(), Math.max(1, Math.round(3 * scale))))) {
      u.moveTo = mergePartner(u.home);
      u.moveFrom = YearMonth.of(2023, 2).plusMonths(Seeds.rng(seed, "move", u.index).nextInt(22));
    }
  }

  /** A province this one merged with in 2025, or null. */
  private String mergePartner(String p) {
    String to = ref.crosswalk().get(p);
    for (Map.Entry<String, String> e : ref.crosswalk().entrySet()) {
      if (e.getValue().equals(to) && !e.getKey().equals(p)) {
        return e.getKey();
      }
    }
    return null;
  }

  /** The code list of the period's first day: 2004 codes before 2025-07-01, 2025 codes from it. */
  String codeAt(String p2004, YearMonth start) {
    return start.isBefore(NEW_CODES_FROM) ? p2004 : ref.crosswalk().get(p2004);
  }

  /** The province of an account: the 2004 one up to 2024, the 2025 one from 2025. */
  String inForce(String p2004, int year) {
    return eco.codeForYear(p2004, year);
  }

  void writeRegister(Landing landing, BadInput bad) {
    for (LocalDate snapshot : SNAPSHOTS) {
      boolean newest = snapshot.equals(SNAPSHOTS.get(SNAPSHOTS.size() - 1));
      ZoneFile f = landing.open(REGISTRY, "registry_" + snapshot + ".csv", REGISTRY_HEADER);
      for (Unit u : units) {
        if (u.registeredOn.isAfter(snapshot)) {
          continue;
        }
        boolean first = snapshot.equals(SNAPSHOTS.get(0));
        String vsic = first && u.vsicBefore != null ? u.vsicBefore : u.vsic;
        String size = first && u.sizeBefore != null ? u.sizeBefore : u.size;
        String closed =
            u.closedOn != null && !u.closedOn.isAfter(snapshot) ? u.closedOn.toString() : "";
        boolean nfd = newest && bad.writeNameInNfd(u.name);
        String name = nfd ? Normalizer.normalize(u.name, Normalizer.Form.NFD) : u.name;
        f.row(
            !nfd,
            u.taxId,
            name,
            vsic,
            size,
            u.registeredOn.toString(),
            closed,
            snapshot.toString());
      }
    }
  }

  /** One month of a unit's true activity. */
  private record Month(
      YearMonth ym, String p2004, long revenue, long ic, long wages, long employees) {}

  /** What a year of declarations and sales sums to, per unit and per account. */
  private static final class YearTruth {
    double revenue;
    double online;
    final Map<String, double[]> accounts = new LinkedHashMap<>(); // va, head-months, months
    final Map<String, Double> sellerNet = new LinkedHashMap<>();
  }

  void writeActivity(Landing landing, IntendedShares shares) {
    for (Unit u : units) {
      if (!u.dormant) {
        writeUnit(landing, shares, u);
      }
    }
  }

  private void writeUnit(Landing landing, IntendedShares shares, Unit u) {
    SplittableRandom r = Seeds.rng(seed, "activity", u.index);
    int s = Economy.SECTIONS.indexOf(u.section);
    double vaRatio =
        u.core && u.section.equals("C") ? .14 : u.core && u.section.equals("G") ? .10 : VA_RATIO[s];
    double perWorker =
        (u.core && u.section.equals("C") ? 520 : Economy.productivity(u.section)) * 1e6;
    double wage = (u.core && u.section.equals("C") ? 11 : WAGE_MN[s]) * 1e6;
    for (int y = FIRST_YEAR; y <= LAST_YEAR; y++) {
      double vaYear =
          u.share * eco.current(u.home, u.section, y) * 1e9 * (1 + .05 * r.nextGaussian());
      boolean loss = !u.core && !u.stable && minor(u) && r.nextDouble() < .02;
      double revYear = vaYear / vaRatio;
      double head = Math.max(1, vaYear / perWorker);
      List<Month> months = new ArrayList<>();
      for (int m = 1; m <= 12; m++) {
        YearMonth ym = YearMonth.of(y, m);
        if (!u.activeIn(ym)) {
          continue;
        }
        double rev = revYear * SEASON[m - 1] * (1 + .08 * (2 * r.nextDouble() - 1));
        double va = loss ? -.04 * rev : rev * vaRatio * (1 + .1 * (2 * r.nextDouble() - 1));
        long h = Math.max(1, Math.round(head * (1 + .03 * (2 * r.nextDouble() - 1))));
        long wages = Math.round(h * wage * (1 + .05 * (2 * r.nextDouble() - 1)));
        long revenue = u.zeroRevenue2022 && y == 2022 ? 0 : Math.round(rev);
        months.add(new Month(ym, u.provinceAt(ym), revenue, Math.round(rev - va), wages, h));
      }
      if (months.isEmpty()) {
        continue;
      }
      YearTruth truth = new YearTruth();
      declare(landing, r, u, y, months, truth);
      if (u.online > 0 && !(u.zeroRevenue2022 && y == 2022)) {
        sell(landing, r, u, y, months, truth);
      }
      double w =
          u.core
              ? 1
              : truth.revenue > 0 ? Math.min(1, Math.max(0, truth.online / truth.revenue)) : 0;
      int year = y;
      truth.accounts.forEach(
          (p, a) -> shares.account(p, year, u.section, a[0], w, u.core, a[1] / a[2]));
      truth.sellerNet.forEach((p, net) -> shares.sellerNet(p, year, net));
    }
  }

  private void declare(
      Landing landing, SplittableRandom r, Unit u, int y, List<Month> months, YearTruth truth) {
    ZoneFile main = landing.open(DECLARATIONS, "declarations_" + y + ".csv", DECLARATION_HEADER);
    ZoneFile amendments =
        landing.open(DECLARATIONS, "declarations_" + y + "_amendments.csv", DECLARATION_HEADER);
    List<List<Month>> periods = new ArrayList<>();
    if (u.quarterly) {
      Map<Integer, List<Month>> byQuarter = new LinkedHashMap<>();
      for (Month m : months) {
        byQuarter.computeIfAbsent((m.ym().getMonthValue() - 1) / 3, k -> new ArrayList<>()).add(m);
      }
      periods.addAll(byQuarter.values());
    } else {
      months.forEach(m -> periods.add(List.of(m)));
    }
    for (List<Month> period : periods) {
      Month first = period.get(0);
      YearMonth start =
          u.quarterly ? YearMonth.of(y, (first.ym().getMonthValue() - 1) / 3 * 3 + 1) : first.ym();
      String label = u.quarterly ? y + "-Q" + ((start.getMonthValue() + 2) / 3) : start.toString();
      long revenue = 0;
      long ic = 0;
      long wages = 0;
      for (Month m : period) {
        revenue += m.revenue();
        ic += m.ic();
        wages += m.wages();
      }
      long employees = period.get(period.size() - 1).employees();
      String code = codeAt(first.p2004(), start);
      double a = r.nextDouble();
      int highest = a < .006 ? 2 : a < .03 ? 1 : 0;
      String[] fields = {
        u.taxId,
        label,
        code,
        "0",
        Long.toString(revenue),
        Long.toString(ic),
        Long.toString(wages),
        Long.toString(employees)
      };
      if (highest == 0) {
        main.row(fields);
      } else {
        // earlier declarations understated the period; the highest amendment holds the truth
        for (int k = 0; k < highest; k++) {
          double under = 1 - .02 - .13 * r.nextDouble();
          String[] early = fields.clone();
          early[3] = Integer.toString(k);
          early[4] = Long.toString(Math.round(revenue * under));
          early[5] = Long.toString(Math.round(ic * (under + .01)));
          (k == 0 ? main : amendments).row(false, early);
        }
        fields[3] = Integer.toString(highest);
        amendments.row(false, fields);
      }
      String account = inForce(first.p2004(), y);
      double[] acc = truth.accounts.computeIfAbsent(account, k -> new double[3]);
      int covered = u.quarterly ? 3 : 1;
      acc[0] += revenue - ic;
      acc[1] += employees * covered;
      acc[2] += covered;
      truth.revenue += revenue;
    }
  }

  private void sell(
      Landing landing, SplittableRandom r, Unit u, int y, List<Month> months, YearTruth truth) {
    double w = u.online * (u.core ? 1 : DigitalDesign.ONLINE_TREND[y - FIRST_YEAR]);
    for (Month m : months) {
      if (m.ym().isBefore(u.onlineFrom)) {
        continue;
      }
      double net = w * m.revenue() * (1 + .1 * (2 * r.nextDouble() - 1));
      String code = codeAt(m.p2004(), m.ym());
      for (int i = 0; i < u.platforms.size(); i++) {
        long n = Math.round(net * (u.platforms.size() == 1 ? 1 : i == 0 ? .65 : .35));
        if (n <= 0) {
          continue;
        }
        String platform = u.platforms.get(i);
        landing
            .open(Platforms.source(platform), Platforms.file(platform, y), null)
            .line(
                Platforms.sale(
                    platform,
                    m.ym().toString(),
                    u.taxId,
                    "enterprise",
                    u.taxId,
                    code,
                    u.category,
                    n),
                true);
        truth.online += n;
        truth.sellerNet.merge(inForce(m.p2004(), y), (double) n, Double::sum);
      }
    }
  }
}
