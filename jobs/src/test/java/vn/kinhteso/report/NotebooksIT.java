package vn.kinhteso.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.TinyPublishedLake;
import vn.kinhteso.export.AnalystsOutputs;
import vn.kinhteso.export.Export;

/**
 * The notebooks of notebooks/ executed headless (jupyter nbconvert --execute) on the public CSV
 * export of the tiny example: a cell that raises fails the build. The executed notebooks are kept
 * under jobs/target/notebooks/.
 */
class NotebooksIT {
  static final Path JUPYTER = Path.of("/usr/bin/jupyter");
  static final Path NOTEBOOKS = Path.of("../notebooks").toAbsolutePath().normalize();
  @TempDir static Path tmp;

  @Test
  void everyNotebookRunsOnTheCsvExport() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(JUPYTER), "jupyter-nbconvert is not installed (.ci/run installs it)");
    List<Path> books;
    try (Stream<Path> s = Files.list(NOTEBOOKS)) {
      books = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().collect(Collectors.toList());
    }
    assertEquals(3, books.size(), books.toString());
    TinyPublishedLake tiny = TinyPublishedLake.get();
    Path csv = tmp.resolve("csv");
    new AnalystsOutputs(SharedSpark.get(), tiny.config, tiny.reference)
        .export(Export.Format.CSV, csv, false);
    Path executed = Path.of("target/notebooks").toAbsolutePath();
    Files.createDirectories(executed);
    List<String> cmd =
        new ArrayList<>(
            List.of(
                JUPYTER.toString(),
                "nbconvert",
                "--to",
                "notebook",
                "--execute",
                "--ExecutePreprocessor.timeout=300",
                "--output-dir",
                executed.toString()));
    books.forEach(b -> cmd.add(b.toString()));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("nbconvert.log").toFile());
    pb.environment().put("KINHTESO_EXPORT", csv.toString());
    pb.environment().put("MPLCONFIGDIR", tmp.resolve("mpl").toString());
    Process p = pb.start();
    assertTrue(p.waitFor(600, TimeUnit.SECONDS), "nbconvert did not finish in 600 s");
    String log = Files.readString(tmp.resolve("nbconvert.log"));
    assertEquals(0, p.exitValue(), log);
    for (Path b : books) {
      String out = Files.readString(executed.resolve(b.getFileName()));
      assertTrue(out.contains(tiny.runId), b + " names the run it read");
      assertTrue(!out.contains("\"output_type\": \"error\""), b + " has an error output");
    }
    assertTrue(
        Files.readString(executed.resolve("03_targets.ipynb"))
            .contains("No scorecard in this export"));
    for (String drawn : List.of("01_national_picture.ipynb", "02_one_province.ipynb")) {
      assertTrue(
          Files.readString(executed.resolve(drawn)).contains("\"image/png\""),
          drawn + " draws its charts");
    }
  }
}
