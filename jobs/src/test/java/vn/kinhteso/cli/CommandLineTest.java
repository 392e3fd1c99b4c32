package vn.kinhteso.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line itself: help, version, exit codes, option spellings (no Spark). */
class CommandLineTest {
  @TempDir Path dir;

  static CommandRun run(String... argv) {
    return CommandRun.of(argv);
  }

  static String conf() {
    return ProfilesTest.conf("local.conf");
  }

  @Test
  void everyCommandHasHelpListingEachOfItsOptions() {
    CommandRun top = run("--help");
    assertEquals(0, top.code());
    CommandLine cl = Main.commandLine(System.out);
    for (var e : cl.getSubcommands().entrySet()) {
      CommandLine.Model.CommandSpec spec = e.getValue().getCommandSpec();
      if (!spec.usageMessage().hidden()) {
        assertTrue(
            top.out().contains("  " + e.getKey() + " "), e.getKey() + " in the list of commands");
      }
      if (e.getKey().equals("help")) {
        continue;
      }
      CommandRun help = run(e.getKey(), "--help");
      assertEquals(0, help.code(), e.getKey() + " --help");
      for (CommandLine.Model.OptionSpec o : spec.options()) {
        assertTrue(
            help.out().contains(o.longestName()), e.getKey() + " --help shows " + o.longestName());
      }
    }
    assertTrue(run("nightly", "--help").out().contains("--run-date=YYYY-MM-DD"));
    assertTrue(run("sql", "--help").out().contains("Default: 200"), "defaults shown");
  }

  @Test
  void versionNamesTheProjectAndItsStack() {
    CommandRun r = run("--version");
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("kinhteso "), r.out());
    assertTrue(r.out().contains("Spark 3.5") && r.out().contains("Delta 3.3"), r.out());
  }

  @Test
  void badUsageExitsTwoWithTheReason() {
    CommandRun unknown = run("nightly", "--bogus");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("Unknown option: '--bogus'"), unknown.err());
    assertEquals(2, run("no-such-command").code());
    assertEquals(2, run().code(), "no command");
    CommandRun missing = run("export", "--config", conf(), "--out", dir.toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("--format"), missing.err());
    CommandRun date =
        run(
            "nightly",
            "--config",
            conf(),
            "--run-date",
            "30/06/2026",
            "--lake",
            dir.resolve("l").toString());
    assertEquals(2, date.code());
    assertTrue(
        date.err().contains("Cannot use --run-date: expected YYYY-MM-DD, got '30/06/2026'"),
        date.err());
    CommandRun key =
        run(
            "nightly",
            "--config",
            conf(),
            "--lake",
            dir.resolve("l").toString(),
            "--conf",
            "methodology.bootstrap.replicate=5");
    assertEquals(2, key.code(), "a misspelt key is bad configuration");
    assertTrue(key.err().startsWith("kinhteso: "), key.err());
  }

  /** A command that fails as a bug would: the handler is Main's, whichever command fails. */
  @Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("a bug");
    }
  }

  static CommandRun runWithBoom(String... argv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine cl =
        Main.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8))
            .addSubcommand(new Boom());
    cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    int code = cl.execute(argv);
    return new CommandRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anUnexpectedFailureExitsOneWithTheStackTraceOnlyWhenVerbose() {
    CommandRun quiet = runWithBoom("boom");
    assertEquals(1, quiet.code(), quiet.err());
    assertTrue(quiet.err().contains("kinhteso: unexpected failure: "), quiet.err());
    assertTrue(quiet.err().contains("a bug"), quiet.err());
    assertFalse(quiet.err().contains("\tat "), "no stack trace without --verbose:\n" + quiet.err());
    CommandRun verbose = runWithBoom("boom", "--verbose");
    assertEquals(1, verbose.code());
    assertTrue(
        verbose.err().contains("\tat vn.kinhteso.cli.CommandLineTest$Boom.call"), verbose.err());
  }

  @Test
  void optionsTakeTheirValueAfterASpaceOrAnEqualsSign() {
    String lake = dir.resolve("lake").toString();
    for (List<String> argv :
        List.of(
            List.of("nightly", "--config", conf(), "--lake", lake),
            List.of("nightly", "--config=" + conf(), "--lake=" + lake),
            List.of(
                "nightly",
                "--config=" + conf(),
                "--lake",
                lake,
                "--conf",
                "spark.sql.shuffle.partitions=3"))) {
      var c = Main.configOf(argv.toArray(String[]::new));
      assertEquals(lake, c.lake(), argv.toString());
      assertEquals(Path.of(conf()), c.confFile(), argv.toString());
    }
    assertEquals(
        "3",
        Main.configOf("nightly", "--config", conf(), "--conf=spark.sql.shuffle.partitions=3")
            .sparkSettings()
            .get("spark.sql.shuffle.partitions"));
  }

  @Test
  void aSubcommandsOptionsMayComeBeforeItsName() {
    String lake = dir.resolve("lake").toString();
    assertEquals(
        lake,
        Main.configOf(
                "quality", "--lake", lake, "--config", conf(), "suggest", "--table", "silver.x")
            .lake());
    assertEquals(
        lake,
        Main.configOf(
                "quality", "suggest", "--table", "silver.x", "--config", conf(), "--lake", lake)
            .lake());
  }
}
