package vn.kinhteso;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.kinhteso.config.Csv;

/**
 * Compares a gold table with an expected CSV: the same rows, every number within a relative
 * tolerance.
 */
public final class ExpectedTables {
  private ExpectedTables() {}

  public static void assertMatches(
      Path expectedCsv, Dataset<Row> actual, List<String> keys, double relTol) {
    List<Map<String, String>> expected = Csv.read(expectedCsv);
    List<String> columns = new ArrayList<>(expected.get(0).keySet());
    Map<String, Row> byKey = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (Row r : actual.collectAsList()) {
      String key =
          keys.stream()
              .map(k -> String.valueOf((Object) r.getAs(k)))
              .collect(Collectors.joining("|"));
      // A duplicate key is a wrong table, not a row to collapse.
      if (byKey.put(key, r) != null) {
        problems.add("duplicate row " + key + " in the table");
      }
    }
    TreeSet<String> seen = new TreeSet<>();
    for (Map<String, String> e : expected) {
      String key = keys.stream().map(e::get).collect(Collectors.joining("|"));
      if (!seen.add(key)) {
        problems.add("duplicate row " + key + " in the expected file");
      }
      Row a = byKey.get(key);
      if (a == null) {
        problems.add("missing row " + key);
        continue;
      }
      for (String c : columns) {
        if (keys.contains(c)) {
          continue;
        }
        String want = e.get(c);
        Object got = a.getAs(c);
        if (!same(want, got, relTol)) {
          problems.add(
              key + " " + c + ": expected " + (want.isEmpty() ? "null" : want) + ", got " + got);
        }
      }
    }
    for (String k : byKey.keySet()) {
      if (!seen.contains(k)) {
        problems.add("unexpected row " + k);
      }
    }
    if (!problems.isEmpty()) {
      fail(
          expectedCsv.getFileName()
              + ": "
              + problems.size()
              + " differences\n  "
              + String.join("\n  ", problems));
    }
  }

  static boolean same(String want, Object got, double relTol) {
    if (want == null || want.isEmpty()) {
      return got == null;
    }
    if (got == null) {
      return false;
    }
    if (got instanceof Boolean b) {
      return Boolean.parseBoolean(want) == b;
    }
    if (got instanceof Number n) {
      double w = Double.parseDouble(want);
      double g = n.doubleValue();
      return Math.abs(w - g) <= relTol * Math.max(1e-12, Math.abs(w)) || Math.abs(w - g) < 1e-12;
    }
    return want.equals(String.valueOf(got));
  }
}
