package vn.kinhteso.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a reader of the published table can work out by subtraction, written apart from {@link
 * Suppression}: the additive relations of the share table (a province's ALL = Σ its sections; a
 * section's national total = Σ provinces of either list; a 2025 province before 2025 = Σ the 2004
 * provinces it absorbed), the suppressed cells as unknowns, and a cell counted as recoverable when
 * adding "this cell" to the equations does not raise their rank.
 */
final class Recovery {
  /** cell → [geo, province, year, sector]. */
  record Cell(String geo, String province, int year, String sector) {}

  private Recovery() {}

  static List<List<Cell>> relations(Set<Cell> cells, Map<String, String> crosswalk) {
    Map<String, List<Cell>> groups = new LinkedHashMap<>();
    for (Cell c : cells) {
      if (!c.sector().equals("ALL")) {
        groups
            .computeIfAbsent(
                "row|" + c.geo() + "|" + c.province() + "|" + c.year(),
                k -> new ArrayList<>(List.of(new Cell(c.geo(), c.province(), c.year(), "ALL"))))
            .add(c);
      }
      if (!c.geo().equals("national")) {
        groups
            .computeIfAbsent(
                "col|" + c.geo() + "|" + c.year() + "|" + c.sector(),
                k -> new ArrayList<>(List.of(new Cell("national", "VN", c.year(), c.sector()))))
            .add(c);
      }
      if (c.geo().equals("province_2004")) {
        groups
            .computeIfAbsent(
                "merge|" + crosswalk.get(c.province()) + "|" + c.year() + "|" + c.sector(),
                k ->
                    new ArrayList<>(
                        List.of(
                            new Cell(
                                "province_2025",
                                crosswalk.get(c.province()),
                                c.year(),
                                c.sector()))))
            .add(c);
      }
    }
    List<List<Cell>> out = new ArrayList<>();
    groups.values().stream().filter(g -> cells.contains(g.get(0))).forEach(out::add);
    return out;
  }

  /** The suppressed cells the relations (first cell = total of the others) pin down. */
  static List<Cell> recoverable(
      Set<Cell> cells, Set<Cell> suppressed, Map<String, String> crosswalk) {
    List<Cell> unknowns = new ArrayList<>(suppressed);
    Map<Cell, Integer> idx = new HashMap<>();
    for (int i = 0; i < unknowns.size(); i++) {
      idx.put(unknowns.get(i), i);
    }
    List<double[]> eq = new ArrayList<>();
    for (List<Cell> rel : relations(cells, crosswalk)) {
      double[] row = new double[unknowns.size()];
      boolean any = false;
      for (int j = 0; j < rel.size(); j++) {
        Integer i = idx.get(rel.get(j));
        if (i != null) {
          row[i] += j == 0 ? 1 : -1;
          any = true;
        }
      }
      if (any) {
        eq.add(row);
      }
    }
    int base = rank(eq);
    List<Cell> out = new ArrayList<>();
    for (int i = 0; i < unknowns.size(); i++) {
      List<double[]> plus = new ArrayList<>();
      eq.forEach(r -> plus.add(r.clone()));
      double[] e = new double[unknowns.size()];
      e[i] = 1;
      plus.add(e);
      if (rank(plus) == base) {
        out.add(unknowns.get(i));
      }
    }
    return out;
  }

  static int rank(List<double[]> rows) {
    double[][] a = rows.toArray(new double[0][]);
    int n = a.length == 0 ? 0 : a[0].length;
    int rank = 0;
    for (int c = 0; c < n && rank < a.length; c++) {
      int p = rank;
      for (int r = rank + 1; r < a.length; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
          p = r;
        }
      }
      if (Math.abs(a[p][c]) < 1e-9) {
        continue;
      }
      double[] t = a[p];
      a[p] = a[rank];
      a[rank] = t;
      for (int r = rank + 1; r < a.length; r++) {
        double f = a[r][c] / a[rank][c];
        if (f != 0) {
          for (int j = c; j < n; j++) {
            a[r][j] -= f * a[rank][j];
          }
        }
      }
      rank++;
    }
    return rank;
  }
}
