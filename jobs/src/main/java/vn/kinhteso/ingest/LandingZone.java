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
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists the landing zone through Hadoop's FileSystem, so a local folder and s3a read the same way.
 * Names carry no meaning beyond their folder and suffix; files starting with '.' or '_' are not
 * deliveries.
 */
public final class LandingZone {
  private final String root;
  private final Configuration hadoop;
  private final long minAgeMillis;

  public LandingZone(String root, Configuration hadoop) {
    this(root, hadoop, java.time.Duration.ZERO);
  }

  /**
   * @param minAge a file modified more recently than this is taken as still being written
   */
  public LandingZone(String root, Configuration hadoop, java.time.Duration minAge) {
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.hadoop = hadoop;
    this.minAgeMillis = minAge.toMillis();
  }

  public String root() {
    return root;
  }

  /** A file under the landing root that is not a delivery, and why. */
  public record Ignored(String path, String reason) {}

  private final List<Ignored> ignored = new ArrayList<>();

  /**
   * Every delivery file, sorted by path so that runs are repeatable: {@code <folder>/*.csv} of each
   * statistics and tax source, {@code ecommerce/<platform>/*.jsonl}. Every other file is in {@link
   * #ignored()}, except the generator's {@code _generator/}.
   */
  public List<LandingFile> list() {
    List<LandingFile> out = new ArrayList<>();
    ignored.clear();
    try {
      Path rootPath = new Path(root);
      FileSystem fs = rootPath.getFileSystem(hadoop);
      if (!fs.exists(rootPath)) {
        throw new IllegalArgumentException(
            "Cannot read the landing zone: " + root + " does not exist");
      }
      // Relative paths are taken from the qualified root: a root that itself contains
      // "ecommerce/" or "tax/" means nothing.
      String prefix = fs.makeQualified(rootPath).toString() + "/";
      long now = System.currentTimeMillis();
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(rootPath, true);
      while (files.hasNext()) {
        LocatedFileStatus f = files.next();
        String path = f.getPath().toString();
        String rel =
            path.startsWith(prefix) ? path.substring(prefix.length()) : f.getPath().getName();
        if (rel.startsWith(GENERATOR + "/")) {
          continue;
        }
        String[] parts = rel.split("/");
        Source s = source(parts);
        String why = whyNot(parts, s);
        long age = now - f.getModificationTime();
        if (why == null && age < minAgeMillis) {
          why =
              String.format(
                  java.util.Locale.ROOT,
                  "modified %d s ago, less than the minimum age of %d s: still being"
                      + " written? Read on a later night",
                  age / 1000,
                  minAgeMillis / 1000);
        }
        if (why == null) {
          out.add(new LandingFile(s, path, f.getLen(), f.getModificationTime()));
        } else {
          ignored.add(new Ignored(path, why));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the landing zone " + root, e);
    }
    out.sort(Comparator.comparing(LandingFile::path));
    ignored.sort(Comparator.comparing(Ignored::path));
    return out;
  }

  /** The files of the last {@link #list()} that are not deliveries. */
  public List<Ignored> ignored() {
    return List.copyOf(ignored);
  }

  /** The generator's notes beside the sources (intended numbers, injected faults). */
  static final String GENERATOR = "_generator";

  private static Source source(String[] parts) {
    for (Source s : Source.values()) {
      String[] folder = s.folder().split("/");
      if (parts.length > folder.length
          && java.util.Arrays.equals(folder, java.util.Arrays.copyOf(parts, folder.length))) {
        return s;
      }
    }
    return null;
  }

  private static String whyNot(String[] parts, Source s) {
    for (String p : parts) {
      if (p.startsWith(".") || p.startsWith("_")) {
        return "hidden (a name starting with '.' or '_')";
      }
    }
    if (s == null) {
      return "outside the contract's folders";
    }
    int depth = s.folder().split("/").length + (s == Source.ECOMMERCE ? 2 : 1);
    if (parts.length != depth) {
      return s == Source.ECOMMERCE
          ? "not in ecommerce/<platform>/"
          : "in a sub-folder of " + s.folder() + "/";
    }
    String suffix = s == Source.ECOMMERCE ? ".jsonl" : ".csv";
    if (!parts[parts.length - 1].toLowerCase(java.util.Locale.ROOT).endsWith(suffix)) {
      return "not a " + suffix + " file";
    }
    return null;
  }

  /**
   * Why a listed file is not as it was listed (its size or modification time changed, or it is
   * gone), or null. Checked after its lines are read: unchanged means the hash and the lines come
   * from the same bytes.
   */
  public String changedSinceListed(LandingFile f) {
    Path p = new Path(f.path());
    try {
      org.apache.hadoop.fs.FileStatus now = p.getFileSystem(hadoop).getFileStatus(p);
      if (now.getLen() == f.sizeBytes() && now.getModificationTime() == f.modifiedAt()) {
        return null;
      }
      return String.format(
          java.util.Locale.ROOT,
          "changed while it was read (%d bytes when listed, %d now): still"
              + " being written? Read on a later night",
          f.sizeBytes(),
          now.getLen());
    } catch (java.io.FileNotFoundException e) {
      return "removed while it was read";
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read landing file " + f.path(), e);
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
