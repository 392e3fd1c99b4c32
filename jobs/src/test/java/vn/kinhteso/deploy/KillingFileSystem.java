package vn.kinhteso.deploy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system, with one trap for a child JVM: once a chosen Delta table's N-th data file
 * of this process is written and closed, the process SIGKILLs itself, so the write's commit never
 * happens. {@code KINHTESO_KILL_AT=<layer>/<table>[#N]} chooses the table; a name ending in '/'
 * (e.g. {@code _staging/}) matches every table under it.
 */
public final class KillingFileSystem extends LocalFileSystem {
  static final String ENV = "KINHTESO_KILL_AT";
  private static final AtomicInteger SEEN = new AtomicInteger();

  @Override
  public FSDataOutputStream create(
      Path f,
      FsPermission permission,
      boolean overwrite,
      int bufferSize,
      short replication,
      long blockSize,
      Progressable progress)
      throws IOException {
    FSDataOutputStream out =
        super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    if (!isTarget(f)) {
      return out;
    }
    return new FSDataOutputStream(out, null) {
      @Override
      public void close() throws IOException {
        super.close();
        killSelf(f);
      }
    };
  }

  private static boolean isTarget(Path f) {
    String at = System.getenv(ENV);
    if (at == null
        || at.isBlank()
        || !f.getName().startsWith("part-")
        || f.toString().contains("/_delta_log/")) {
      return false;
    }
    String table = at.split("#")[0];
    String path = f.toUri().getPath();
    return path.contains("/" + table + (table.endsWith("/") ? "" : "/"));
  }

  private static void killSelf(Path f) {
    String at = System.getenv(ENV);
    int n = at.contains("#") ? Integer.parseInt(at.substring(at.indexOf('#') + 1)) : 1;
    if (SEEN.incrementAndGet() != n) {
      return;
    }
    System.out.println(
        "kinhteso-test: SIGKILL after writing " + f + " (" + at + "), before its commit");
    System.out.flush();
    try {
      new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid()))
          .inheritIO()
          .start();
      // This task never ends, so the driver never commits the write.
      Thread.sleep(Long.MAX_VALUE);
    } catch (IOException | InterruptedException e) {
      Runtime.getRuntime().halt(137);
    }
  }
}
