package vn.kinhteso.oracle;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.kinhteso.config.Reference;
import vn.kinhteso.oracle.Landing.Declaration;
import vn.kinhteso.oracle.Landing.RegisterRow;
import vn.kinhteso.oracle.Landing.SellerMonth;
import vn.kinhteso.oracle.Landing.StatKey;
import vn.kinhteso.oracle.Landing.StatRow;

/**
 * An independent, plain-Java computation of the gold tables {@code digital_economy_share}, {@code
 * labour_productivity} and {@code digital_indicators} from a landing zone, written from
 * design/methodology.md and design/data-contracts.md alone. End-to-end tests compare the Spark
 * pipeline with it. It holds everything in memory: for test-sized landing zones. Arithmetic is
 * exact (BigDecimal, divisions to 34 digits) and rounded to double only in the output, so that its
 * numbers are the correctly rounded values a pencil gives and the tolerance is the pipeline's.
 *
 * <h2>Readings chosen where the spec is silent</h2>
 *
 * The pipeline should agree with these or say why not.
 *
 * <h3>Reading the landing zone</h3>
 *
 * <ol>
 *   <li>Files: every regular file ending in {@code .csv} (statistics, tax) or {@code .jsonl}
 *       (e-commerce) below its source folder, subfolders and hidden names included, in path order.
 *       A file whose bytes equal an earlier file of the same source is skipped whole.
 *   <li>One record per physical line (LF; a CR before it is dropped; a BOM only at the start of a
 *       file). Quoted fields cannot span lines: an unclosed quote, a quote inside an unquoted field
 *       or text after a closing quote make the line {@code malformed_line}. Empty lines are
 *       skipped. A line that is not valid UTF-8 is malformed (the rest of the file counts).
 *   <li>The first non-empty line is the header; columns are found by name, extra columns are
 *       ignored; a header lacking a contract column makes every line of the file quarantined. A
 *       data line must have as many fields as the header ({@code wrong_column_count}).
 *   <li>No trimming: the only repairs are BOM, NFC and exact duplicates, so {@code " 27"} is an
 *       unknown province and {@code " 5"} an unparseable number. Every text field is NFC.
 *   <li>Numbers: statistics are decimals ({@code -?digits[.digits][e±n]}), money, headcounts,
 *       amendments and orders whole numbers; JSON amounts must be JSON integers (not {@code 1.0},
 *       not {@code "1"}). Dates and release dates must be real calendar dates.
 *   <li>Negative values are allowed only in the GRDP of {@code TSP} and in {@code statistics/ict}
 *       values (unknown indicators have unknown ranges). A negative GRDP of a section, employment,
 *       retail, declaration amount or headcount, orders, GMV or refunds is {@code negative_amount};
 *       a negative amendment is {@code invalid_value}.
 *   <li>GRDP sectors must be a section of the configured VSIC or {@code TSP}; employment sectors a
 *       section; anything else is {@code unknown_sector}. Any non-empty ICT indicator name is kept.
 *       A VSIC code must be 4 or 5 digits whose division is in the division list. Size classes are
 *       exactly micro, small, medium, large.
 *   <li>Keys and conflicts are judged among the rows that passed validation (a row quarantined for
 *       its own reason causes no conflict), with key fields as delivered. "Same content" is
 *       equality of the typed row, so {@code 1000} and {@code 1000.0} are the same statistic.
 *   <li>E-commerce: an absent field reads as null. An enterprise record needs a valid {@code
 *       seller_tax_id} (null: {@code invalid_value}; bad check digit: {@code bad_tax_id}); a
 *       household/individual record's {@code seller_tax_id} is not checked. The platform comes from
 *       the field, not the folder. {@code seller_ref} is not checked against the tax id. A JSONL
 *       line must be exactly one JSON object without repeated keys (else {@code malformed_line});
 *       blank lines are skipped.
 *   <li>An enterprise seller is "registered" when its tax id has a valid snapshot (the same test
 *       that quarantines declarations); {@code closed_on} plays no part anywhere.
 *   <li>The latest release is chosen per row (key), not per value: when the latest row of a GRDP
 *       key has its constant price missing, that value is null even if an older release had it.
 *   <li>Quarantine reason codes follow docs/lake-tables.md; only this package's tests read them.
 * </ol>
 *
 * <h3>Computing</h3>
 *
 * <ol>
 *   <li>Periods that overlap (a unit filing 2024-04 and 2024-Q2) both count.
 *   <li>A dependent unit ({@code NNNNNNNNNN-NNN}) is a unit of its own: its own register row,
 *       section, ICT-core status, size class, w and online sales (an enterprise seller matches only
 *       the exact tax id). Only {@code ict_core_enterprises} folds it into its parent.
 *   <li>Household sellers are grouped by {@code seller_ref} as delivered (the pipeline's keyed
 *       pseudonym is one-to-one, so its groups are the same).
 *   <li>"Declared revenue &gt; 0" (ICT-core enterprises, SME denominator) is the account's revenue
 *       in the province-year, not the unit-year's.
 *   <li>The {@code ALL} numerators (digital VA, its components, Σ max(VA,0)) take every account and
 *       household seller of the province-year, also those in a section without a GRDP row; so the
 *       section rows need not add up to {@code ALL} when a section has no GRDP row.
 *   <li>Larger geographies add the numerators of every province in force and the denominators of
 *       the provinces that have a row; a null (missing) value anywhere in a sum makes it null.
 *   <li>Any ratio whose denominator is null or zero is null.
 *   <li>{@code labour_productivity}: a row exists when both a GRDP row and an employment row exist
 *       in the latest releases (their values may be missing, then productivity is null); the {@code
 *       ALL} row when the geography-year has at least one of each. Growth compares with the same
 *       geography and sector in y−1; {@code series_break} is true only on a non-null growth of a
 *       break year y (break between y−1 and y).
 *   <li>{@code digital_economy_share}: "a year for which declarations exist" is a year with at
 *       least one valid, registered declaration anywhere.
 *   <li>{@code digital_indicators} rows: {@code ict_core_enterprises} for every geography-year with
 *       at least one unit account (value may be 0); {@code digital_labour_share_pct} for every
 *       geography-year with an employment row in a year with declarations (denominator: total
 *       employment, the sum of the sections, null if one is missing); {@code
 *       ecommerce_retail_share_pct} for every geography-year with a retail row in a year with at
 *       least one valid e-commerce record; {@code sme_online_pct} where the SME denominator is &gt;
 *       0; {@code statistics/ict} rows as delivered (latest release), in {@code province_2004} up
 *       to 2024 and {@code province_2025} from 2025, never aggregated.
 *   <li>SME size classes default to micro, small, medium (conf {@code
 *       methodology.sme_size_classes}).
 *   <li>An ICT indicator delivered under the name of a computed one (say {@code sme_online_pct})
 *       would give two rows with one key; nothing here prevents it.
 * </ol>
 *
 * <p>Rows are {@code LinkedHashMap}s in the column order of {@link GoldRows#COLUMNS}: text for
 * {@code geo_level}, {@code province_code}, {@code sector}, {@code indicator}; {@code Integer}
 * year; {@code Double} numbers (null when not available); {@code Boolean series_break}.
 */
public final class ReferenceEstimator {
  public static final String PROVINCE_2004 = "province_2004";
  public static final String PROVINCE_2025 = "province_2025";
  public static final String NATIONAL = "national";
  public static final String VN = "VN";
  public static final String ALL = "ALL";
  public static final String TSP = "TSP";
  public static final Set<String> DEFAULT_SME_CLASSES = Set.of("micro", "small", "medium");

  /** A landing-zone row (line 0: a whole file) that does not count, and why. */
  public record Quarantined(String source, String file, int line, String reason, String detail) {}

  /** The three gold tables, rows in key order, and what was quarantined on the way. */
  public record Result(
      List<Map<String, Object>> digitalEconomyShare,
      List<Map<String, Object>> labourProductivity,
      List<Map<String, Object>> digitalIndicators,
      List<Quarantined> quarantine) {

    /** The tables by their gold name. */
    public Map<String, List<Map<String, Object>>> tables() {
      Map<String, List<Map<String, Object>>> m = new LinkedHashMap<>();
      m.put(GoldRows.DIGITAL_ECONOMY_SHARE, digitalEconomyShare);
      m.put(GoldRows.LABOUR_PRODUCTIVITY, labourProductivity);
      m.put(GoldRows.DIGITAL_INDICATORS, digitalIndicators);
      return m;
    }

    /** Writes {@code <dir>/<table>.csv} for each table, in the format of examples/tiny/expected. */
    public void writeCsvs(Path dir) {
      tables()
          .forEach(
              (name, rows) ->
                  GoldRows.writeCsv(dir.resolve(name + ".csv"), GoldRows.COLUMNS.get(name), rows));
    }
  }

  private record Geo(String level, String code) {}

  private record Cell(Geo geo, int year) {}

  private record SectorCell(Geo geo, int year, String sector) {}

  private record UnitYear(String taxId, int year) {}

  private record AccountKey(String taxId, String province, int year) {}

  private record HouseholdKey(String sellerRef, String province, String category, int year) {}

  private record SellerYear(String sellerRef, String province, int year) {}

  /** One unit's declarations in one province-year. */
  private static final class Account {
    long revenue;
    long intermediateCost;
    long headcountMonths;
    long months;

    BigDecimal employees() {
      return divide(BigDecimal.valueOf(headcountMonths), BigDecimal.valueOf(months));
    }
  }

  private static final MathContext PRECISION = MathContext.DECIMAL128;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  // Positions in the numerator arrays of a share cell, in VND.
  private static final int POSITIVE_VA = 0;
  private static final int CORE = 1;
  private static final int DIGITALISED = 2;
  private static final int HOUSEHOLD = 3;

  private final Reference ref;
  private final Landing in;
  private final Set<String> smeClasses;

  private final Map<AccountKey, Account> accounts = new LinkedHashMap<>();
  private final Map<UnitYear, Long> unitRevenue = new HashMap<>();
  private final Map<UnitYear, Long> onlineNet = new HashMap<>();
  private final Map<HouseholdKey, Long> householdNet = new LinkedHashMap<>();
  private final Map<SellerYear, Long> sellerNet = new LinkedHashMap<>();
  private final Set<Integer> declarationYears = new HashSet<>();
  private final Set<Integer> ecommerceYears = new HashSet<>();

  // Aggregates per geography cell.
  private final Map<SectorCell, BigDecimal[]> shareParts = new HashMap<>();
  private final NullableSums<SectorCell> grdpCurrent = new NullableSums<>();
  private final NullableSums<SectorCell> grdpConstant = new NullableSums<>();
  private final NullableSums<SectorCell> employed = new NullableSums<>();
  private final NullableSums<Cell> retail = new NullableSums<>();
  private final Set<Cell> cellsWithAccounts = new HashSet<>();
  private final Map<Cell, Set<String>> ictParents = new HashMap<>();
  private final Map<Cell, BigDecimal> ictEmployees = new HashMap<>();
  private final Map<Cell, Long> smeDeclaring = new HashMap<>();
  private final Map<Cell, Long> smeOnline = new HashMap<>();
  private final Map<Cell, Long> sellerSales = new HashMap<>();

  private ReferenceEstimator(Landing in, Reference ref, Set<String> smeClasses) {
    this.in = in;
    this.ref = ref;
    this.smeClasses = smeClasses;
    buildAccounts();
    readSellers();
    addAccounts();
    addHouseholds();
    addStatistics();
  }

  public static Result estimate(Path landingRoot, Reference ref) {
    return estimate(landingRoot, ref, DEFAULT_SME_CLASSES);
  }

  public static Result estimate(Path landingRoot, Reference ref, Set<String> smeClasses) {
    Landing in = new Landing(landingRoot, ref);
    ReferenceEstimator e = new ReferenceEstimator(in, ref, smeClasses);
    return new Result(e.shares(), e.productivity(), e.indicators(), List.copyOf(in.quarantine));
  }

  // ---- geography ----

  /**
   * The province a record dated {@code start} counts in for year y: the 2004 code up to 2024, the
   * 2025 code from 2025 (January–June 2025 records through the crosswalk).
   */
  private String inForce(String code, LocalDate start, int year) {
    return start.isBefore(Landing.CUTOVER) && year >= Landing.FIRST_2025_YEAR
        ? ref.crosswalk().get(code)
        : code;
  }

  /** The geographies a province in force in year y adds up into. */
  private List<Geo> geos(String province, int year) {
    Geo national = new Geo(NATIONAL, VN);
    if (year < Landing.FIRST_2025_YEAR) {
      return List.of(
          new Geo(PROVINCE_2004, province),
          new Geo(PROVINCE_2025, ref.crosswalk().get(province)),
          national);
    }
    return List.of(new Geo(PROVINCE_2025, province), national);
  }

  // ---- inputs ----

  private void buildAccounts() {
    for (Declaration d : in.declarations) {
      int y = d.year();
      declarationYears.add(y);
      AccountKey k = new AccountKey(d.taxId(), inForce(d.province(), d.start(), y), y);
      Account a = accounts.computeIfAbsent(k, x -> new Account());
      a.revenue = Math.addExact(a.revenue, d.revenue());
      a.intermediateCost = Math.addExact(a.intermediateCost, d.intermediateCost());
      a.headcountMonths =
          Math.addExact(a.headcountMonths, Math.multiplyExact(d.employees(), d.months()));
      a.months += d.months();
      unitRevenue.merge(new UnitYear(d.taxId(), y), d.revenue(), Math::addExact);
    }
  }

  /** Registered enterprise sellers set their unit's w; every other seller is a household. */
  private void readSellers() {
    for (SellerMonth s : in.ecommerce) {
      int y = s.year();
      ecommerceYears.add(y);
      String p = inForce(s.province(), s.start(), y);
      sellerNet.merge(new SellerYear(s.sellerRef(), p, y), s.net(), Math::addExact);
      if (s.sellerType().equals("enterprise") && in.register.containsKey(s.sellerTaxId())) {
        onlineNet.merge(new UnitYear(s.sellerTaxId(), y), s.net(), Math::addExact);
      } else {
        householdNet.merge(
            new HouseholdKey(s.sellerRef(), p, s.category(), y), s.net(), Math::addExact);
      }
    }
  }

  private boolean ictCore(String vsic) {
    return ref.ictCorePrefixes().stream().anyMatch(vsic::startsWith);
  }

  private String section(String vsic) {
    return ref.sectionOfDivision(Integer.parseInt(vsic.substring(0, 2)));
  }

  /** The digital weight of a unit-year (methodology §2). */
  private BigDecimal weight(UnitYear u) {
    if (ictCore(in.register.get(u.taxId()).vsicCode())) {
      return BigDecimal.ONE;
    }
    long revenue = unitRevenue.get(u);
    if (revenue <= 0) {
      return BigDecimal.ZERO;
    }
    long online = Math.max(0, onlineNet.getOrDefault(u, 0L));
    return online >= revenue
        ? BigDecimal.ONE
        : divide(BigDecimal.valueOf(online), BigDecimal.valueOf(revenue));
  }

  /** The numerators of a share cell, all zero at first. */
  private BigDecimal[] parts(SectorCell c) {
    return shareParts.computeIfAbsent(
        c,
        x -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
  }

  private void addAccounts() {
    accounts.forEach(
        (k, a) -> {
          RegisterRow unit = in.register.get(k.taxId());
          boolean core = ictCore(unit.vsicCode());
          UnitYear uy = new UnitYear(k.taxId(), k.year());
          BigDecimal positiveVa =
              BigDecimal.valueOf(Math.max(0, Math.subtractExact(a.revenue, a.intermediateCost)));
          BigDecimal digitalVa = positiveVa.multiply(weight(uy));
          boolean sme = smeClasses.contains(unit.sizeClass());
          for (Geo g : geos(k.province(), k.year())) {
            for (String s : List.of(section(unit.vsicCode()), ALL)) {
              BigDecimal[] p = parts(new SectorCell(g, k.year(), s));
              p[POSITIVE_VA] = p[POSITIVE_VA].add(positiveVa);
              p[core ? CORE : DIGITALISED] = p[core ? CORE : DIGITALISED].add(digitalVa);
            }
            Cell c = new Cell(g, k.year());
            cellsWithAccounts.add(c);
            if (core) {
              ictEmployees.merge(c, a.employees(), BigDecimal::add);
              if (a.revenue > 0) {
                ictParents.computeIfAbsent(c, x -> new HashSet<>()).add(k.taxId().substring(0, 10));
              }
            }
            if (sme && a.revenue > 0) {
              smeDeclaring.merge(c, 1L, Long::sum);
              if (onlineNet.getOrDefault(uy, 0L) > 0) {
                smeOnline.merge(c, 1L, Long::sum);
              }
            }
          }
        });
  }

  private void addHouseholds() {
    householdNet.forEach(
        (k, net) -> {
          Reference.Category cat = ref.categories().get(k.category());
          BigDecimal digitalVa =
              BigDecimal.valueOf(Math.max(0, net)).multiply(BigDecimal.valueOf(cat.vaRatio()));
          for (Geo g : geos(k.province(), k.year())) {
            for (String s : List.of(cat.section(), ALL)) {
              BigDecimal[] p = parts(new SectorCell(g, k.year(), s));
              p[HOUSEHOLD] = p[HOUSEHOLD].add(digitalVa);
            }
          }
        });
    sellerNet.forEach(
        (k, net) -> {
          for (Geo g : geos(k.province(), k.year())) {
            sellerSales.merge(new Cell(g, k.year()), Math.max(0, net), Math::addExact);
          }
        });
  }

  private void addStatistics() {
    for (StatRow r : in.grdp.values()) {
      StatKey k = r.key();
      for (Geo g : geos(k.province(), k.year())) {
        for (String s : List.of(k.item(), ALL)) {
          grdpCurrent.add(new SectorCell(g, k.year(), s), r.values().get(0));
          grdpConstant.add(new SectorCell(g, k.year(), s), r.values().get(1));
        }
      }
    }
    for (StatRow r : in.employment.values()) {
      StatKey k = r.key();
      for (Geo g : geos(k.province(), k.year())) {
        for (String s : List.of(k.item(), ALL)) {
          employed.add(new SectorCell(g, k.year(), s), r.values().get(0));
        }
      }
    }
    for (StatRow r : in.retail.values()) {
      for (Geo g : geos(r.key().province(), r.key().year())) {
        retail.add(new Cell(g, r.key().year()), r.values().get(0));
      }
    }
  }

  // ---- gold tables ----

  private List<Map<String, Object>> shares() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (SectorCell c : grdpCurrent.keys()) {
      if (c.sector().equals(TSP) || !declarationYears.contains(c.year())) {
        continue;
      }
      BigDecimal grdp = grdpCurrent.get(c);
      BigDecimal[] p = parts(c);
      BigDecimal digitalVa = bn(p[CORE].add(p[DIGITALISED]).add(p[HOUSEHOLD]));
      rows.add(
          GoldRows.row(
              GoldRows.SHARE_COLUMNS,
              c.geo().level(),
              c.geo().code(),
              c.year(),
              c.sector(),
              out(grdp),
              out(digitalVa),
              out(bn(p[CORE])),
              out(bn(p[DIGITALISED])),
              out(bn(p[HOUSEHOLD])),
              out(percent(digitalVa, grdp)),
              out(percent(bn(p[POSITIVE_VA]), grdp))));
    }
    GoldRows.sort(rows, GoldRows.KEYS.get(GoldRows.DIGITAL_ECONOMY_SHARE));
    return rows;
  }

  private List<Map<String, Object>> productivity() {
    Set<Integer> breaks = new HashSet<>(ref.seriesBreaks());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (SectorCell c : grdpConstant.keys()) {
      if (!employed.has(c)) {
        continue;
      }
      BigDecimal value = ratio(grdpConstant.get(c), employed.get(c));
      SectorCell before = new SectorCell(c.geo(), c.year() - 1, c.sector());
      BigDecimal growth = null;
      if (value != null && employed.has(before) && grdpConstant.has(before)) {
        BigDecimal previous = ratio(grdpConstant.get(before), employed.get(before));
        // LP(y)/LP(y-1) - 1 from the sums themselves, so that a small growth keeps its digits.
        if (previous != null && previous.signum() != 0) {
          BigDecimal now = grdpConstant.get(c).multiply(employed.get(before));
          BigDecimal then = grdpConstant.get(before).multiply(employed.get(c));
          growth = percent(now.subtract(then), then);
        }
      }
      rows.add(
          GoldRows.row(
              GoldRows.PRODUCTIVITY_COLUMNS,
              c.geo().level(),
              c.geo().code(),
              c.year(),
              c.sector(),
              out(grdpConstant.get(c)),
              out(employed.get(c)),
              out(value),
              out(growth),
              growth != null && breaks.contains(c.year())));
    }
    GoldRows.sort(rows, GoldRows.KEYS.get(GoldRows.LABOUR_PRODUCTIVITY));
    return rows;
  }

  private List<Map<String, Object>> indicators() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Cell c : cellsWithAccounts) {
      rows.add(
          indicator(
              c,
              "ict_core_enterprises",
              BigDecimal.valueOf(ictParents.getOrDefault(c, Set.of()).size())));
    }
    for (SectorCell e : employed.keys()) {
      if (e.sector().equals(ALL) && declarationYears.contains(e.year())) {
        Cell c = new Cell(e.geo(), e.year());
        BigDecimal workers = employed.get(e) == null ? null : employed.get(e).multiply(THOUSAND);
        rows.add(
            indicator(
                c,
                "digital_labour_share_pct",
                percent(ictEmployees.getOrDefault(c, BigDecimal.ZERO), workers)));
      }
    }
    for (Cell c : retail.keys()) {
      if (ecommerceYears.contains(c.year())) {
        rows.add(
            indicator(
                c,
                "ecommerce_retail_share_pct",
                percent(bn(BigDecimal.valueOf(sellerSales.getOrDefault(c, 0L))), retail.get(c))));
      }
    }
    smeDeclaring.forEach(
        (c, declaring) ->
            rows.add(
                indicator(
                    c,
                    "sme_online_pct",
                    percent(
                        BigDecimal.valueOf(smeOnline.getOrDefault(c, 0L)),
                        BigDecimal.valueOf(declaring)))));
    for (StatRow r : in.ict.values()) {
      String level = r.key().year() < Landing.FIRST_2025_YEAR ? PROVINCE_2004 : PROVINCE_2025;
      rows.add(
          indicator(
              new Cell(new Geo(level, r.key().province()), r.key().year()),
              r.key().item(),
              r.values().get(0)));
    }
    GoldRows.sort(rows, GoldRows.KEYS.get(GoldRows.DIGITAL_INDICATORS));
    return rows;
  }

  private static Map<String, Object> indicator(Cell c, String name, BigDecimal value) {
    return GoldRows.row(
        GoldRows.INDICATOR_COLUMNS, c.geo().level(), c.geo().code(), c.year(), name, out(value));
  }

  private static BigDecimal bn(BigDecimal vnd) {
    return vnd.movePointLeft(9);
  }

  private static BigDecimal divide(BigDecimal numerator, BigDecimal denominator) {
    return numerator.divide(denominator, PRECISION);
  }

  /** numerator / denominator, or null when either is missing or the denominator is zero. */
  private static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
    return numerator == null || denominator == null || denominator.signum() == 0
        ? null
        : divide(numerator, denominator);
  }

  private static BigDecimal percent(BigDecimal numerator, BigDecimal denominator) {
    return numerator == null || denominator == null || denominator.signum() == 0
        ? null
        : divide(numerator.multiply(HUNDRED), denominator);
  }

  /** A gold cell: the nearest double, null stays null. */
  private static Double out(BigDecimal v) {
    return v == null ? null : v.doubleValue();
  }

  /** Sums per key where a null (missing) addend makes the sum null; an absent key has no row. */
  private static final class NullableSums<K> {
    private final Map<K, BigDecimal> sums = new LinkedHashMap<>();

    void add(K key, BigDecimal value) {
      if (!sums.containsKey(key)) {
        sums.put(key, value);
      } else {
        BigDecimal old = sums.get(key);
        sums.put(key, old == null || value == null ? null : old.add(value));
      }
    }

    boolean has(K key) {
      return sums.containsKey(key);
    }

    BigDecimal get(K key) {
      return sums.get(key);
    }

    Set<K> keys() {
      return sums.keySet();
    }
  }
}
