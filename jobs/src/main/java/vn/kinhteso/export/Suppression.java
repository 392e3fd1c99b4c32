package vn.kinhteso.export;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import vn.kinhteso.conform.Codes;

/**
 * Methodology §8 for public outputs: primary suppression of the confidential cells and enough
 * secondary suppression that no suppressed value can be recovered by subtraction.
 *
 * <p>The additive relations a reader can subtract along, per year: a province's {@code ALL} is the
 * sum of its sections (row); a section's national cell is the sum of the provinces of each list
 * (column); before 2025 a 2025 province's cell is the sum of the 2004 provinces it absorbed
 * (crosswalk). Two passes until nothing changes: a relation holding exactly one suppressed cell
 * gets its next-smallest cell suppressed too; then the published relations are solved as a linear
 * system and any suppressed cell they still determine (e.g. a bridge between two suppressed blocks)
 * makes one more cell of its relations suppressed. Every measure of a cell that adds up this way
 * (digital VA, its enterprise components, share × GRDP, coverage × GRDP) is suppressed with the
 * cell, so one pattern protects them all.
 */
public final class Suppression {
  /** Why a published cell has no value. */
  public enum Status {
    PRIMARY,
    SECONDARY
  }

  /** A digital_economy_share cell. */
  public record Key(String geoLevel, String province, int year, String sector)
      implements Comparable<Key> {
    private static final Comparator<Key> ORDER =
        Comparator.comparing(Key::geoLevel)
            .thenComparing(Key::province)
            .thenComparingInt(Key::year)
            .thenComparing(Key::sector);

    @Override
    public int compareTo(Key o) {
      return ORDER.compare(this, o);
    }
  }

  /** A cell, its value (digital VA, for choosing secondary cells) and the gold flag. */
  public record Cell(Key key, double value, boolean confidential) {}

  /** total = Σ parts. */
  public record Relation(Key total, List<Key> parts) {
    List<Key> cells() {
      List<Key> all = new ArrayList<>(parts);
      all.add(total);
      return all;
    }
  }

  public static final String ALL = "ALL";
  // The geography levels of the lake, as conform names them.
  public static final String NATIONAL = Codes.NATIONAL;
  public static final String NATIONAL_CODE = Codes.NATIONAL_CODE;
  public static final String PROVINCE_2004 = Codes.PROVINCE_2004;
  public static final String PROVINCE_2025 = Codes.PROVINCE_2025;
  private static final double EPS = 1e-9;

  private Suppression() {}

  /** The suppressed cells and why; cells not in the map are published. */
  public static Map<Key, Status> of(Collection<Cell> cells, Map<String, String> crosswalk) {
    Map<Key, Cell> byKey = new TreeMap<>();
    cells.forEach(c -> byKey.put(c.key(), c));
    Map<Key, Status> status = new TreeMap<>();
    byKey.values().stream()
        .filter(Cell::confidential)
        .forEach(c -> status.put(c.key(), Status.PRIMARY));
    if (status.isEmpty()) {
      return status;
    }
    Map<Integer, List<Relation>> byYear = new TreeMap<>();
    for (Relation r : relations(byKey.keySet(), crosswalk)) {
      byYear.computeIfAbsent(r.total().year(), y -> new ArrayList<>()).add(r);
    }
    for (List<Relation> rels : byYear.values()) {
      protect(rels, byKey, status);
    }
    return status;
  }

  private static void protect(List<Relation> rels, Map<Key, Cell> cells, Map<Key, Status> status) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Relation r : rels) {
        long n = r.cells().stream().filter(status::containsKey).count();
        if (n == 1) {
          Key pick = smallestOpen(r, cells, status);
          if (pick != null) {
            status.put(pick, Status.SECONDARY);
            changed = true;
          }
        }
      }
      if (changed) {
        continue;
      }
      for (Key d : determined(rels, status.keySet())) {
        for (Relation r : rels) {
          if (r.cells().contains(d)) {
            Key pick = smallestOpen(r, cells, status);
            if (pick != null) {
              status.put(pick, Status.SECONDARY);
              changed = true;
              break;
            }
          }
        }
      }
    }
  }

  /**
   * The relation's smallest published part (a non-zero one first), else its total; null if none is
   * left.
   */
  private static Key smallestOpen(Relation r, Map<Key, Cell> cells, Map<Key, Status> status) {
    Comparator<Key> order =
        Comparator.<Key>comparingInt(k -> cells.get(k).value() > 0 ? 0 : 1)
            .thenComparingDouble(k -> Math.abs(cells.get(k).value()))
            .thenComparing(Comparator.naturalOrder());
    return r.parts().stream()
        .filter(k -> !status.containsKey(k))
        .min(order)
        .orElse(status.containsKey(r.total()) ? null : r.total());
  }

  /** The additive relations among the cells present (totals and parts both published rows). */
  public static List<Relation> relations(Set<Key> present, Map<String, String> crosswalk) {
    Map<Key, List<Key>> rows = new LinkedHashMap<>();
    Map<Key, List<Key>> columns = new LinkedHashMap<>();
    Map<Key, List<Key>> merged = new LinkedHashMap<>();
    for (Key k : new TreeSet<>(present)) {
      if (!k.sector().equals(ALL)) {
        rows.computeIfAbsent(
                new Key(k.geoLevel(), k.province(), k.year(), ALL), t -> new ArrayList<>())
            .add(k);
      }
      if (!k.geoLevel().equals(NATIONAL)) {
        // One relation per province list: the nation sums either list.
        columns
            .computeIfAbsent(
                new Key(NATIONAL + "|" + k.geoLevel(), NATIONAL_CODE, k.year(), k.sector()),
                t -> new ArrayList<>())
            .add(k);
      }
      if (k.geoLevel().equals(PROVINCE_2004) && crosswalk.containsKey(k.province())) {
        merged
            .computeIfAbsent(
                new Key(PROVINCE_2025, crosswalk.get(k.province()), k.year(), k.sector()),
                t -> new ArrayList<>())
            .add(k);
      }
    }
    List<Relation> out = new ArrayList<>();
    rows.forEach((t, parts) -> add(out, present, t, parts));
    columns.forEach(
        (t, parts) ->
            add(out, present, new Key(NATIONAL, NATIONAL_CODE, t.year(), t.sector()), parts));
    merged.forEach((t, parts) -> add(out, present, t, parts));
    return out;
  }

  private static void add(List<Relation> out, Set<Key> present, Key total, List<Key> parts) {
    if (present.contains(total)) {
      out.add(new Relation(total, List.copyOf(parts)));
    }
  }

  /**
   * The suppressed cells whose value the published relations determine: unknowns are the suppressed
   * cells, each relation one equation (its published cells are constants). A cell is determined
   * when every solution gives it the same value: a pivot of the reduced system whose row has no
   * free unknown.
   */
  static List<Key> determined(List<Relation> rels, Set<Key> suppressed) {
    List<Key> unknowns = new ArrayList<>();
    Map<Key, Integer> index = new HashMap<>();
    List<double[]> rows = new ArrayList<>();
    for (Relation r : rels) {
      for (Key k : r.cells()) {
        if (suppressed.contains(k) && !index.containsKey(k)) {
          index.put(k, unknowns.size());
          unknowns.add(k);
        }
      }
    }
    for (Relation r : rels) {
      double[] row = new double[unknowns.size()];
      boolean any = false;
      for (Key p : r.parts()) {
        if (index.containsKey(p)) {
          row[index.get(p)] -= 1;
          any = true;
        }
      }
      if (index.containsKey(r.total())) {
        row[index.get(r.total())] += 1;
        any = true;
      }
      if (any) {
        rows.add(row);
      }
    }
    int m = rows.size();
    int n = unknowns.size();
    double[][] a = rows.toArray(new double[0][]);
    int[] pivotOfRow = new int[m];
    boolean[] isPivot = new boolean[n];
    int rank = 0;
    for (int c = 0; c < n && rank < m; c++) {
      int best = -1;
      for (int r = rank; r < m; r++) {
        if (Math.abs(a[r][c]) > EPS && (best < 0 || Math.abs(a[r][c]) > Math.abs(a[best][c]))) {
          best = r;
        }
      }
      if (best < 0) {
        continue;
      }
      double[] t = a[best];
      a[best] = a[rank];
      a[rank] = t;
      double p = a[rank][c];
      for (int j = 0; j < n; j++) {
        a[rank][j] /= p;
      }
      for (int r = 0; r < m; r++) {
        if (r != rank && Math.abs(a[r][c]) > EPS) {
          double f = a[r][c];
          for (int j = c; j < n; j++) {
            a[r][j] -= f * a[rank][j];
          }
        }
      }
      pivotOfRow[rank] = c;
      isPivot[c] = true;
      rank++;
    }
    List<Key> out = new ArrayList<>();
    for (int r = 0; r < rank; r++) {
      boolean free = false;
      for (int j = 0; j < n && !free; j++) {
        free = !isPivot[j] && Math.abs(a[r][j]) > EPS;
      }
      if (!free) {
        out.add(unknowns.get(pivotOfRow[r]));
      }
    }
    return out;
  }
}
