package vn.kinhteso.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFC 4180 reading of the small reference files in conf/ (not used for landing data). */
public final class Csv {
  private Csv() {}

  /** Rows as header-keyed maps, in file order. */
  public static List<Map<String, String>> read(Path file) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<Map<String, String>> rows = new ArrayList<>();
      String headerLine = r.readLine();
      if (headerLine == null) {
        return rows;
      }
      List<String> header = parseLine(headerLine.replace("\uFEFF", ""));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        List<String> f = parseLine(line);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          row.put(header.get(i).trim(), i < f.size() ? f.get(i) : "");
        }
        rows.add(row);
      }
      return rows;
    } catch (IOException e) {
      throw new PipelineConfig.ConfigException(
          "Cannot read reference file " + file + ": " + e.getMessage());
    }
  }

  /** Splits one CSV line; doubled quotes inside a quoted field stand for one quote. */
  public static List<String> parseLine(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else if (c != '\r') {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  /** Quotes a value for writing when it needs it. */
  public static String quote(String v) {
    if (v == null) {
      return "";
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n")) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }
}
