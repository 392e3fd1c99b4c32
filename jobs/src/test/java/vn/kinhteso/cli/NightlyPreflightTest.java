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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A nightly pointed at the wrong folders stops with exit 2 and the path, before writing anything. */
class NightlyPreflightTest {
  @TempDir Path dir;

  record Run(int exit, String err) {}

  Run nightly(String landing, String lake) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = Cli.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "nightly",
          "--config", Path.of(System.getProperty("kinhteso.conf", "../conf"), "local.conf").toString(),
          "--landing", landing, "--lake", lake);
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
    assertTrue(r.err.contains(landing + ": it does not exist") && r.err.contains("--landing"), r.err);
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
}
