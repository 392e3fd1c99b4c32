package vn.kinhteso.oracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The three gold tables as plain rows ({@code Map<String,Object>} keyed by column name, in column
 * order; null is "not available"), written and read as the CSVs of examples/tiny/expected, and
 * compared by key with a tolerance.
 */
public final class GoldRows {
  public static final String DIGITAL_ECONOMY_SHARE = "digital_economy_share";
  public static final String LABOUR_PRODUCTIVITY = "labour_productivity";
  public static final String DIGITAL_INDICATORS = "digital_indicators";

  public static final List<String> SHARE_COLUMNS =
      List.of(
          "geo_level",
          "province_code",
          "year",
          "sector",
          "grdp_current_bn_vnd",
          "digital_va_bn_vnd",
          "core_ict_bn_vnd",
          "digitalised_enterprise_bn_vnd",
          "household_online_bn_vnd",
          "share_pct",
          "coverage_pct");
  public static final List<String> PRODUCTIVITY_COLUMNS =
      List.of(
          "geo_level",
          "province_code",
          "year",
          "sector",
          "grdp_constant_2010_bn_vnd",
          "employed_thousands",
          "productivity_mn_vnd",
          "growth_pct",
          "series_break");
  public static final List<String> INDICATOR_COLUMNS =
      List.of("geo_level", "province_code", "year", "indicator", "value");

  /** Columns of each table, in file order. */
  public static final Map<String, List<String>> COLUMNS =
      Map.of(
          DIGITAL_ECONOMY_SHARE, SHARE_COLUMNS,
          LABOUR_PRODUCTIVITY, PRODUCTIVITY_COLUMNS,
          DIGITAL_INDICATORS, INDICATOR_COLUMNS);

  /** The columns that identify a row of each table. */
  public static final Map<String, List<String>> KEYS =
      Map.of(
          DIGITAL_ECONOMY_SHARE, SHARE_COLUMNS.subList(0, 4),
          LABOUR_PRODUCTIVITY, PRODUCTIVITY_COLUMNS.subList(0, 4),
          DIGITAL_INDICATORS, INDICATOR_COLUMNS.subList(0, 4));

  private static final Pattern NUMBER =
      Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

  private GoldRows() {}

  /** A row with the given values in column order. */
  static Map<String, Object> row(List<String> columns, Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(values.length + " values for " + columns);
    }
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      row.put(columns.get(i), values[i]);
    }
    return row;
  }

  /** Sorts rows by their key columns (numbers as numbers, text as text). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static void sort(List<Map<String, Object>> rows, List<String> keyColumns) {
    Comparator<Map<String, Object>> c = (a, b) -> 0;
    for (String k : keyColumns) {
      c =
          c.thenComparing(
              r -> (Comparable) r.get(k), Comparator.nullsFirst(Comparator.naturalOrder()));
    }
    rows.sort(c);
  }

  /** Writes rows as the expected/ CSVs are written: header, null as an empty cell. */
  public static void writeCsv(
      Path file, List<String> columns, List<? extends Map<String, ?>> rows) {
    StringBuilder out = new StringBuilder(String.join(",", columns)).append('\n');
    for (Map<String, ?> r : rows) {
      for (int i = 0; i < columns.size(); i++) {
        out.append(i == 0 ? "" : ",").append(cell(r.get(columns.get(i))));
      }
      out.append('\n');
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String cell(Object v) {
    if (v == null) {
      return "";
    }
    String s = v.toString();
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }

  /** Reads a CSV written like expected/: every cell a string, an empty cell null. */
  public static List<Map<String, Object>> readCsv(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    if (lines.isEmpty()) {
      return rows;
    }
    List<String> header =
        Landing.parseCsvLine(lines.get(0).replace("\uFEFF", "").replace("\r", ""));
    for (String line : lines.subList(1, lines.size())) {
      line = line.replace("\r", "");
      if (line.isEmpty()) {
        continue;
      }
      List<String> f = Landing.parseCsvLine(line);
      if (f == null || f.size() != header.size()) {
        throw new IllegalArgumentException("Cannot read " + file + ": bad line " + line);
      }
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), f.get(i).isEmpty() ? null : f.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  /** One cell that differs between the two tables. */
  public record CellDiff(String key, String column, Object expected, Object actual) {
    @Override
    public String toString() {
      return key + " " + column + ": expected " + expected + ", got " + actual;
    }
  }

  /** What differs between two versions of a table; empty when they agree. */
  public record TableDiff(
      String table,
      int expectedRows,
      int actualRows,
      List<String> missing,
      List<String> extra,
      List<String> duplicateKeys,
      List<CellDiff> cells) {
    public boolean isEmpty() {
      return missing.isEmpty() && extra.isEmpty() && duplicateKeys.isEmpty() && cells.isEmpty();
    }

    /** A report for an assertion message, at most {@code max} lines per kind. */
    public String describe(int max) {
      StringBuilder s =
          new StringBuilder(
              table
                  + ": "
                  + expectedRows
                  + " rows expected, "
                  + actualRows
                  + " actual; "
                  + missing.size()
                  + " missing, "
                  + extra.size()
                  + " extra, "
                  + duplicateKeys.size()
                  + " duplicate keys, "
                  + cells.size()
                  + " differing cells");
      append(s, "missing", missing, max);
      append(s, "extra", extra, max);
      append(s, "duplicate key", duplicateKeys, max);
      append(s, "differs", cells, max);
      return s.toString();
    }

    private static void append(StringBuilder s, String what, List<?> items, int max) {
      for (Object o : items.subList(0, Math.min(max, items.size()))) {
        s.append("\n  ").append(what).append(": ").append(o);
      }
      if (items.size() > max) {
        s.append("\n  … ").append(items.size() - max).append(" more ").append(what);
      }
    }

    @Override
    public String toString() {
      return describe(20);
    }
  }

  /** {@link #compare(String, List, List, List, double, double)} without an absolute floor. */
  public static TableDiff compare(
      String table,
      List<? extends Map<String, ?>> expected,
      List<? extends Map<String, ?>> actual,
      List<String> keyColumns,
      double relTol) {
    return compare(table, expected, actual, keyColumns, relTol, 0);
  }

  /**
   * Compares two tables row by row through their key columns. Only the columns of the expected rows
   * are compared (the actual table may have more). Numbers, also when written as text, agree when
   * {@code |e - a| <= max(absTol, relTol * max(|e|, |a|))}; null and an empty string are the same;
   * anything else compares as text.
   */
  public static TableDiff compare(
      String table,
      List<? extends Map<String, ?>> expected,
      List<? extends Map<String, ?>> actual,
      List<String> keyColumns,
      double relTol,
      double absTol) {
    List<String> duplicates = new ArrayList<>();
    Map<String, Map<String, ?>> exp = byKey(expected, keyColumns, "expected", duplicates);
    Map<String, Map<String, ?>> act = byKey(actual, keyColumns, "actual", duplicates);
    List<String> missing = new ArrayList<>();
    List<CellDiff> cells = new ArrayList<>();
    for (Map.Entry<String, Map<String, ?>> e : exp.entrySet()) {
      Map<String, ?> a = act.get(e.getKey());
      if (a == null) {
        missing.add(e.getKey());
        continue;
      }
      for (Map.Entry<String, ?> c : e.getValue().entrySet()) {
        if (keyColumns.contains(c.getKey())) {
          continue;
        }
        if (!a.containsKey(c.getKey())) {
          cells.add(new CellDiff(e.getKey(), c.getKey(), c.getValue(), "<no such column>"));
        } else if (!same(c.getValue(), a.get(c.getKey()), relTol, absTol)) {
          cells.add(new CellDiff(e.getKey(), c.getKey(), c.getValue(), a.get(c.getKey())));
        }
      }
    }
    List<String> extra = new ArrayList<>();
    for (String k : act.keySet()) {
      if (!exp.containsKey(k)) {
        extra.add(k);
      }
    }
    return new TableDiff(table, expected.size(), actual.size(), missing, extra, duplicates, cells);
  }

  private static Map<String, Map<String, ?>> byKey(
      List<? extends Map<String, ?>> rows,
      List<String> keyColumns,
      String side,
      List<String> duplicates) {
    Map<String, Map<String, ?>> out = new LinkedHashMap<>();
    Set<String> reported = new LinkedHashSet<>();
    for (Map<String, ?> r : rows) {
      StringBuilder k = new StringBuilder();
      for (String c : keyColumns) {
        k.append(k.length() == 0 ? "" : ", ").append(c).append('=').append(keyText(r.get(c)));
      }
      String key = k.toString();
      if (out.putIfAbsent(key, r) != null && reported.add(key)) {
        duplicates.add(side + ": " + key);
      }
    }
    return out;
  }

  /** A key value as text: 2024, 2024L and "2024" are the same key; "01" stays "01". */
  private static String keyText(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Number n
        && n.doubleValue() == Math.rint(n.doubleValue())
        && !Double.isInfinite(n.doubleValue())) {
      return Long.toString(n.longValue());
    }
    return v.toString();
  }

  static boolean same(Object e, Object a, double relTol, double absTol) {
    e = "".equals(e) ? null : e;
    a = "".equals(a) ? null : a;
    if (e == null || a == null) {
      return e == null && a == null;
    }
    Double de = number(e);
    Double da = number(a);
    if (de != null && da != null) {
      if (de.isNaN() || da.isNaN()) {
        return de.isNaN() && da.isNaN();
      }
      double diff = Math.abs(de - da);
      return de.equals(da)
          || diff <= absTol
          || diff <= relTol * Math.max(Math.abs(de), Math.abs(da));
    }
    return e.toString().equals(a.toString());
  }

  private static Double number(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s && NUMBER.matcher(s).matches()) {
      return Double.parseDouble(s);
    }
    return null;
  }
}
