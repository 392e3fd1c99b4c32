package vn.kinhteso.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.PipelineConfig.ConfigException;
import vn.kinhteso.lake.Lake;

/**
 * Touches an object-store lake (and landing zone) once before Spark starts, with one attempt and
 * short timeouts: a server that is down or refuses the credentials is a configuration problem (exit
 * 2) named with its endpoint, found in seconds instead of after S3A's retries.
 */
public final class LakePreflight {
  static final String PREFIX = "spark.hadoop.";

  /** Keys whose values never appear in a message. */
  static final List<String> SECRET_KEYS =
      List.of("fs.s3a.access.key", "fs.s3a.secret.key", "fs.s3a.session.token");

  static final List<String> SECRET_ENV =
      List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

  private LakePreflight() {}

  /** Checks the lake and the landing zone of {@code config} when they are on s3a. */
  public static void check(PipelineConfig config) {
    check(config.lake(), "lake", config.sparkSettings());
    check(config.landing(), "landing zone", config.sparkSettings());
  }

  static void check(String location, String what, Map<String, String> sparkSettings) {
    URI uri = URI.create(location.replace(" ", "%20"));
    if (!"s3a".equals(uri.getScheme())) {
      return;
    }
    Configuration conf = hadoopConf(sparkSettings);
    String bucket = uri.getHost();
    String endpoint = endpoint(conf, bucket);
    // One attempt, short timeouts (per-bucket keys would win over the base ones, so both).
    Map<String, String> probe =
        Map.of(
            "attempts.maximum",
            "1",
            "retry.limit",
            "1",
            "retry.interval",
            "100ms",
            "connection.establish.timeout",
            "3000",
            "connection.timeout",
            "15000");
    probe.forEach(
        (k, v) -> {
          conf.set("fs.s3a." + k, v);
          conf.set("fs.s3a.bucket." + bucket + "." + k, v);
        });
    Path root = new Path(uri);
    try (FileSystem fs = FileSystem.newInstance(root.toUri(), conf)) {
      try {
        fs.getFileStatus(root);
      } catch (FileNotFoundException e) {
        // A new lake: the bucket must exist and answer a listing.
        if (e.getClass() != FileNotFoundException.class) {
          throw e;
        }
        fs.listStatus(new Path(root.toUri().resolve("/")));
      }
    } catch (UnsupportedFileSystemException e) {
      throw new ConfigException(
          "Cannot use the "
              + what
              + " "
              + location
              + ": no s3a file system on the classpath"
              + " (add org.apache.hadoop:hadoop-aws of the cluster's Hadoop version, e.g. spark-submit --packages"
              + " org.apache.hadoop:hadoop-aws:3.3.4)");
    } catch (AccessDeniedException e) {
      throw new ConfigException(
          "Cannot use the "
              + what
              + " "
              + location
              + ": the S3 endpoint "
              + endpoint
              + " refused the credentials ("
              + redact(firstLine(e), conf)
              + "). Credentials come from the AWS"
              + " provider chain: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile (AWS_PROFILE), or the instance role");
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(
          "Cannot use the "
              + what
              + " "
              + location
              + ": the S3 endpoint "
              + endpoint
              + " did not answer ("
              + redact(firstLine(e), conf)
              + "). Check spark.hadoop.fs.s3a.endpoint"
              + " (conf/s3.conf or --conf) and that the server runs");
    }
  }

  /**
   * Before a nightly writes anything: the landing zone is a folder that exists, the lake is a
   * folder (or not there yet) and, when local, can be written.
   */
  public static void checkFolders(PipelineConfig config) {
    Configuration conf = hadoopConf(config.sparkSettings());
    String landing = config.landing();
    String lake = config.lake();
    try {
      Path l = new Path(landing);
      FileSystem fs = l.getFileSystem(conf);
      if (!fs.exists(l)) {
        throw new ConfigException(
            "Cannot read the landing zone "
                + landing
                + ": it does not exist. Pass --landing DIR"
                + " or set landing in the conf file");
      }
      if (!fs.getFileStatus(l).isDirectory()) {
        throw new ConfigException(
            "Cannot read the landing zone " + landing + ": it is a file, not a folder");
      }
      Path k = new Path(lake);
      FileSystem lfs = k.getFileSystem(conf);
      if (lfs.exists(k) && !lfs.getFileStatus(k).isDirectory()) {
        throw new ConfigException(
            "Cannot use the lake " + lake + ": it is a file, not a folder. Pass --lake DIR");
      }
      if ("file".equals(lfs.getUri().getScheme())) {
        java.nio.file.Path p = java.nio.file.Path.of(k.toUri().getPath());
        java.nio.file.Path existing = p;
        while (existing != null && !java.nio.file.Files.exists(existing)) {
          existing = existing.getParent();
        }
        if (existing == null
            || !java.nio.file.Files.isDirectory(existing)
            || !java.nio.file.Files.isWritable(existing)) {
          throw new ConfigException(
              "Cannot write the lake "
                  + lake
                  + ": "
                  + (existing == null
                      ? "no parent folder"
                      : existing
                          + (java.nio.file.Files.isDirectory(existing)
                              ? " is not writable"
                              : " is a file"))
                  + ". Pass --lake DIR");
        }
      }
    } catch (IOException e) {
      throw new ConfigException(
          "Cannot check the landing zone "
              + landing
              + " and the lake "
              + lake
              + ": "
              + firstLine(e));
    }
  }

  private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");
  private static final Pattern CHECKPOINT =
      Pattern.compile("(\\d{20})\\.checkpoint(\\..+)?\\.parquet");

  /**
   * Before a nightly writes anything: the Delta log of every table of the lake has each version
   * since its last checkpoint, and its last commit is whole (every line a JSON object). A lake
   * copied in part, or a disk that filled up, is found here, named, instead of failing a stage.
   */
  public static void checkDeltaLogs(PipelineConfig config) {
    Path root = new Path(config.lake());
    try {
      FileSystem fs = root.getFileSystem(hadoopConf(config.sparkSettings()));
      if (!fs.exists(root)) {
        return;
      }
      for (String layer : List.of(Lake.BRONZE, Lake.SILVER, Lake.GOLD, Lake.QUALITY, Lake.OPS)) {
        Path dir = new Path(root, layer);
        if (!fs.exists(dir)) {
          continue;
        }
        for (FileStatus t : fs.listStatus(dir)) {
          Path log = new Path(t.getPath(), "_delta_log");
          String damage = t.isDirectory() && fs.exists(log) ? logDamage(fs, log) : null;
          if (damage != null) {
            throw new ConfigException(
                "Cannot use the lake "
                    + config.lake()
                    + ": the Delta log of "
                    + layer
                    + "."
                    + t.getPath().getName()
                    + " ("
                    + log
                    + ") is damaged: "
                    + damage
                    + ". Nothing was written. Restore"
                    + " that folder from a backup"
                    + (layer.equals(Lake.GOLD)
                        ? ", or move the table's folder away:"
                            + " the next nightly publishes it anew from silver"
                        : "")
                    + " (docs/operations.md)");
          }
        }
      }
    } catch (IOException e) {
      throw new ConfigException(
          "Cannot check the Delta logs of the lake " + config.lake() + ": " + firstLine(e));
    }
  }

  /** What is wrong with one table's log, or null. */
  static String logDamage(FileSystem fs, Path log) throws IOException {
    TreeMap<Long, Path> commits = new TreeMap<>();
    long checkpoint = -1;
    for (FileStatus f : fs.listStatus(log)) {
      String name = f.getPath().getName();
      Matcher c = COMMIT.matcher(name);
      Matcher k = CHECKPOINT.matcher(name);
      if (c.matches()) {
        commits.put(Long.parseLong(c.group(1)), f.getPath());
      } else if (k.matches()) {
        checkpoint = Math.max(checkpoint, Long.parseLong(k.group(1)));
      }
    }
    if (commits.isEmpty()) {
      return null; // a first write killed before its commit: no table yet, as Delta sees it
    }
    // Commits before a checkpoint may have been cleaned up; none after it may be missing.
    for (long v = checkpoint + 1; v <= commits.lastKey(); v++) {
      if (!commits.containsKey(v)) {
        return "commit " + v + " is missing, and commit " + commits.lastKey() + " is there";
      }
    }
    Path last = commits.lastEntry().getValue();
    String text;
    try (java.io.InputStream in = fs.open(last)) {
      text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    if (text.isBlank()) {
      return "its last commit " + last.getName() + " is empty";
    }
    ObjectMapper json = new ObjectMapper();
    int lineNo = 0;
    for (String line : text.split("\n")) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      try {
        if (!json.readTree(line).isObject()) {
          return "line "
              + lineNo
              + " of its last commit "
              + last.getName()
              + " is not a JSON object";
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        return "its last commit "
            + last.getName()
            + " is cut off or not JSON (line "
            + lineNo
            + ")";
      }
    }
    return null;
  }

  /** The Hadoop configuration Spark would build: {@code spark.hadoop.*} keys without the prefix. */
  public static Configuration hadoopConf(Map<String, String> sparkSettings) {
    Configuration conf = new Configuration();
    sparkSettings.forEach(
        (k, v) -> {
          if (k.startsWith(PREFIX)) {
            conf.set(k.substring(PREFIX.length()), v);
          }
        });
    return conf;
  }

  static String endpoint(Configuration conf, String bucket) {
    String e =
        conf.getTrimmed(
            "fs.s3a.bucket." + bucket + ".endpoint", conf.getTrimmed("fs.s3a.endpoint", ""));
    return e.isEmpty() ? "(AWS default)" : e;
  }

  static String firstLine(Throwable e) {
    List<String> parts = new ArrayList<>();
    for (Throwable t = e; t != null && parts.size() < 3; t = t.getCause()) {
      String m =
          (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage())
              .lines()
              .findFirst()
              .orElse("");
      if (parts.stream().noneMatch(p -> p.contains(m))) {
        parts.add(m);
      }
    }
    String s = String.join(": ", parts);
    return s.length() > 400 ? s.substring(0, 400) + "..." : s;
  }

  /** Removes every configured or environment credential value from a message. */
  static String redact(String message, Configuration conf) {
    Map<String, String> secrets = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : conf) {
      for (String k : SECRET_KEYS) {
        if (e.getKey().endsWith(k.substring("fs.s3a".length()))
            && e.getKey().startsWith("fs.s3a.")) {
          secrets.put(e.getKey(), e.getValue());
        }
      }
    }
    for (String v : SECRET_ENV) {
      if (System.getenv(v) != null) {
        secrets.put(v, System.getenv(v));
      }
    }
    String out = message;
    for (String v : secrets.values()) {
      if (v != null && v.length() >= 4) {
        out = out.replace(v, "***");
      }
    }
    return out;
  }
}
