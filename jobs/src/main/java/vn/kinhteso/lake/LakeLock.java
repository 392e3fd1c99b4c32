package vn.kinhteso.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import vn.kinhteso.config.PipelineConfig.ConfigException;

/**
 * One writer per lake: the object {@code <lake>/_kinhteso.lock}, created only if absent, names the
 * run that holds it (run id, host, process id, start, expiry). Delta lets two blind appends both
 * commit, so two nightlies on one lake would ingest the same files twice; the second one is refused
 * instead.
 *
 * <p>On a local folder the create is atomic ({@code O_EXCL}). On s3a (Hadoop 3.3) it is a check
 * then a put: two runs started within the same second can both pass it, which a scheduler that
 * starts one nightly at a time never does.
 */
public final class LakeLock implements AutoCloseable {
  public static final String FILE = "_kinhteso.lock";

  private final FileSystem fs;
  private final Path path;
  private final String runId;
  private boolean held = true;

  /** Thrown when another live run holds the lake: bad usage for the caller (exit 2). */
  public static final class LockedException extends ConfigException {
    public LockedException(String message) {
      super(message);
    }
  }

  private LakeLock(FileSystem fs, Path path, String runId) {
    this.fs = fs;
    this.path = path;
    this.runId = runId;
  }

  /**
   * Takes the lake's lock for a run. A lock past its expiry, or left on this host by a process that
   * no longer runs, is stale: it is replaced, with a warning on {@code out}.
   */
  public static LakeLock acquire(
      Configuration hadoop, String lakeRoot, String runId, Duration expiry, PrintStream out) {
    Path path = new Path(lakeRoot, FILE);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      for (int attempt = 0; attempt < 2; attempt++) {
        if (create(fs, path, owner(runId, expiry))) {
          return new LakeLock(fs, path, runId);
        }
        Properties held = read(fs, path);
        if (held == null) {
          continue; // released between our create and our read
        }
        String stale = staleness(held);
        if (stale == null) {
          throw new LockedException(
              "the lake "
                  + lakeRoot
                  + " is in use by "
                  + describe(held)
                  + ". Wait for it"
                  + " to end; if no run is active, clear the lock with: bin/kinhteso unlock --force --lake "
                  + lakeRoot);
        }
        out.println(
            "  warning: replacing the stale lock of run "
                + held.getProperty("run_id")
                + " ("
                + stale
                + ")");
        fs.delete(path, false);
      }
      throw new LockedException("Cannot take the lock " + path + ": another run took it meanwhile");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot take the lake's lock " + path + ": " + e.getMessage(), e);
    }
  }

  /** "run R (host H, process P, since S, lock expires E)": who holds a lock, for messages. */
  public static String describe(Properties held) {
    return "run "
        + held.getProperty("run_id")
        + " (host "
        + held.getProperty("host")
        + ", process "
        + held.getProperty("pid")
        + ", since "
        + held.getProperty("started")
        + ", lock expires "
        + held.getProperty("expires")
        + ")";
  }

  /** What the lake's lock says, or null when the lake is not locked. */
  public static Properties holder(Configuration hadoop, String lakeRoot) {
    Path path = new Path(lakeRoot, FILE);
    try {
      return read(path.getFileSystem(hadoop), path);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the lake's lock " + path + ": " + e.getMessage(), e);
    }
  }

  /** Removes the lock whoever holds it; returns what it said, or null when there was none. */
  public static Properties forceUnlock(Configuration hadoop, String lakeRoot) {
    Path path = new Path(lakeRoot, FILE);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      Properties held = read(fs, path);
      if (held != null) {
        fs.delete(path, false);
      }
      return held;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot remove the lake's lock " + path + ": " + e.getMessage(), e);
    }
  }

  /** Releases the lock if it is still this run's. */
  @Override
  public void close() {
    if (!held) {
      return;
    }
    held = false;
    try {
      Properties now = read(fs, path);
      if (now != null && runId.equals(now.getProperty("run_id"))) {
        fs.delete(path, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot release the lake's lock " + path + ": " + e.getMessage(), e);
    }
  }

  private static String owner(String runId, Duration expiry) {
    Instant now = Instant.now();
    return "run_id="
        + runId
        + "\nhost="
        + host()
        + "\npid="
        + ProcessHandle.current().pid()
        + "\nstarted="
        + now
        + "\nexpires="
        + now.plus(expiry)
        + "\n";
  }

  /** Why a held lock is stale, or null while its owner may still run. */
  private static String staleness(Properties held) {
    try {
      if (Instant.parse(held.getProperty("expires", "")).isBefore(Instant.now())) {
        return "expired at " + held.getProperty("expires");
      }
    } catch (java.time.format.DateTimeParseException e) {
      return "unreadable expiry '" + held.getProperty("expires") + "'";
    }
    if (host().equals(held.getProperty("host"))) {
      try {
        long pid = Long.parseLong(held.getProperty("pid", ""));
        if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
          return "its process " + pid + " on this host has ended";
        }
      } catch (NumberFormatException e) {
        return "unreadable process id";
      }
    }
    return null;
  }

  private static boolean create(FileSystem fs, Path path, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if ("file".equals(fs.getUri().getScheme())) {
      java.nio.file.Path p = java.nio.file.Path.of(fs.makeQualified(path).toUri());
      Files.createDirectories(p.getParent());
      try {
        Files.write(
            p,
            bytes,
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    if (fs.exists(path)) {
      return false;
    }
    try (OutputStream o = fs.create(path, false)) {
      o.write(bytes);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  private static Properties read(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      Properties p = new Properties();
      p.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      return p;
    } catch (java.io.FileNotFoundException e) {
      return null;
    }
  }

  private static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "unknown";
    }
  }
}
