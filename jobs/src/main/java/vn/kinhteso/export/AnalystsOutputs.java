package vn.kinhteso.export;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.indicators.Confidentiality;
import vn.kinhteso.publish.Lake;
import vn.kinhteso.report.Report;

/** The exports and the report of the published gold of one lake (gold read once). */
public final class AnalystsOutputs {
  /** Where the nightly writes its CSV export and report; default {@code <lake>/../out}. */
  public static final String EXPORT_DIR = "export.dir";

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
    return Export.write(gold(), labels, format, dir, internal, rule.minUnits(), rule.maxTopSharePct());
  }

  public Path report(Path file) {
    return Report.write(gold(), labels, file, rule.minUnits(), rule.maxTopSharePct());
  }

  public Path outputDir() {
    String dir = config.get(EXPORT_DIR, null);
    if (dir != null) {
      return config.path(EXPORT_DIR, null);
    }
    String lake = config.lake();
    if (lake.contains("://") && !lake.startsWith("file:")) {
      throw new PipelineConfig.ConfigException("Cannot place the analysts' outputs next to the lake " + lake
          + ": set " + EXPORT_DIR + " to a local folder");
    }
    Path p = Path.of(lake.startsWith("file:") ? java.net.URI.create(lake).getPath() : lake).toAbsolutePath();
    return (p.getParent() == null ? p : p.getParent()).resolve("out");
  }
}
