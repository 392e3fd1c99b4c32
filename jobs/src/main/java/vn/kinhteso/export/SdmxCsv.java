package vn.kinhteso.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SDMX-CSV 2.0 (SDMX 3.0): one observation per line, columns {@code STRUCTURE, STRUCTURE_ID,
 * ACTION}, the dimensions, {@code OBS_VALUE}, then the attributes. Each geography is its own
 * dataflow ({@code DF_<TABLE>_P2004}, {@code _P2025}, {@code _VN}) because a province code means a
 * different province in the 2004 and 2025 lists: REF_AREA is coded in CL_PROVINCE_2004,
 * CL_PROVINCE_2025 or CL_AREA_VN, whose codes are those of the reference lists. Wide tables become
 * one observation per measure (dimension MEASURE). docs/analysts.md documents the structures and
 * code lists.
 */
public final class SdmxCsv {
  public static final String AGENCY = "KINHTESO";
  public static final String VERSION = "1.0";
  static final List<String> COLUMNS =
      List.of(
          "STRUCTURE",
          "STRUCTURE_ID",
          "ACTION",
          "REF_AREA",
          "TIME_PERIOD",
          "ACTIVITY",
          "INDICATOR",
          "TARGET",
          "MEASURE",
          "OBS_VALUE",
          "UNIT_MEASURE",
          "OBS_STATUS",
          "CONF_STATUS",
          "RELEASE",
          "QUALITY_FLAGS",
          "SERIES_BREAK",
          "NOTE",
          "RUN_ID");

  /** Measures of the wide tables and their unit (SDMX UNIT_MEASURE code). */
  static final Map<String, Map<String, String>> MEASURES = new LinkedHashMap<>();

  static {
    Map<String, String> share = new LinkedHashMap<>();
    share.put("grdp_current_bn_vnd", "BN_VND");
    share.put("digital_va_bn_vnd", "BN_VND");
    share.put("core_ict_bn_vnd", "BN_VND");
    share.put("digitalised_enterprise_bn_vnd", "BN_VND");
    share.put("household_online_bn_vnd", "BN_VND");
    share.put("share_pct", "PT");
    share.put("coverage_pct", "PT");
    share.put("ci_low_pct", "PT");
    share.put("ci_high_pct", "PT");
    share.put("enterprise_units", "NUMBER");
    share.put("top_unit_share_pct", "PT");
    MEASURES.put(GoldExtract.DIGITAL_ECONOMY_SHARE, share);
    Map<String, String> lp = new LinkedHashMap<>();
    lp.put("grdp_constant_2010_bn_vnd", "BN_VND");
    lp.put("employed_thousands", "THS_PERSONS");
    lp.put("productivity_mn_vnd", "MN_VND_PER_WORKER");
    lp.put("growth_pct", "PT");
    MEASURES.put(GoldExtract.LABOUR_PRODUCTIVITY, lp);
    Map<String, String> sc = new LinkedHashMap<>();
    sc.put("target_value", "");
    sc.put("latest_value", "");
    sc.put("projected_value", "");
    sc.put("projected_low", "");
    sc.put("projected_high", "");
    MEASURES.put(GoldExtract.TARGET_SCORECARD, sc);
  }

  private SdmxCsv() {}

  /** The geography part of a dataflow id. */
  static String geo(String geoLevel) {
    return switch (geoLevel) {
      case Suppression.PROVINCE_2004 -> "P2004";
      case Suppression.PROVINCE_2025 -> "P2025";
      default -> "VN";
    };
  }

  public static String structureId(String table, String geoLevel) {
    String base =
        "DF_" + table.toUpperCase(Locale.ROOT) + (geoLevel == null ? "" : "_" + geo(geoLevel));
    return AGENCY + ":" + base + "(" + VERSION + ")";
  }

  /** Writes the table, or returns null for a table without an SDMX structure here. */
  static Path write(Table t, Path file, boolean internal) throws IOException {
    boolean indicators = t.name().equals(GoldExtract.DIGITAL_INDICATORS);
    boolean scorecard = t.name().equals(GoldExtract.TARGET_SCORECARD);
    if (!indicators && !MEASURES.containsKey(t.name())) {
      return null;
    }
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(String.join(",", COLUMNS) + "\n");
      for (Object[] r : t.rows()) {
        if (indicators) {
          w.write(
              line(t, r, "value", null, unitOfIndicator(String.valueOf(get(t, r, "indicator")))));
        } else {
          for (Map.Entry<String, String> m : MEASURES.get(t.name()).entrySet()) {
            if (t.has(m.getKey())) {
              w.write(
                  line(
                      t,
                      r,
                      m.getKey(),
                      m.getKey().toUpperCase(Locale.ROOT),
                      scorecard ? "" : m.getValue()));
            }
          }
        }
      }
    }
    return file;
  }

  static String unitOfIndicator(String indicator) {
    return indicator.endsWith("_pct")
        ? "PT"
        : indicator.equals("ict_core_enterprises") ? "NUMBER" : "";
  }

  private static Object get(Table t, Object[] r, String column) {
    int i = t.index(column);
    return i < 0 ? null : r[i];
  }

  private static String line(
      Table t, Object[] r, String measureColumn, String measureCode, String unit) {
    Map<String, String> v = new LinkedHashMap<>();
    COLUMNS.forEach(c -> v.put(c, ""));
    String geoLevel = (String) get(t, r, "geo_level");
    v.put("STRUCTURE", "dataflow");
    v.put("STRUCTURE_ID", structureId(t.name(), geoLevel));
    v.put("ACTION", "I");
    v.put("REF_AREA", Export.text(get(t, r, "province_code")));
    v.put("TIME_PERIOD", Export.text(get(t, r, "year")));
    v.put("ACTIVITY", Export.text(get(t, r, "sector")));
    v.put("INDICATOR", Export.text(get(t, r, "indicator")));
    v.put("TARGET", Export.text(get(t, r, "target_id")));
    v.put("MEASURE", measureCode == null ? "" : measureCode);
    Object value = get(t, r, measureColumn);
    Object suppression = get(t, r, GoldExtract.SUPPRESSION);
    boolean hidden = suppression != null && GoldExtract.SUPPRESSED.contains(measureColumn);
    v.put("OBS_VALUE", Export.text(value));
    v.put("UNIT_MEASURE", unit);
    // SDMX CL_OBS_STATUS: A normal, M missing; CL_CONF_STATUS: F free, C confidential, D secondary.
    v.put("OBS_STATUS", value != null ? "A" : hidden ? "" : "M");
    v.put("CONF_STATUS", !hidden ? "F" : GoldExtract.PRIMARY.equals(suppression) ? "C" : "D");
    Object release = t.has("grdp_release") ? get(t, r, "grdp_release") : get(t, r, "release");
    v.put("RELEASE", Export.text(release));
    v.put("QUALITY_FLAGS", Export.text(get(t, r, "quality_flags")));
    v.put("SERIES_BREAK", Export.text(get(t, r, "series_break")));
    List<String> note = new ArrayList<>();
    for (String c :
        List.of(
            "comparator",
            "target_year",
            "evaluated_geo_level",
            "evaluated_province_code",
            "latest_year",
            "status",
            "note")) {
      if (t.has(c) && get(t, r, c) != null) {
        note.add(c + "=" + Export.text(get(t, r, c)));
      }
    }
    v.put("NOTE", String.join("; ", note));
    v.put("RUN_ID", Export.text(get(t, r, "run_id")));
    List<String> out = new ArrayList<>();
    v.values().forEach(s -> out.add(Export.quote(s)));
    return String.join(",", out) + "\n";
  }
}
