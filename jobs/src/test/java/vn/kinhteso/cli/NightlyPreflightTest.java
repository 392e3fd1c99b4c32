package vn.kinhteso.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nightly pointed at the wrong folders stops with exit 2 and the path, before writing anything.
 */
class NightlyPreflightTest {
  @TempDir Path dir;

  record Run(int exit, String err) {}

  Run nightly(String landing, String lake) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code =
          Cli.run(
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
              "nightly",
              "--config",
              Path.of(System.getProperty("kinhteso.conf", "../conf"), "local.conf").toString(),
              "--landing",
              landing,
              "--lake",
              lake);
      return new Run(code, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(old);
    }
  }

  @Test
  void aMissingLandingZone() {
    Path landing = dir.resolve("no-such-landing");
    Path lake = dir.resolve("lake");
    Run r = nightly(landing.toString(), lake.toString());
    assertEquals(2, r.exit, r.err);
    assertTrue(
        r.err.contains(landing + ": it does not exist") && r.err.contains("--landing"), r.err);
    assertFalse(Files.exists(lake), "nothing written");
  }

  @Test
  void theSampleKeyOnARealLandingZone() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("KINHTESO_PSEUDONYM_KEY") == null);
    Path landing = Files.createDirectories(dir.resolve("landing"));
    Path lake = dir.resolve("lake");
    Run r = nightly(landing.toString(), lake.toString());
    assertEquals(2, r.exit, r.err);
    assertTrue(r.err.contains("KINHTESO_PSEUDONYM_KEY"), r.err);
    assertFalse(Files.exists(lake), "nothing written");
  }

  @Test
  void aLandingZoneThatIsAFile() throws IOException {
    Path landing = Files.writeString(dir.resolve("landing.csv"), "x\n");
    Run r = nightly(landing.toString(), dir.resolve("lake").toString());
    assertEquals(2, r.exit, r.err);
    assertTrue(r.err.contains(landing + ": it is a file"), r.err);
  }

  @Test
  void aLakeThatIsAFile() throws IOException {
    Files.createDirectories(dir.resolve("landing"));
    Path lake = Files.writeString(dir.resolve("lake"), "not a lake\n");
    Run r = nightly(dir.resolve("landing").toString(), lake.toString());
    assertEquals(2, r.exit, r.err);
    assertTrue(r.err.contains("lake " + lake + ": it is a file"), r.err);
    assertEquals("not a lake\n", Files.readString(lake));
  }

  @Test
  void aLakeBelowAFile() throws IOException {
    Files.createDirectories(dir.resolve("landing"));
    Path file = Files.writeString(dir.resolve("plain"), "x\n");
    Run r = nightly(dir.resolve("landing").toString(), file.resolve("lake").toString());
    assertEquals(2, r.exit, r.err);
    assertTrue(r.err.contains(file + " is a file"), r.err);
  }

  /**
   * A table's Delta log as a partial copy or a full disk leaves it: exit 2 naming it, nothing
   * written.
   */
  @Test
  void aDamagedDeltaLog() throws IOException {
    // A synthetic zone: the sample key is accepted, so only the lake can stop the run.
    Files.createDirectories(dir.resolve("landing/_generator"));
    Path lake = dir.resolve("lake");
    Path log = Files.createDirectories(lake.resolve("gold/digital_economy_share/_delta_log"));
    Files.writeString(
        log.resolve(String.format(Locale.ROOT, "%020d.json", 0)),
        "{\"commitInfo\":{\"timestamp\":1}}\n{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}\n");
    Path cut =
        Files.writeString(
            log.resolve(String.format(Locale.ROOT, "%020d.json", 1)),
            "{\"commitInfo\":{\"timestamp\":2}}\n{\"add\":{\"pa");
    Run r = nightly(dir.resolve("landing").toString(), lake.toString());
    assertEquals(2, r.exit, r.err);
    assertTrue(
        r.err.contains("gold.digital_economy_share")
            && r.err.contains(log.toString())
            && r.err.contains("cut off")
            && r.err.contains("Restore"),
        r.err);
    assertFalse(
        Files.exists(lake.resolve(vn.kinhteso.lake.LakeLock.FILE)),
        "nothing written, not even the lock");

    Files.delete(cut);
    Files.writeString(
        log.resolve(String.format(Locale.ROOT, "%020d.json", 2)),
        "{\"commitInfo\":{\"timestamp\":3}}\n");
    r = nightly(dir.resolve("landing").toString(), lake.toString());
    assertEquals(2, r.exit, r.err);
    assertTrue(r.err.contains("commit 1 is missing"), r.err);
    try (java.util.stream.Stream<Path> s = Files.list(lake)) {
      assertEquals(List.of("gold"), s.map(p -> p.getFileName().toString()).toList());
    }
  }
}
