package vn.kinhteso.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import vn.kinhteso.cli.PeakHeap;
import vn.kinhteso.config.ConfigKeys;
import vn.kinhteso.config.Reference;
import vn.kinhteso.generate.LandingGenerator;

/**
 * {@code bin/kinhteso bench}: for each size a generated landing zone (cached), then, each in a
 * fresh JVM and from an empty lake, a full nightly, a no-op night, an incremental night (the zone
 * less its latest month, then that month) and Spark's bare read of the same files (the floor).
 * Prints one table and writes it as CSV. Figures are whole processes, as a user sees them.
 */
public final class Benchmark {
  /** A child prints this line at exit when asked to, for the peak driver heap. */
  private static final Pattern STAGE =
      Pattern.compile(
          "^  (ingest|conform|indicators|quality|publish)\\s+(\\w+)\\s+in\\s+([0-9,-]+)\\s+out\\s+([0-9,-]+)"
              + "\\s+quarantined\\s+([0-9,-]+)\\s+([0-9.]+)s");

  private static final List<String> STAGES =
      List.of("ingest", "conform", "indicators", "quality", "publish");

  /** One measured process. */
  record Measure(
      String size,
      long lines,
      String run,
      int exitCode,
      double wallSeconds,
      Map<String, Double> stageSeconds,
      Map<String, Long> stageRowsIn,
      double peakHeapMb,
      double lakeMb,
      long rowsRead) {}

  private final Path work;
  private final Path landingSample;
  private final Path confFile;
  private final String driverMemory;
  private final Reference reference;
  private final PrintStream out;

  public Benchmark(
      Path work,
      Path landingSample,
      Path confFile,
      String driverMemory,
      Reference reference,
      PrintStream out) {
    this.work = work;
    this.landingSample = landingSample;
    this.confFile = confFile;
    this.driverMemory = driverMemory;
    this.reference = reference;
    this.out = out;
  }

  /** Runs every size and writes the table as CSV to {@code csv}. */
  public List<Measure> run(List<String> sizes, Path csv) throws IOException, InterruptedException {
    List<Measure> all = new ArrayList<>();
    for (String size : sizes) {
      Path zone = zone(size);
      long lines = dataLines(zone);
      out.printf(Locale.ROOT, "== %s: %s, %,d data lines%n", size, zone, lines);
      Path lakes = work.resolve("lakes").resolve(size);
      NightSplit.deleteTree(lakes);
      Path full = lakes.resolve("full");
      Measure floor =
          measure(size, lines, "floor", List.of("bench-floor", "--landing", zone.toString()), null);
      all.add(floor);
      all.add(measure(size, lines, "full", nightly(zone, full), full));
      all.add(measure(size, lines, "no-op", nightly(zone, full), full));
      NightSplit.Split split = NightSplit.of(zone, work.resolve("nights").resolve(size));
      out.printf(
          Locale.ROOT,
          "   night 2 adds %,d lines: declarations %s, platform reports %s, %s%n",
          split.heldLines(),
          split.heldMonthDeclarations(),
          split.heldMonthPlatforms(),
          split.heldGrdpFile());
      Path incremental = lakes.resolve("incremental");
      all.add(measure(size, lines, "night-1", nightly(split.night1(), incremental), incremental));
      all.add(
          measure(size, lines, "incremental", nightly(split.night2(), incremental), incremental));
      print(all.subList(all.size() - 5, all.size()), floor.wallSeconds());
    }
    write(all, csv);
    out.println();
    out.println("All sizes (CSV: " + csv + "):");
    printAll(all);
    return all;
  }

  private List<String> nightly(Path landing, Path lake) {
    // Every zone here is the sample or generated, and the two nights are copies of one without
    // its _generator/ notes: synthetic data, which the sample key may pseudonymise.
    return List.of(
        "nightly",
        "--landing",
        landing.toString(),
        "--lake",
        lake.toString(),
        "--config",
        confFile.toString(),
        "--conf",
        ConfigKeys.SYNTHETIC_DATA.name() + "=true");
  }

  private Path zone(String size) throws IOException {
    if (size.equals("sample")) {
      return landingSample;
    }
    double scale = Double.parseDouble(size);
    Path zone = work.resolve("zones").resolve("scale-" + size);
    // Beside the zone, not in it: the nightly would report a file in it that is no delivery.
    Path complete = zone.resolveSibling("scale-" + size + ".complete");
    if (!Files.exists(complete)) {
      NightSplit.deleteTree(zone);
      out.printf(Locale.ROOT, "generating scale %s into %s%n", size, zone);
      LandingGenerator.generate(zone, 1, scale, false, reference);
      Files.writeString(complete, "seed 1, scale " + size + "\n");
    }
    return zone;
  }

  private static long dataLines(Path zone) throws IOException {
    long n = 0;
    for (Path f : NightSplit.files(zone)) {
      n += NightSplit.lines(f) - (f.toString().endsWith(".csv") ? 1 : 0);
    }
    return n;
  }

  private Measure measure(String size, long lines, String run, List<String> args, Path lake)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + driverMemory);
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Xss")) {
        cmd.add(a);
      }
    }
    cmd.add("-D" + PeakHeap.PROPERTY + "=true");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("vn.kinhteso.cli.Main");
    cmd.addAll(args);
    Path log = work.resolve("logs").resolve(size + "-" + run + ".log");
    Files.createDirectories(log.getParent());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    long t0 = System.nanoTime();
    Process p = pb.start();
    Map<String, Double> seconds = new LinkedHashMap<>();
    Map<String, Long> rowsIn = new LinkedHashMap<>();
    double heap = 0;
    long rowsRead = 0;
    try (BufferedReader r =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        var w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        w.write(line);
        w.newLine();
        w.flush();
        Matcher m = STAGE.matcher(line);
        if (m.find()) {
          seconds.put(m.group(1), Double.parseDouble(m.group(6)));
          rowsIn.put(m.group(1), parseCount(m.group(3)));
        } else if (line.startsWith(PeakHeap.LINE)) {
          heap = Double.parseDouble(line.substring(PeakHeap.LINE.length()).trim());
        } else if (line.startsWith(BareRead.ROWS_LINE)) {
          rowsRead = Long.parseLong(line.substring(BareRead.ROWS_LINE.length()).trim());
        }
      }
    }
    int code = p.waitFor();
    double wall = (System.nanoTime() - t0) / 1e9;
    double lakeMb = lake == null ? 0 : size(lake) / 1e6;
    out.printf(Locale.ROOT, "   %-12s exit %d  %7.1f s  (log %s)%n", run, code, wall, log);
    return new Measure(size, lines, run, code, wall, seconds, rowsIn, heap, lakeMb, rowsRead);
  }

  private static long parseCount(String s) {
    return s.equals("-") ? 0 : Long.parseLong(s.replace(",", ""));
  }

  private static long size(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static final String HEADER =
      String.format(
          Locale.ROOT,
          "%-7s %10s %-12s %4s %8s %7s %7s %7s %7s %7s %9s %7s %8s %8s",
          "size",
          "lines",
          "run",
          "exit",
          "wall_s",
          "ingest",
          "conform",
          "indic",
          "quality",
          "publish",
          "lines/s",
          "x_floor",
          "heap_mb",
          "lake_mb");

  private void print(List<Measure> ms, double floor) {
    out.println(HEADER);
    for (Measure m : ms) {
      out.println(row(m, floor));
    }
  }

  private void printAll(List<Measure> all) {
    out.println(HEADER);
    double floor = 0;
    for (Measure m : all) {
      if (m.run().equals("floor")) {
        floor = m.wallSeconds();
      }
      out.println(row(m, floor));
    }
  }

  private static String row(Measure m, double floor) {
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-7s %10d %-12s %4d %8.1f",
                m.size(),
                m.lines(),
                m.run(),
                m.exitCode(),
                m.wallSeconds()));
    for (String s : STAGES) {
      Double v = m.stageSeconds().get(s);
      b.append(v == null ? String.format("%8s", "-") : String.format(Locale.ROOT, " %7.1f", v));
    }
    b.append(
        String.format(
            Locale.ROOT,
            " %9.0f %7.2f %8.0f %8.1f",
            m.lines() / m.wallSeconds(),
            floor > 0 ? m.wallSeconds() / floor : 0,
            m.peakHeapMb(),
            m.lakeMb()));
    return b.toString();
  }

  private static void write(List<Measure> all, Path csv) throws IOException {
    if (csv.getParent() != null) {
      Files.createDirectories(csv.getParent());
    }
    List<String> lines = new ArrayList<>();
    lines.add(
        "size,lines,run,exit_code,wall_s,ingest_s,conform_s,indicators_s,quality_s,publish_s,"
            + "lines_per_s,x_floor,peak_heap_mb,lake_mb");
    double floor = 0;
    for (Measure m : all) {
      if (m.run().equals("floor")) {
        floor = m.wallSeconds();
      }
      StringBuilder b =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%s,%d,%s,%d,%.2f",
                  m.size(),
                  m.lines(),
                  m.run(),
                  m.exitCode(),
                  m.wallSeconds()));
      for (String s : STAGES) {
        Double v = m.stageSeconds().get(s);
        b.append(',').append(v == null ? "" : String.format(Locale.ROOT, "%.2f", v));
      }
      b.append(
          String.format(
              Locale.ROOT,
              ",%.0f,%.3f,%.0f,%.1f",
              m.lines() / m.wallSeconds(),
              floor > 0 ? m.wallSeconds() / floor : 0,
              m.peakHeapMb(),
              m.lakeMb()));
      lines.add(b.toString());
    }
    Files.write(csv, lines, StandardCharsets.UTF_8);
  }
}
