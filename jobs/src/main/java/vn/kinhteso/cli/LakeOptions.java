package vn.kinhteso.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.kinhteso.config.PipelineConfig;

/** The options of a command that reads the lake: where it is, the conf file, the Spark master. */
final class LakeOptions {
  @Option(
      names = "--lake",
      paramLabel = "URI",
      description =
          "The lake: a folder, or a URI such as s3a://bucket/lake (default: the conf file's lake).")
  String lake;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description =
          "Spark's master as spark-submit spells it (default: the conf file's spark.master).")
  String master;

  @Mixin ConfigOptions config;

  PipelineConfig load() {
    return config.load(null, lake, master);
  }

  /**
   * These options, each one not given taken from a parent command's (given before the subcommand).
   */
  LakeOptions over(LakeOptions parent) {
    LakeOptions m = new LakeOptions();
    m.lake = lake != null ? lake : parent.lake;
    m.master = master != null ? master : parent.master;
    m.config = new ConfigOptions();
    m.config.config = config.config != null ? config.config : parent.config.config;
    m.config.conf.putAll(parent.config.conf);
    m.config.conf.putAll(config.conf);
    return m;
  }
}
