package vn.kinhteso.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.SharedSpark;

/** {@code sql} shows the delivered lines (raw) only when asked, with a reason. */
class SqlRawColumnsIT {
  static final String CITIZEN_ID = "0012" + "05004321";
  @TempDir static Path lake;

  @BeforeAll
  static void aLakeWithRawLines() {
    SparkSession spark = SharedSpark.get();
    StructType schema =
        new StructType()
            .add("file_path", DataTypes.StringType)
            .add("line_no", DataTypes.LongType)
            .add("raw", DataTypes.StringType);
    spark
        .createDataFrame(
            List.of(
                RowFactory.create(
                    "tax/declarations/2025-01.csv", 2L, CITIZEN_ID + ",2025-01,4771,120")),
            schema)
        .write()
        .format("delta")
        .save(lake.resolve("bronze/lines").toString());
  }

  record Run(int exit, String out, String err) {}

  static Run sql(String... extra) {
    List<String> a = new ArrayList<>(List.of("sql"));
    a.addAll(List.of(extra));
    a.addAll(
        List.of(
            "--config",
            Path.of(System.getProperty("kinhteso.conf", "../conf"), "local.conf").toString(),
            "--lake",
            lake.toString()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code =
          Cli.run(new PrintStream(out, true, StandardCharsets.UTF_8), a.toArray(String[]::new));
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(old);
    }
  }

  @Test
  void rawIsHiddenByDefault() {
    Run all = sql("SELECT * FROM bronze.lines");
    assertEquals(0, all.exit, all.err);
    assertTrue(all.out.contains("2025-01.csv") && !all.out.contains(CITIZEN_ID), all.out);
    Run raw = sql("SELECT raw FROM bronze.lines");
    assertEquals(2, raw.exit, raw.out);
    assertTrue(raw.err.contains("--show-raw") && !raw.err.contains(CITIZEN_ID), raw.err);
  }

  @Test
  void rawIsShownWithAReason() {
    Run r =
        sql(
            "SELECT raw FROM bronze.lines",
            "--show-raw",
            "ticket 42: the tax office asks about line 2");
    assertEquals(0, r.exit, r.err);
    assertTrue(r.out.contains(CITIZEN_ID), r.out);
    assertTrue(r.err.contains("reason: ticket 42"), r.err);
    Run blank = sql("SELECT raw FROM bronze.lines", "--show-raw", " ");
    assertEquals(2, blank.exit);
    // The next query without the flag hides it again (views are replaced on every call).
    assertFalse(sql("SELECT * FROM bronze.lines").out.contains(CITIZEN_ID));
  }
}
