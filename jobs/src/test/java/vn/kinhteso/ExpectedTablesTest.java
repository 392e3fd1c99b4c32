package vn.kinhteso;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The helper that compares a table with an expected CSV must not forgive a duplicated row. */
class ExpectedTablesTest {
  @TempDir Path dir;

  @Test
  void aDuplicateKeyFailsOnEitherSide() throws Exception {
    Path csv = Files.writeString(dir.resolve("t.csv"), "year,value\n2024,1.5\n2025,2.0\n");
    Dataset<Row> once =
        SharedSpark.get().sql("SELECT * FROM VALUES (2024, 1.5), (2025, 2.0) AS t(year, value)");
    ExpectedTables.assertMatches(csv, once, List.of("year"), 1e-9);
    Dataset<Row> twice = once.unionAll(once.where("year = 2025"));
    AssertionFailedError e =
        assertThrows(
            AssertionFailedError.class,
            () -> ExpectedTables.assertMatches(csv, twice, List.of("year"), 1e-9));
    assertTrue(e.getMessage().contains("duplicate row 2025 in the table"), e.getMessage());
    Path doubled =
        Files.writeString(dir.resolve("d.csv"), "year,value\n2024,1.5\n2025,2.0\n2025,2.0\n");
    e =
        assertThrows(
            AssertionFailedError.class,
            () -> ExpectedTables.assertMatches(doubled, once, List.of("year"), 1e-9));
    assertTrue(e.getMessage().contains("duplicate row 2025 in the expected file"), e.getMessage());
  }
}
