package vn.kinhteso.targets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vn.kinhteso.config.ConfigKeys;
import vn.kinhteso.config.Csv;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.PipelineConfig.ConfigException;

/**
 * Reads conf/targets.csv: one target a line, so a statistician adds a target without touching code.
 * A malformed file is refused whole, with the line that is wrong.
 */
public final class Targets {
  static final List<String> HEADER =
      List.of(
          "target_id",
          "plan",
          "seed_document",
          "province_code",
          "indicator",
          "comparator",
          "target_value",
          "target_year",
          "value_note",
          "needed_dataset",
          "description_vi");
  private static final java.util.regex.Pattern INDICATOR =
      java.util.regex.Pattern.compile("[a-z][a-z0-9_]*");

  private Targets() {}

  public static List<Target> load(PipelineConfig config, Set<String> provinces2004) {
    return read(config.path(ConfigKeys.TARGETS_FILE), provinces2004);
  }

  public static List<Target> read(Path file, Set<String> provinces2004) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("Cannot read the targets " + file + ": " + e.getMessage());
    }
    if (lines.isEmpty()) {
      throw new ConfigException(
          "Cannot read the targets "
              + file
              + ": the file is empty (expected the header "
              + String.join(",", HEADER)
              + ")");
    }
    List<String> header = trimmed(Csv.parseLine(lines.get(0).replace("\uFEFF", "")));
    if (!header.equals(HEADER)) {
      throw refused(
          file,
          1,
          "the header must be " + String.join(",", HEADER) + ", got " + String.join(",", header));
    }
    List<Target> targets = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int n = i + 1;
      List<String> f = trimmed(Csv.parseLine(line));
      if (f.size() != HEADER.size()) {
        throw refused(file, n, "expected " + HEADER.size() + " fields, got " + f.size());
      }
      Target t = parse(file, n, f, provinces2004);
      if (!ids.add(t.id())) {
        throw refused(file, n, "target_id " + t.id() + " appears twice");
      }
      targets.add(t);
    }
    if (targets.isEmpty()) {
      throw new ConfigException("Cannot read the targets " + file + ": no target in the file");
    }
    return Collections.unmodifiableList(targets);
  }

  private static Target parse(Path file, int n, List<String> f, Set<String> provinces2004) {
    String id = f.get(0);
    if (id.isEmpty()) {
      throw refused(file, n, "target_id is empty");
    }
    String province = f.get(3);
    if (!province.equals(Indicators.NATIONAL_CODE) && !provinces2004.contains(province)) {
      throw refused(
          file, n, "province_code '" + province + "' is neither a 2004 province code nor VN");
    }
    String indicator = f.get(4);
    if (!INDICATOR.matcher(indicator).matches()) {
      throw refused(
          file, n, "indicator '" + indicator + "' is not a name like digital_economy_share_pct");
    }
    Target.Comparator comparator = Target.Comparator.of(f.get(5));
    if (comparator == null) {
      throw refused(file, n, "comparator '" + f.get(5) + "' is not one of >=, >, <=, <");
    }
    double value;
    try {
      value = Double.parseDouble(f.get(6));
    } catch (NumberFormatException e) {
      throw refused(file, n, "target_value '" + f.get(6) + "' is not a number");
    }
    if (!Double.isFinite(value)) {
      throw refused(file, n, "target_value '" + f.get(6) + "' is not a finite number");
    }
    int year;
    try {
      year = Integer.parseInt(f.get(7));
    } catch (NumberFormatException e) {
      throw refused(file, n, "target_year '" + f.get(7) + "' is not a year");
    }
    if (year < 2000 || year > 2100) {
      throw refused(file, n, "target_year " + year + " is outside 2000-2100");
    }
    String needed = f.get(9).isEmpty() ? null : f.get(9);
    if (needed != null && Indicators.DERIVED.contains(indicator)) {
      throw refused(
          file,
          n,
          "indicator " + indicator + " is computed by the pipeline: needed_dataset must be empty");
    }
    return new Target(
        id,
        f.get(1),
        f.get(2).isEmpty() ? null : f.get(2),
        province,
        indicator,
        comparator,
        value,
        year,
        f.get(8).isEmpty() ? null : f.get(8),
        needed,
        f.get(10));
  }

  private static ConfigException refused(Path file, int line, String why) {
    return new ConfigException("Cannot read the targets " + file + ", line " + line + ": " + why);
  }

  private static List<String> trimmed(List<String> fields) {
    List<String> out = new ArrayList<>(fields.size());
    fields.forEach(s -> out.add(s.trim()));
    return out;
  }
}
