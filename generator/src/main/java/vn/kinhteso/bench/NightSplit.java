package vn.kinhteso.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import vn.kinhteso.config.Csv;

/**
 * A landing zone as two nights: the first holds everything but the latest month of declarations and
 * of platform reports and the GRDP file of the newest release; the second adds them as new files.
 * Files are hard-linked where they are not rewritten.
 */
final class NightSplit {
  private static final Pattern MONTH = Pattern.compile("\"month\"\\s*:\\s*\"([0-9]{4}-[0-9]{2})\"");
  private static final Pattern MONTHLY = Pattern.compile("[0-9]{4}-[0-9]{2}");

  /** What the second night adds. */
  record Split(
      Path night1,
      Path night2,
      String heldMonthDeclarations,
      String heldMonthPlatforms,
      String heldGrdpFile,
      long heldLines) {}

  private NightSplit() {}

  static Split of(Path zone, Path dir) throws IOException {
    Path night1 = dir.resolve("night1");
    Path night2 = dir.resolve("night2");
    List<Path> files = files(zone);
    String declMonth = null;
    String platMonth = null;
    String grdpFile = null;
    String grdpRelease = "";
    for (Path f : files) {
      String rel = zone.relativize(f).toString();
      if (rel.startsWith("tax/declarations/")) {
        declMonth = max(declMonth, maxDeclarationMonth(f));
      } else if (rel.startsWith("ecommerce/")) {
        platMonth = max(platMonth, maxPlatformMonth(f));
      } else if (rel.startsWith("statistics/grdp/")) {
        String r = maxColumn(f, "release");
        if (r != null && r.compareTo(grdpRelease) > 0) {
          grdpRelease = r;
          grdpFile = rel;
        }
      }
    }
    deleteTree(dir);
    long held = 0;
    for (Path f : files) {
      String rel = zone.relativize(f).toString();
      Path to1 = night1.resolve(rel);
      Path to2 = night2.resolve(rel);
      Files.createDirectories(to1.getParent());
      Files.createDirectories(to2.getParent());
      if (rel.equals(grdpFile)) {
        Files.createLink(to2, f);
        held += lines(f) - 1;
      } else if (rel.startsWith("tax/declarations/") || rel.startsWith("ecommerce/")) {
        boolean csv = rel.startsWith("tax/");
        String month = csv ? declMonth : platMonth;
        Path extra = night2.resolve(rel.replaceFirst("\\.(csv|jsonl)$", "_latest_month.$1"));
        held += splitFile(f, to1, extra, csv, month);
        Files.createLink(to2, to1);
        if (Files.size(extra) == 0 || (csv && lines(extra) <= 1)) {
          Files.delete(extra);
        }
      } else {
        Files.createLink(to1, f);
        Files.createLink(to2, f);
      }
    }
    return new Split(night1, night2, declMonth, platMonth, grdpFile, held);
  }

  /** Writes the file without the month's rows to {@code kept}, and those rows to {@code held}. */
  private static long splitFile(Path f, Path kept, Path held, boolean csv, String month)
      throws IOException {
    long n = 0;
    try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8);
        BufferedWriter k = Files.newBufferedWriter(kept, StandardCharsets.UTF_8);
        BufferedWriter h = Files.newBufferedWriter(held, StandardCharsets.UTF_8)) {
      int period = -1;
      String line;
      boolean first = true;
      while ((line = in.readLine()) != null) {
        if (csv && first) {
          period = index(line, "period");
          k.write(line);
          k.newLine();
          h.write(line);
          h.newLine();
          first = false;
          continue;
        }
        first = false;
        boolean isHeld =
            month != null
                && (csv
                    ? period >= 0 && field(line, period).equals(month)
                    : month.equals(group(MONTH.matcher(line))));
        BufferedWriter w = isHeld ? h : k;
        w.write(line);
        w.newLine();
        n += isHeld ? 1 : 0;
      }
    }
    return n;
  }

  private static String maxDeclarationMonth(Path f) throws IOException {
    String m = null;
    try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      int period = index(in.readLine(), "period");
      String line;
      while (period >= 0 && (line = in.readLine()) != null) {
        String p = field(line, period);
        if (MONTHLY.matcher(p).matches()) {
          m = max(m, p);
        }
      }
    }
    return m;
  }

  private static String maxPlatformMonth(Path f) throws IOException {
    String m = null;
    try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
      for (String line : (Iterable<String>) lines::iterator) {
        m = max(m, group(MONTH.matcher(line)));
      }
    }
    return m;
  }

  private static String maxColumn(Path f, String column) throws IOException {
    String m = null;
    try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      int i = index(in.readLine(), column);
      String line;
      while (i >= 0 && (line = in.readLine()) != null) {
        m = max(m, field(line, i));
      }
    }
    return m;
  }

  private static int index(String header, String column) {
    if (header == null) {
      return -1;
    }
    List<String> names = Csv.parseLine(header.replace("\uFEFF", ""));
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).trim().toLowerCase(Locale.ROOT).equals(column)) {
        return i;
      }
    }
    return -1;
  }

  private static String field(String line, int i) {
    List<String> f = Csv.parseLine(line);
    return i < f.size() ? f.get(i) : "";
  }

  private static String group(Matcher m) {
    return m.find() ? m.group(1) : null;
  }

  private static String max(String a, String b) {
    return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
  }

  static List<Path> files(Path zone) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(zone)) {
      // Hidden names, as the landing zone skips them: the generator's _generator/, checksum files.
      s.filter(Files::isRegularFile)
          .filter(p -> !hidden(zone.relativize(p)))
          .sorted()
          .forEach(out::add);
    }
    return out;
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.startsWith(".") || name.startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  static long lines(Path f) throws IOException {
    try (Stream<String> s = Files.lines(f, StandardCharsets.UTF_8)) {
      return s.count();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
