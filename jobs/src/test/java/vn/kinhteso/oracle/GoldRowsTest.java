package vn.kinhteso.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoldRowsTest {
  static final List<String> KEY = GoldRows.KEYS.get(GoldRows.DIGITAL_INDICATORS);

  private static Map<String, Object> indicator(Object year, String name, Object value) {
    Map<String, Object> r = new HashMap<>();
    r.put("geo_level", "province_2004");
    r.put("province_code", "01");
    r.put("year", year);
    r.put("indicator", name);
    r.put("value", value);
    return r;
  }

  @Test
  void rowsAgreeAcrossTypesWithinTheTolerance() {
    List<Map<String, Object>> expected =
        List.of(
            indicator("2024", "a", "12.5"),
            indicator("2024", "b", null),
            indicator("2024", "c", "1.0"));
    List<Map<String, Object>> actual =
        new ArrayList<>(
            List.of(
                indicator(2024L, "a", 12.5 * (1 + 1e-12)),
                indicator(2024, "b", ""),
                indicator(2024, "c", 1)));
    actual.get(0).put("quality_flags", "extra columns are not compared");
    assertTrue(GoldRows.compare("t", expected, actual, KEY, 1e-9).isEmpty());
  }

  @Test
  void missingExtraDuplicateAndDifferingRowsAreReported() {
    List<Map<String, Object>> expected =
        List.of(indicator(2024, "a", 1.0), indicator(2024, "b", 2.0), indicator(2024, "c", null));
    List<Map<String, Object>> actual =
        List.of(
            indicator(2024, "a", 1.001),
            indicator(2024, "c", 0.0),
            indicator(2024, "d", 4.0),
            indicator(2024, "d", 4.0));
    GoldRows.TableDiff d = GoldRows.compare("t", expected, actual, KEY, 1e-9);
    assertFalse(d.isEmpty());
    assertEquals(1, d.missing().size());
    assertEquals(1, d.extra().size());
    assertEquals(1, d.duplicateKeys().size());
    assertEquals(2, d.cells().size(), d.describe(10));
    assertTrue(
        GoldRows.compare(
                "t",
                List.of(indicator(2024, "a", 1e-12)),
                List.of(indicator(2024, "a", 0.0)),
                KEY,
                1e-9,
                1e-9)
            .isEmpty(),
        "absolute floor");
  }

  @Test
  void csvLinesFollowRfc4180OnOneLine() {
    assertEquals(List.of("a", "b, \"c\"", ""), Landing.parseCsvLine("a,\"b, \"\"c\"\"\","));
    assertEquals(List.of("", ""), Landing.parseCsvLine(","));
    assertNull(Landing.parseCsvLine("a,\"b"));
    assertNull(Landing.parseCsvLine("a,b\"c"));
    assertNull(Landing.parseCsvLine("a,\"b\"c"));
  }

  @Test
  void taxIdsFollowTheCheckDigitRule() {
    for (String ok :
        List.of(
            "0100233488",
            "0314409058",
            "0100112437",
            "0312687878",
            "0100109106",
            "0100233488-001")) {
      assertTrue(Landing.validTaxId(ok), ok);
    }
    for (String bad :
        List.of(
            "0100233489",
            "0100233488-000",
            "010023348",
            "0100233488001",
            "0100000003",
            "01002334880")) {
      assertFalse(Landing.validTaxId(bad), bad);
    }
  }
}
