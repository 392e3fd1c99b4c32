package vn.kinhteso.export;

import java.util.ArrayList;
import java.util.List;

/**
 * A small table held on the driver: column names and rows of plain Java values (null when empty).
 */
public record Table(String name, List<String> columns, List<Object[]> rows) {
  public int index(String column) {
    return columns.indexOf(column);
  }

  public boolean has(String column) {
    return columns.contains(column);
  }

  /** The values of one column, row by row. */
  public List<Object> column(String column) {
    int i = index(column);
    List<Object> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(i < 0 ? null : r[i]));
    return out;
  }
}
