package vn.kinhteso.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files the benchmark measures are the ones the landing zone would ingest. */
class NightSplitTest {
  @TempDir Path zone;

  @Test
  void hiddenFilesAndFoldersAreNotPartOfTheZone() throws Exception {
    Path grdp = Files.createDirectories(zone.resolve("statistics/grdp"));
    Files.writeString(grdp.resolve("grdp_2024.csv"), "h\n1\n");
    Files.writeString(grdp.resolve(".grdp_2025.csv.crc"), "x\n");
    Files.createDirectories(zone.resolve("_generator"));
    Files.writeString(zone.resolve("_generator/intended_shares.csv"), "h\n1\n");
    // Where earlier benchmarks kept their cache marker; Spark's readers skip it too.
    Files.writeString(zone.resolve(".complete"), "seed 1, scale 100\n");
    Files.createDirectories(zone.resolve("tax/declarations/.tmp"));
    Files.writeString(zone.resolve("tax/declarations/.tmp/part.csv"), "h\n1\n");

    assertEquals(List.of(grdp.resolve("grdp_2024.csv")), NightSplit.files(zone));
  }
}
