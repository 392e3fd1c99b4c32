package vn.kinhteso.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;

/** The oracle on examples/tiny: every row and every number of expected/. */
class ReferenceEstimatorTinyTest {
  static final Path TINY =
      Path.of(System.getProperty("kinhteso.shared", "../../shared")).resolve("examples/tiny");

  static Reference ref;
  static ReferenceEstimator.Result result;

  static Reference reference() {
    Path conf = Path.of(System.getProperty("kinhteso.conf", "../conf"));
    return Reference.load(PipelineConfig.load(conf.resolve("local.conf"), Map.of()));
  }

  @BeforeAll
  static void run() {
    ref = reference();
    result = ReferenceEstimator.estimate(TINY.resolve("landing"), ref);
  }

  private static void assertSameTable(String table) {
    List<Map<String, Object>> expected =
        GoldRows.readCsv(TINY.resolve("expected/" + table + ".csv"));
    GoldRows.TableDiff diff =
        GoldRows.compare(
            table, expected, result.tables().get(table), GoldRows.KEYS.get(table), 1e-9);
    assertTrue(diff.isEmpty(), diff.describe(50));
    assertEquals(GoldRows.COLUMNS.get(table), List.copyOf(expected.get(0).keySet()));
  }

  @Test
  void digitalEconomyShareMatchesEveryExpectedNumber() {
    assertSameTable(GoldRows.DIGITAL_ECONOMY_SHARE);
  }

  @Test
  void labourProductivityMatchesEveryExpectedNumber() {
    assertSameTable(GoldRows.LABOUR_PRODUCTIVITY);
  }

  @Test
  void digitalIndicatorsMatchEveryExpectedNumber() {
    assertSameTable(GoldRows.DIGITAL_INDICATORS);
  }

  @Test
  void theCopiedFileAndTheSupersededRowsAreAccountedFor() {
    assertEquals(
        1, result.quarantine().stream().filter(q -> q.reason().equals("duplicate_file")).count());
    assertEquals(
        List.of(),
        result.quarantine().stream().filter(q -> !q.reason().equals("duplicate_file")).toList());
  }

  @Test
  void writtenCsvsReadBackTheSame(@TempDir Path dir) {
    result.writeCsvs(dir);
    for (String table : result.tables().keySet()) {
      GoldRows.TableDiff diff =
          GoldRows.compare(
              table,
              GoldRows.readCsv(dir.resolve(table + ".csv")),
              result.tables().get(table),
              GoldRows.KEYS.get(table),
              0);
      assertTrue(diff.isEmpty(), diff.describe(20));
    }
  }
}
