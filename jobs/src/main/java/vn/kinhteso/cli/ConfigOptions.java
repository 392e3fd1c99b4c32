package vn.kinhteso.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.PipelineConfig.ConfigException;
import vn.kinhteso.deploy.SubmitSettings;

/** {@code --config} and {@code --conf}, which every command takes. */
public final class ConfigOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "The conf file (default: conf/local.conf of the installation).")
  Path config;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description =
          "A setting over the conf file's, repeatable: a spark.* key as spark-submit takes it, or a"
              + " pipeline key (e.g. methodology.bootstrap.replicates=50).")
  Map<String, String> conf = new LinkedHashMap<>();

  /**
   * The conf file with the command line on top: command line > spark-submit's settings > file.
   * {@code landing}, {@code lake} and {@code master} are the command's own options (null: not
   * given).
   */
  public PipelineConfig load(String landing, String lake, String master) {
    Path file = config != null ? config.toAbsolutePath().normalize() : defaultConfig();
    Map<String, String> overrides = new LinkedHashMap<>(SubmitSettings.fromSystemProperties());
    overrides.putAll(conf);
    if (landing != null) {
      overrides.put("landing", location(landing));
    }
    if (lake != null) {
      overrides.put("lake", location(lake));
    }
    if (master != null) {
      overrides.put("spark.master", master);
    }
    return PipelineConfig.load(file, overrides);
  }

  /** A path made absolute against the working directory; URIs pass through. */
  static String location(String v) {
    return v.contains("://") ? v : Path.of(v).toAbsolutePath().normalize().toString();
  }

  private static Path defaultConfig() {
    String home = System.getenv("KINHTESO_HOME");
    Path p =
        (home != null ? Path.of(home) : Path.of("."))
            .resolve("conf/local.conf")
            .toAbsolutePath()
            .normalize();
    if (!Files.isRegularFile(p)) {
      throw new ConfigException("Cannot find the configuration " + p + ": pass --config FILE");
    }
    return p;
  }
}
