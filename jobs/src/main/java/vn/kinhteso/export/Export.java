package vn.kinhteso.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.kinhteso.config.PipelineConfig.ConfigException;

/**
 * {@code bin/kinhteso export}: every gold table as CSV, SDMX-CSV 2.0 or one Excel workbook, with a
 * manifest naming the run and release, and the confidentiality footnote.
 */
public final class Export {
  /** The file formats. */
  public enum Format {
    CSV("csv"),
    SDMX_CSV("sdmx-csv"),
    XLSX("xlsx");

    public final String flag;

    Format(String flag) {
      this.flag = flag;
    }

    public static Format of(String s) {
      for (Format f : values()) {
        if (f.flag.equalsIgnoreCase(s)) {
          return f;
        }
      }
      throw new ConfigException(
          "Cannot export: --format must be csv, sdmx-csv or xlsx, got '" + s + "'");
    }
  }

  public static final String FOOTNOTE_VI =
      "Ô được đánh dấu \"confidential\" bị ẩn vì công bố sẽ làm lộ số liệu của một"
          + " doanh nghiệp (ít hơn %d đơn vị, hoặc đơn vị lớn nhất chiếm trên %s%%); ô \"secondary\" bị ẩn thêm để không"
          + " thể suy ra ô bị ẩn bằng phép trừ từ tổng ngành (ALL) hoặc tổng toàn quốc.";
  public static final String FOOTNOTE_EN =
      "Cells marked \"confidential\" are suppressed because publishing them would"
          + " disclose one enterprise's figures (fewer than %d units, or the largest above %s%%); cells marked"
          + " \"secondary\" are suppressed too, so that no suppressed cell can be recovered by subtraction from its"
          + " row's ALL or its column's national total.";

  private Export() {}

  /** Writes the files; returns their paths. */
  public static List<Path> write(
      GoldExtract gold,
      Labels labels,
      Format format,
      Path dir,
      boolean internal,
      int minUnits,
      double maxTopShare) {
    if (gold.isEmpty()) {
      throw new ConfigException(
          "Cannot export: no gold table under "
              + gold.lakeRoot()
              + " (run bin/kinhteso nightly first)");
    }
    List<Table> tables = gold.view(labels, internal);
    List<Path> files = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      String vi = String.format(Locale.ROOT, FOOTNOTE_VI, minUnits, pct(maxTopShare));
      String en = String.format(Locale.ROOT, FOOTNOTE_EN, minUnits, pct(maxTopShare));
      switch (format) {
        case CSV -> {
          for (Table t : tables) {
            files.add(csv(t, dir.resolve(t.name() + ".csv")));
          }
        }
        case SDMX_CSV -> {
          for (Table t : tables) {
            Path f = SdmxCsv.write(t, dir.resolve(t.name() + ".sdmx.csv"), internal);
            if (f != null) {
              files.add(f);
            }
          }
        }
        case XLSX ->
            files.add(Xlsx.write(tables, gold, dir.resolve("kinhteso.xlsx"), internal, vi, en));
      }
      files.add(
          manifest(
              gold,
              tables,
              dir.resolve(
                  format == Format.CSV ? "manifest.json" : "manifest-" + format.flag + ".json"),
              internal,
              format,
              vi,
              en));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot export to " + dir + ": " + e.getMessage(), e);
    }
    return files;
  }

  static String pct(double p) {
    return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
  }

  /** UTF-8, a header, RFC 4180 quoting, numbers in plain decimal notation, empty for null. */
  static Path csv(Table t, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(line(t.columns().toArray()));
      for (Object[] r : t.rows()) {
        w.write(line(r));
      }
    }
    return file;
  }

  private static String line(Object[] values) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(quote(text(values[i])));
    }
    return b.append('\n').toString();
  }

  /** A value as the text files write it. */
  public static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      return Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : "";
    }
    if (v instanceof Float f) {
      return text(f.doubleValue());
    }
    return v.toString();
  }

  static String quote(String s) {
    if (s.indexOf(',') >= 0
        || s.indexOf('"') >= 0
        || s.indexOf('\n') >= 0
        || s.indexOf('\r') >= 0) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }

  private static Path manifest(
      GoldExtract gold,
      List<Table> tables,
      Path file,
      boolean internal,
      Format format,
      String vi,
      String en)
      throws IOException {
    StringBuilder b = new StringBuilder("{\n");
    b.append("  \"format\": ").append(json(format.flag)).append(",\n");
    b.append("  \"audience\": ").append(json(internal ? "internal" : "public")).append(",\n");
    b.append("  \"run_id\": ").append(json(gold.runId())).append(",\n");
    b.append("  \"grdp_release\": ").append(json(gold.latestRelease())).append(",\n");
    b.append("  \"footnote_vi\": ").append(json(vi)).append(",\n");
    b.append("  \"footnote_en\": ").append(json(en)).append(",\n");
    b.append("  \"tables\": {");
    for (int i = 0; i < tables.size(); i++) {
      Table t = tables.get(i);
      GoldExtract.Published p = gold.published().get(t.name());
      long suppressed =
          t.has(GoldExtract.SUPPRESSION)
              ? t.column(GoldExtract.SUPPRESSION).stream()
                  .filter(java.util.Objects::nonNull)
                  .count()
              : 0;
      b.append(i == 0 ? "\n" : ",\n")
          .append("    ")
          .append(json(t.name()))
          .append(": {\"rows\": ")
          .append(t.rows().size())
          .append(", \"delta_version\": ")
          .append(p.version())
          .append(", \"committed_at\": ")
          .append(json(p.committedAt()))
          .append(", \"run_id\": ")
          .append(json(p.runId()))
          .append(", \"suppressed_rows\": ")
          .append(suppressed)
          .append('}');
    }
    b.append("\n  }\n}\n");
    Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    return file;
  }

  static String json(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
