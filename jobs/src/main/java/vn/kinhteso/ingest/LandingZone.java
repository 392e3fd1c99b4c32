package vn.kinhteso.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Lists the landing zone through Hadoop's FileSystem, so a local folder and s3a read the same
 * way. Names carry no meaning; files starting with '.' or '_' are not deliveries.
 */
public final class LandingZone {
  private final String root;
  private final Configuration hadoop;

  public LandingZone(String root, Configuration hadoop) {
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.hadoop = hadoop;
  }

  public String root() {
    return root;
  }

  /** Every delivery file, sorted by path so that runs are repeatable. */
  public List<LandingFile> list() {
    List<LandingFile> out = new ArrayList<>();
    try {
      Path rootPath = new Path(root);
      FileSystem fs = rootPath.getFileSystem(hadoop);
      if (!fs.exists(rootPath)) {
        throw new IllegalArgumentException("Cannot read the landing zone: " + root + " does not exist");
      }
      for (Source s : Source.values()) {
        Path dir = new Path(rootPath, s.folder());
        if (!fs.exists(dir)) {
          continue;
        }
        if (s == Source.ECOMMERCE) {
          for (FileStatus platform : fs.listStatus(dir)) {
            if (platform.isDirectory() && isDelivery(platform)) {
              addFiles(fs, platform.getPath(), s, out);
            }
          }
        } else {
          addFiles(fs, dir, s, out);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the landing zone " + root, e);
    }
    out.sort(Comparator.comparing(LandingFile::path));
    return out;
  }

  private static boolean isDelivery(FileStatus st) {
    String n = st.getPath().getName();
    return !n.startsWith(".") && !n.startsWith("_");
  }

  private static void addFiles(FileSystem fs, Path dir, Source s, List<LandingFile> out) throws IOException {
    for (FileStatus f : fs.listStatus(dir)) {
      if (f.isFile() && isDelivery(f)) {
        out.add(new LandingFile(s, f.getPath().toString(), f.getLen(), f.getModificationTime()));
      }
    }
  }

  /** SHA-256 of a file's bytes: the identity of a delivery, whatever its name. */
  public String hash(String path) {
    try {
      Path p = new Path(path);
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      try (InputStream in = p.getFileSystem(hadoop).open(p)) {
        int n;
        while ((n = in.read(buf)) > 0) {
          md.update(buf, 0, n);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read landing file " + path, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
