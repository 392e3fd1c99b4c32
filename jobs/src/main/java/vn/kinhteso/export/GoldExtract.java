package vn.kinhteso.export;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import vn.kinhteso.lake.Lake;
import vn.kinhteso.publish.PublishedGold;

/**
 * The published gold tables of one lake, on the driver, and the views of them that leave the lake:
 * for the public (methodology §8 suppression applied) or for the statistics office's own use
 * ({@code internal}: every value). Gold tables hold thousands of rows, so collecting one to the
 * driver to write a file or a chart is cheap; nothing else of the lake is collected.
 */
public final class GoldExtract {
  public static final String DIGITAL_ECONOMY_SHARE = "digital_economy_share";
  public static final String LABOUR_PRODUCTIVITY = "labour_productivity";
  public static final String DIGITAL_INDICATORS = "digital_indicators";
  public static final String TARGET_SCORECARD = "target_scorecard";
  public static final String NOWCAST = "digital_economy_share_nowcast";

  /** Known tables first, in this order; any other gold table follows by name. */
  public static final List<String> ORDER =
      List.of(
          DIGITAL_ECONOMY_SHARE,
          LABOUR_PRODUCTIVITY,
          DIGITAL_INDICATORS,
          TARGET_SCORECARD,
          "projections");

  /** Columns that order rows, where a table has them. */
  static final List<String> KEYS =
      List.of(
          "geo_level",
          "province_code",
          "year",
          "sector",
          "indicator",
          "target_id",
          "evaluated_geo_level",
          "evaluated_province_code");

  /**
   * The measures of a cell that add up along its relations (or reveal them): suppressed together.
   */
  public static final List<String> SUPPRESSED =
      List.of(
          "digital_va_bn_vnd",
          "core_ict_bn_vnd",
          "digitalised_enterprise_bn_vnd",
          "share_pct",
          "coverage_pct",
          "ci_low_pct",
          "ci_high_pct",
          "top_unit_share_pct");

  /**
   * Internal columns a public table leaves out: the largest unit's share, times DVA, is that unit's
   * value.
   */
  public static final List<String> INTERNAL_ONLY = List.of("confidential", "top_unit_share_pct");

  public static final String SUPPRESSION = "suppression";
  public static final String PRIMARY = "confidential";
  public static final String SECONDARY = "secondary";

  /** A published table and the Delta commit it was read at. */
  public record Published(Table table, long version, String committedAt, String runId) {}

  private final Map<String, Published> tables;
  private final String lakeRoot;

  private GoldExtract(String lakeRoot, Map<String, Published> tables) {
    this.lakeRoot = lakeRoot;
    this.tables = tables;
  }

  /** Reads every gold table of the lake's last complete publish, at the versions it wrote. */
  public static GoldExtract read(Lake lake) {
    PublishedGold gold = PublishedGold.of(lake);
    Map<String, Published> out = new LinkedHashMap<>();
    for (String name : tableNames(gold)) {
      Dataset<Row> d = gold.read(name);
      List<Column> order = new ArrayList<>();
      for (String k : KEYS) {
        if (List.of(d.columns()).contains(k)) {
          order.add(functions.col(k).asc_nulls_first());
        }
      }
      List<String> columns = List.of(d.columns());
      List<Object[]> rows = new ArrayList<>();
      // Small: a gold table is thousands of rows.
      for (Row r :
          (order.isEmpty() ? d : d.orderBy(order.toArray(Column[]::new))).collectAsList()) {
        Object[] v = new Object[columns.size()];
        for (int i = 0; i < v.length; i++) {
          Object x = r.get(i);
          v[i] =
              x instanceof java.math.BigDecimal b
                  ? (Object) b.doubleValue()
                  : x instanceof java.util.Date ? x.toString() : x;
        }
        rows.add(v);
      }
      long version = gold.version(name);
      Row h =
          DeltaTable.forPath(lake.spark(), lake.path(Lake.GOLD, name))
              .history()
              .where(functions.col("version").equalTo(version))
              .select("timestamp", "userMetadata")
              .head();
      String runId = h.isNullAt(1) ? gold.runId().orElse(null) : h.getString(1);
      if (columns.contains("run_id") && !rows.isEmpty()) {
        runId = (String) rows.get(0)[columns.indexOf("run_id")];
      }
      out.put(
          name, new Published(new Table(name, columns, rows), version, h.get(0).toString(), runId));
    }
    return new GoldExtract(lake.root(), out);
  }

  static List<String> tableNames(PublishedGold gold) {
    Set<String> found = new TreeSet<>(gold.tables());
    List<String> names = new ArrayList<>();
    ORDER.stream().filter(found::contains).forEach(names::add);
    found.stream().filter(n -> !ORDER.contains(n)).forEach(names::add);
    return names;
  }

  public String lakeRoot() {
    return lakeRoot;
  }

  public boolean isEmpty() {
    return tables.isEmpty();
  }

  public Map<String, Published> published() {
    return tables;
  }

  /** The run that published the tables (the share table's, else the first one's). */
  public String runId() {
    Published p =
        tables.getOrDefault(
            DIGITAL_ECONOMY_SHARE, tables.values().stream().findFirst().orElse(null));
    return p == null ? null : p.runId();
  }

  /** The GRDP releases the shares were computed from. */
  public List<String> grdpReleases() {
    Set<String> out = new TreeSet<>();
    Published p = tables.get(DIGITAL_ECONOMY_SHARE);
    if (p != null && p.table().has("grdp_release")) {
      for (Object o : p.table().column("grdp_release")) {
        if (o != null) {
          for (String s : o.toString().split(";")) {
            if (!s.isBlank()) {
              out.add(s);
            }
          }
        }
      }
    }
    return new ArrayList<>(out);
  }

  /** The latest GRDP release the shares use: the one that names the figures. */
  public String latestRelease() {
    List<String> r = grdpReleases();
    return r.isEmpty() ? null : r.get(r.size() - 1);
  }

  /**
   * The tables as they leave the lake, with province and sector names beside the codes and a {@code
   * suppression} column on the share table. Public: suppressed cells have no value and the
   * internal-only columns are left out; internal: every value, the column says what the public
   * sees.
   */
  public List<Table> view(Labels labels, boolean internal) {
    List<Table> out = new ArrayList<>();
    java.util.Set<String> hidden = new java.util.HashSet<>();
    for (Published p : tables.values()) {
      Table t = p.table();
      if (t.name().equals(DIGITAL_ECONOMY_SHARE)) {
        t = suppress(t, labels, internal);
        for (Object[] r : t.rows()) {
          if (r[t.index(SUPPRESSION)] != null) {
            hidden.add(
                cell(r[t.index("geo_level")], r[t.index("province_code")], r[t.index("year")])
                    + r[t.index("sector")]);
          }
        }
      }
      out.add(t);
    }
    List<Table> named = new ArrayList<>();
    for (Table t : out) {
      if (!internal && t.name().equals(NOWCAST)) {
        continue; // its cells carry no confidentiality flag yet: for the statistics office only
      }
      if (!internal && t.name().equals(TARGET_SCORECARD)) {
        t = hideShares(t, hidden, "evaluated_geo_level", "evaluated_province_code", "latest_year");
      } else if (!internal && t.name().equals("projections")) {
        t = hideShares(t, hidden, "geo_level", "province_code", "last_year");
      }
      named.add(named(t, labels));
    }
    return named;
  }

  private static String cell(Object geo, Object province, Object year) {
    return geo + "|" + province + "|" + year + "|";
  }

  /**
   * A target's or projection's value read from a suppressed share cell would publish it again: the
   * share of ALL, or any section for the smallest sector share, of that geography and year.
   */
  private static Table hideShares(
      Table t, java.util.Set<String> hidden, String geo, String province, String year) {
    if (!t.has("indicator") || !t.has(geo) || !t.has(province) || !t.has(year)) {
      return t;
    }
    List<String> cols = new ArrayList<>(t.columns());
    if (!cols.contains(SUPPRESSION)) {
      cols.add(SUPPRESSION);
    }
    List<Object[]> rows = new ArrayList<>();
    for (Object[] r : t.rows()) {
      String c = cell(r[t.index(geo)], r[t.index(province)], r[t.index(year)]);
      Object indicator = r[t.index("indicator")];
      boolean hide =
          "digital_economy_share_pct".equals(indicator)
              ? hidden.contains(c + "ALL")
              : "min_sector_share_pct".equals(indicator)
                  && hidden.stream().anyMatch(h -> h.startsWith(c));
      Object[] v = new Object[cols.size()];
      for (int i = 0; i < cols.size(); i++) {
        String name = cols.get(i);
        if (name.equals(SUPPRESSION)) {
          v[i] = hide ? PRIMARY : t.has(SUPPRESSION) ? r[t.index(SUPPRESSION)] : null;
        } else {
          boolean measure =
              !name.equals("target_value")
                  && (name.endsWith("_value") || name.endsWith("_low") || name.endsWith("_high"));
          v[i] = hide && measure ? null : r[t.index(name)];
        }
      }
      rows.add(v);
    }
    return new Table(t.name(), cols, rows);
  }

  public Table view(String table, Labels labels, boolean internal) {
    return view(labels, internal).stream()
        .filter(t -> t.name().equals(table))
        .findFirst()
        .orElse(null);
  }

  /** The §8 pattern of the share table. */
  public static Map<Suppression.Key, Suppression.Status> suppression(Table share, Labels labels) {
    if (!share.has("confidential")) {
      throw new IllegalStateException(
          "Cannot suppress confidential cells: gold."
              + share.name()
              + " has no column 'confidential' (published before the confidentiality rule; run the nightly again)");
    }
    List<Suppression.Cell> cells = new ArrayList<>();
    for (Object[] r : share.rows()) {
      Object dva = r[share.index("digital_va_bn_vnd")];
      cells.add(
          new Suppression.Cell(
              key(share, r),
              dva == null ? 0 : ((Number) dva).doubleValue(),
              Boolean.TRUE.equals(r[share.index("confidential")])));
    }
    return Suppression.of(cells, labels.reference().crosswalk());
  }

  static Suppression.Key key(Table t, Object[] r) {
    return new Suppression.Key(
        (String) r[t.index("geo_level")],
        (String) r[t.index("province_code")],
        ((Number) r[t.index("year")]).intValue(),
        (String) r[t.index("sector")]);
  }

  private static Table suppress(Table share, Labels labels, boolean internal) {
    Map<Suppression.Key, Suppression.Status> status = suppression(share, labels);
    List<String> cols = new ArrayList<>();
    for (String c : share.columns()) {
      if (internal || !INTERNAL_ONLY.contains(c)) {
        cols.add(c);
      }
    }
    int at = cols.contains("run_id") ? cols.indexOf("run_id") : cols.size();
    cols.add(at, SUPPRESSION);
    List<Object[]> rows = new ArrayList<>();
    for (Object[] r : share.rows()) {
      Suppression.Status s = status.get(key(share, r));
      Object[] v = new Object[cols.size()];
      for (int i = 0; i < cols.size(); i++) {
        String c = cols.get(i);
        if (c.equals(SUPPRESSION)) {
          v[i] = s == null ? null : s == Suppression.Status.PRIMARY ? PRIMARY : SECONDARY;
        } else {
          v[i] = !internal && s != null && SUPPRESSED.contains(c) ? null : r[share.index(c)];
        }
      }
      rows.add(v);
    }
    return new Table(share.name(), cols, rows);
  }

  /** province_name after province_code and sector_name after sector, in Vietnamese. */
  private static Table named(Table t, Labels labels) {
    List<String> cols = new ArrayList<>();
    for (String c : t.columns()) {
      cols.add(c);
      if (c.equals("province_code")) {
        cols.add("province_name");
      }
      if (c.equals("sector")) {
        cols.add("sector_name");
      }
    }
    if (cols.size() == t.columns().size()) {
      return t;
    }
    int geo = t.index("geo_level");
    List<Object[]> rows = new ArrayList<>();
    for (Object[] r : t.rows()) {
      Object[] v = new Object[cols.size()];
      int j = 0;
      for (int i = 0; i < r.length; i++) {
        v[j++] = r[i];
        String c = t.columns().get(i);
        if (c.equals("province_code")) {
          v[j++] = labels.province(geo < 0 ? null : (String) r[geo], (String) r[i]);
        } else if (c.equals("sector")) {
          v[j++] = labels.sectorVi((String) r[i]);
        }
      }
      rows.add(v);
    }
    return new Table(t.name(), cols, rows);
  }
}
