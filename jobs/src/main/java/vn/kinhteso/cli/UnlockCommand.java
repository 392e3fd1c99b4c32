package vn.kinhteso.cli;

import java.io.PrintStream;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.PipelineConfig.ConfigException;
import vn.kinhteso.deploy.LakePreflight;
import vn.kinhteso.lake.LakeLock;

/** {@code unlock}: who holds the lake's lock; with --force, removes it. */
@Command(
    name = "unlock",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description =
        "Says who holds the lake's lock (exit 2 if held); --force removes it, for a run that died holding it.")
final class UnlockCommand extends LakeCommand {
  @Option(names = "--force", description = "Remove the lock (only when no run is active).")
  boolean force;

  @Override
  int run(PipelineConfig config, PrintStream out) {
    // The lock is one small file: Hadoop's file system as Spark would configure it, no session.
    LakePreflight.check(config);
    org.apache.hadoop.conf.Configuration hadoop = LakePreflight.hadoopConf(config.sparkSettings());
    if (!force) {
      Properties held = LakeLock.holder(hadoop, config.lake());
      if (held == null) {
        out.println("The lake " + config.lake() + " is not locked.");
        return Main.OK;
      }
      throw new ConfigException(
          "The lake "
              + config.lake()
              + " is locked by "
              + LakeLock.describe(held)
              + ". If that run is not active, remove the lock with --force.");
    }
    Properties removed = LakeLock.forceUnlock(hadoop, config.lake());
    out.println(
        removed == null
            ? "The lake " + config.lake() + " was not locked."
            : "Removed the lock of " + LakeLock.describe(removed) + " from " + config.lake() + ".");
    return Main.OK;
  }
}
