package vn.kinhteso.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per lake: a held lock refuses a second run by name; a dead run's lock is replaced. */
class LakeLockTest {
  @TempDir Path lake;
  final Configuration hadoop = new Configuration();
  final ByteArrayOutputStream buf = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);

  LakeLock take(String runId) {
    return LakeLock.acquire(hadoop, lake.toString(), runId, Duration.ofHours(1), out);
  }

  void plant(String runId, long pid, Instant expires) throws Exception {
    Files.writeString(
        lake.resolve(LakeLock.FILE),
        "run_id="
            + runId
            + "\nhost="
            + java.net.InetAddress.getLocalHost().getHostName()
            + "\npid="
            + pid
            + "\nstarted="
            + Instant.now()
            + "\nexpires="
            + expires
            + "\n");
  }

  @Test
  void aSecondRunIsRefusedWithTheHoldersNameUntilTheFirstEnds() {
    try (LakeLock first = take("run-A")) {
      LakeLock.LockedException e =
          assertThrows(LakeLock.LockedException.class, () -> take("run-B"));
      assertTrue(
          e.getMessage().contains("run-A")
              && e.getMessage().contains("bin/kinhteso unlock --force"),
          e.getMessage());
      assertEquals("run-A", LakeLock.holder(hadoop, lake.toString()).getProperty("run_id"));
    }
    assertNull(LakeLock.holder(hadoop, lake.toString()), "released at the end of the run");
    take("run-B").close();
  }

  @Test
  void aLockLeftByAProcessThatEndedIsReplacedWithAWarning() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    plant("run-dead", p.pid(), Instant.now().plusSeconds(3600));
    try (LakeLock l = take("run-C")) {
      assertEquals("run-C", LakeLock.holder(hadoop, lake.toString()).getProperty("run_id"));
    }
    assertTrue(
        buf.toString(StandardCharsets.UTF_8).contains("stale lock of run run-dead"),
        buf.toString());
  }

  @Test
  void anExpiredLockIsReplacedAndALiveOneOnlyByForce() throws Exception {
    long live = ProcessHandle.current().pid();
    plant("run-old", live, Instant.now().minusSeconds(60));
    take("run-D").close();
    assertTrue(buf.toString(StandardCharsets.UTF_8).contains("expired"), buf.toString());
    plant("run-live", live, Instant.now().plusSeconds(3600));
    assertThrows(LakeLock.LockedException.class, () -> take("run-E"));
    assertEquals("run-live", LakeLock.forceUnlock(hadoop, lake.toString()).getProperty("run_id"));
    assertNull(LakeLock.forceUnlock(hadoop, lake.toString()));
    take("run-E").close();
  }

  @Test
  void aRunReleasesOnlyItsOwnLock() throws Exception {
    LakeLock mine = take("run-F");
    LakeLock.forceUnlock(hadoop, lake.toString());
    plant("run-G", ProcessHandle.current().pid(), Instant.now().plusSeconds(3600));
    mine.close();
    assertEquals("run-G", LakeLock.holder(hadoop, lake.toString()).getProperty("run_id"));
  }
}
