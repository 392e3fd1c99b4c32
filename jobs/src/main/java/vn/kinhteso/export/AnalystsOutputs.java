package vn.kinhteso.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.sql.SparkSession;
import vn.kinhteso.config.ConfigKeys;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.indicators.Confidentiality;
import vn.kinhteso.lake.Lake;
import vn.kinhteso.report.Report;

/** The exports and the report of the published gold of one lake (gold read once). */
public final class AnalystsOutputs {
  /**
   * Where the nightly writes its exports and report; default {@code <lake>/../out}, local or not.
   */
  private final SparkSession spark;

  private final PipelineConfig config;
  private final Labels labels;
  private final Confidentiality rule;
  private GoldExtract gold;

  public AnalystsOutputs(SparkSession spark, PipelineConfig config, Reference reference) {
    this.spark = spark;
    this.config = config;
    this.labels = new Labels(config, reference);
    this.rule = Confidentiality.of(config);
  }

  public GoldExtract gold() {
    if (gold == null) {
      gold = GoldExtract.read(new Lake(spark, config.lake()));
    }
    return gold;
  }

  public List<Path> export(Export.Format format, Path dir, boolean internal) {
    return Export.write(
        gold(), labels, format, dir, internal, rule.minUnits(), rule.maxTopSharePct());
  }

  public Path report(Path file) {
    return Report.write(gold(), labels, file, rule.minUnits(), rule.maxTopSharePct());
  }

  /**
   * Where the nightly's outputs go: {@code export.dir}, else {@code out} next to the lake (a local
   * folder, or {@code s3a://bucket/out} for {@code s3a://bucket/lake}).
   */
  public String outputLocation() {
    String dir = config.get(ConfigKeys.EXPORT_DIR);
    if (dir != null && !dir.isBlank()) {
      return dir;
    }
    String lake = config.lake();
    if (isLocal(lake)) {
      Path p = localPath(lake).toAbsolutePath();
      return (p.getParent() == null ? p : p.getParent()).resolve("out").toString();
    }
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(lake);
    return new org.apache.hadoop.fs.Path(root.getParent() == null ? root : root.getParent(), "out")
        .toString();
  }

  /**
   * Runs {@code write} on a local folder standing for {@code location}. For a location on another
   * file system (S3) the files are written to a temporary folder, then copied there: POI and the
   * CSV writers need a local file.
   */
  public <T> T writeAt(String location, Function<Path, T> write) {
    if (isLocal(location)) {
      return write.apply(localPath(location));
    }
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(location);
    Path tmp = null;
    try {
      tmp = Files.createTempDirectory("kinhteso-out");
      T result = write.apply(tmp);
      Configuration hadoop = spark.sparkContext().hadoopConfiguration();
      FileSystem fs = target.getFileSystem(hadoop);
      try (Stream<Path> written = Files.list(tmp)) {
        for (Path f : written.sorted().toList()) {
          FileUtil.copy(
              f.toFile(),
              fs,
              new org.apache.hadoop.fs.Path(target, f.getFileName().toString()),
              false,
              hadoop);
        }
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the analysts' outputs to " + location + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        FileUtil.fullyDelete(tmp.toFile());
      }
    }
  }

  public static boolean isLocal(String location) {
    return !location.contains("://") || location.startsWith("file:");
  }

  private static Path localPath(String location) {
    return Path.of(location.startsWith("file:") ? URI.create(location).getPath() : location);
  }
}
