package vn.kinhteso.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import vn.kinhteso.config.PipelineConfig;

/** A command that works on the lake: the lake options, its configuration, and where to print. */
abstract class LakeCommand implements Callable<Integer>, Main.Configured {
  @ParentCommand Main main;

  @Mixin LakeOptions lake;

  @Override
  public PipelineConfig config() {
    return lake.load();
  }

  @Override
  public final Integer call() throws Exception {
    return run(config(), main.out());
  }

  /** The command's work; its exit code. */
  abstract int run(PipelineConfig config, PrintStream out) throws Exception;
}
