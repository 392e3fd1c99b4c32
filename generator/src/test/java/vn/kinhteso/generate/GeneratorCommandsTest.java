package vn.kinhteso.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.cli.CommandRun;

/** generate and bench reach bin/kinhteso through the pipeline's command line (no Spark). */
class GeneratorCommandsTest {
  @TempDir Path dir;

  static CommandRun run(String... argv) {
    return CommandRun.of(argv);
  }

  static String conf() {
    return SharedSpark.confDir().resolve("local.conf").toString();
  }

  @Test
  void theCommandsArePluggedInWithTheirHelp() {
    CommandRun top = run("--help");
    assertTrue(top.out().contains("  generate ") && top.out().contains("  bench "), top.out());
    assertFalse(top.out().contains("bench-floor"), "the floor run is hidden");
    assertTrue(
        run("bench", "--help").out().contains("Default: sample,18,100,300"), "defaults shown");
    assertTrue(run("generate", "--help").out().contains("--dirty"));
  }

  @Test
  void generateWritesAZoneAndPrintsWhatItWrote() throws Exception {
    Path zone = dir.resolve("zone");
    CommandRun r = run("generate", "--config", conf(), "--out", zone.toString(), "--scale", "0.01");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Generated " + zone), r.out());
    assertTrue(r.out().contains("total"), r.out());
    try (var files = Files.walk(zone)) {
      assertTrue(files.anyMatch(p -> p.toString().endsWith(".csv")), "CSV files written");
    }
  }

  @Test
  void badOptionsAndKeysExitTwo() throws Exception {
    assertEquals(
        2,
        run("generate", "--config", conf(), "--out", dir.resolve("z").toString(), "--scale", "0")
            .code());
    CommandRun key =
        run(
            "generate",
            "--config",
            conf(),
            "--out",
            dir.resolve("z").toString(),
            "--conf",
            "methodology.bootstrap.replicate=5");
    assertEquals(2, key.code(), "a misspelt key is bad configuration");
    assertTrue(key.err().startsWith("kinhteso: "), key.err());
    assertEquals(2, run("bench", "--config", conf(), "--scale", "huge").code());
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    CommandRun beneathAFile =
        run(
            "generate",
            "--config",
            conf(),
            "--out",
            file.resolve("zone").toString(),
            "--scale",
            "0.01");
    assertEquals(1, beneathAFile.code(), beneathAFile.err());
    assertTrue(beneathAFile.err().contains("kinhteso: unexpected failure: "), beneathAFile.err());
  }
}
