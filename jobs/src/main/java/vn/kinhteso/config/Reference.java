package vn.kinhteso.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference lists of conf/: province codes of 2004 and 2025 and their crosswalk, VSIC sections
 * and divisions, the ICT core, the e-commerce categories and the series breaks. They are small
 * public facts, read once on the driver and joined as broadcast tables.
 */
public final class Reference {
  /**
   * One e-commerce category as the methodology counts it; the interval draws va_ratio in [low,
   * high].
   */
  public record Category(
      String code,
      String section,
      double vaRatio,
      String nameVi,
      double vaRatioLow,
      double vaRatioHigh) {}

  /**
   * An assumption of the interval (methodology §3): its value in the point estimate and the range
   * it is drawn in.
   */
  public record Assumption(String name, double low, double centre, double high) {}

  /** Which sections a range of two-digit VSIC divisions belongs to. */
  public record DivisionRange(int from, int to, String section) {}

  private final Map<String, String> provinces2004;
  private final Map<String, String> provinces2025;
  private final Map<String, String> crosswalk;
  private final Map<String, String> sections;
  private final List<DivisionRange> divisions;
  private final List<String> ictCorePrefixes;
  private final Map<String, Category> categories;
  private final List<Integer> seriesBreaks;
  private final Map<String, Assumption> intervalAssumptions;

  private Reference(PipelineConfig config) {
    Path dir = config.path(ConfigKeys.REFERENCE_DIR);
    String vsic = config.get(ConfigKeys.VSIC);
    provinces2004 = column(dir.resolve("provinces_2004.csv"), "code", "name");
    provinces2025 = column(dir.resolve("provinces_2025.csv"), "code", "name");
    crosswalk = column(dir.resolve("province_crosswalk_2004_2025.csv"), "code_2004", "code_2025");
    sections = column(dir.resolve(vsic + "_sections.csv"), "section", "name_vi");
    List<DivisionRange> d = new ArrayList<>();
    for (Map<String, String> r : Csv.read(dir.resolve(vsic + "_divisions.csv"))) {
      d.add(
          new DivisionRange(
              Integer.parseInt(r.get("division_from")),
              Integer.parseInt(r.get("division_to")),
              r.get("section")));
    }
    divisions = Collections.unmodifiableList(d);
    List<String> core = new ArrayList<>();
    for (Map<String, String> r : Csv.read(config.path(ConfigKeys.ICT_CORE))) {
      core.add(r.get("vsic_prefix").trim());
    }
    ictCorePrefixes = Collections.unmodifiableList(core);
    Map<String, Category> cats = new LinkedHashMap<>();
    for (Map<String, String> r : Csv.read(config.path(ConfigKeys.CATEGORIES))) {
      double ratio = Double.parseDouble(r.get("va_ratio"));
      if (ratio < 0 || ratio > 1) {
        throw new PipelineConfig.ConfigException(
            "Cannot use category "
                + r.get("category")
                + ": va_ratio must be between 0 and 1, got "
                + ratio);
      }
      if (!sections.containsKey(r.get("section"))) {
        throw new PipelineConfig.ConfigException(
            "Cannot use category "
                + r.get("category")
                + ": section '"
                + r.get("section")
                + "' is not a "
                + vsic
                + " section");
      }
      double low = optionalRatio(r, "va_ratio_low", ratio);
      double high = optionalRatio(r, "va_ratio_high", ratio);
      if (!(low <= ratio && ratio <= high)) {
        throw new PipelineConfig.ConfigException(
            "Cannot use category "
                + r.get("category")
                + ": va_ratio_low <= va_ratio <= va_ratio_high must hold, got "
                + low
                + ", "
                + ratio
                + ", "
                + high);
      }
      cats.put(
          r.get("category").trim(),
          new Category(
              r.get("category").trim(), r.get("section"), ratio, r.get("name_vi"), low, high));
    }
    categories = Collections.unmodifiableMap(cats);
    List<Integer> breaks = new ArrayList<>();
    for (Map<String, String> r : Csv.read(config.path(ConfigKeys.SERIES_BREAKS))) {
      breaks.add(Integer.parseInt(r.get("year").trim()));
    }
    seriesBreaks = Collections.unmodifiableList(breaks);
    Map<String, Assumption> assumptions = new LinkedHashMap<>();
    Path assumptionFile = dir.resolve("interval_assumptions.csv");
    if (java.nio.file.Files.isRegularFile(assumptionFile)) {
      for (Map<String, String> r : Csv.read(assumptionFile)) {
        try {
          Assumption a =
              new Assumption(
                  r.get("assumption").trim(),
                  Double.parseDouble(r.get("low").trim()),
                  Double.parseDouble(r.get("centre").trim()),
                  Double.parseDouble(r.get("high").trim()));
          if (!(a.low() <= a.centre() && a.centre() <= a.high() && a.low() >= 0)) {
            throw new NumberFormatException("0 <= low <= centre <= high must hold");
          }
          assumptions.put(a.name(), a);
        } catch (NumberFormatException | NullPointerException e) {
          throw new PipelineConfig.ConfigException(
              "Cannot use "
                  + assumptionFile
                  + ", assumption "
                  + r.get("assumption")
                  + ": "
                  + e.getMessage());
        }
      }
    }
    intervalAssumptions = Collections.unmodifiableMap(assumptions);
    for (Map.Entry<String, String> e : crosswalk.entrySet()) {
      if (!provinces2004.containsKey(e.getKey()) || !provinces2025.containsKey(e.getValue())) {
        throw new PipelineConfig.ConfigException(
            "Cannot use the province crosswalk: "
                + e.getKey()
                + " -> "
                + e.getValue()
                + " is not in the code lists");
      }
    }
  }

  public static Reference load(PipelineConfig config) {
    return new Reference(config);
  }

  private static Map<String, String> column(Path file, String key, String value) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Map<String, String> r : Csv.read(file)) {
      m.put(r.get(key).trim(), r.get(value).trim());
    }
    return Collections.unmodifiableMap(m);
  }

  public Map<String, String> provinces2004() {
    return provinces2004;
  }

  public Map<String, String> provinces2025() {
    return provinces2025;
  }

  /** 2004 code to the 2025 code of the province it became part of. */
  public Map<String, String> crosswalk() {
    return crosswalk;
  }

  /** Section letter to its Vietnamese name. */
  public Map<String, String> sections() {
    return sections;
  }

  public List<DivisionRange> divisions() {
    return divisions;
  }

  public List<String> ictCorePrefixes() {
    return ictCorePrefixes;
  }

  public Map<String, Category> categories() {
    return categories;
  }

  public List<Integer> seriesBreaks() {
    return seriesBreaks;
  }

  /**
   * The interval's assumptions by name (conf/reference/interval_assumptions.csv); absent ones are
   * not varied.
   */
  public Map<String, Assumption> intervalAssumptions() {
    return intervalAssumptions;
  }

  private static double optionalRatio(Map<String, String> r, String column, double dflt) {
    String v = r.get(column);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new PipelineConfig.ConfigException(
          "Cannot use category "
              + r.get("category")
              + ": "
              + column
              + " '"
              + v
              + "' is not a number");
    }
  }

  /** The section of a two-digit division, or null when the division is not in the list. */
  public String sectionOfDivision(int division) {
    for (DivisionRange r : divisions) {
      if (division >= r.from() && division <= r.to()) {
        return r.section();
      }
    }
    return null;
  }
}
