package vn.kinhteso.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import vn.kinhteso.config.PipelineConfig.ConfigException;
import vn.kinhteso.export.Export;
import vn.kinhteso.export.GoldExtract;
import vn.kinhteso.export.Labels;
import vn.kinhteso.export.Suppression;
import vn.kinhteso.export.Table;

/**
 * {@code bin/kinhteso report}: one self-contained HTML page (no network) with ECharts inlined from
 * its WebJar, Vietnamese and English labels, the public view of gold (confidential cells suppressed
 * as in the public exports) and the run and release under every chart. Each chart's container gets
 * {@code data-rendered} once ECharts has drawn it, and {@code data-points} the values it plots, so
 * a browser test can tell a drawn chart from an empty one.
 */
public final class Report {
  static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
  static final String TEMPLATE = "vn/kinhteso/report/report.html";

  private Report() {}

  public static Path write(
      GoldExtract gold, Labels labels, Path file, int minUnits, double maxTopShare) {
    if (gold.isEmpty()) {
      throw new ConfigException(
          "Cannot write the report: no gold table under "
              + gold.lakeRoot()
              + " (run bin/kinhteso nightly first)");
    }
    Map<String, Table> t = new LinkedHashMap<>();
    gold.view(labels, false).forEach(x -> t.put(x.name(), x));
    String source = "run " + gold.runId() + " · GRDP " + String.join(", ", gold.grdpReleases());
    List<Map<String, Object>> charts = new ArrayList<>();
    Table share = t.get(GoldExtract.DIGITAL_ECONOMY_SHARE);
    if (share != null) {
      charts.addAll(shareCharts(share, labels, source));
    }
    Table lp = t.get(GoldExtract.LABOUR_PRODUCTIVITY);
    if (lp != null) {
      charts.add(growthChart(lp, source));
    }
    Table ind = t.get(GoldExtract.DIGITAL_INDICATORS);
    if (ind != null) {
      Map<String, Object> c = ecommerceChart(ind, source);
      if (c != null) {
        charts.add(c);
      }
    }
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("run", gold.runId());
    page.put("release", gold.latestRelease());
    page.put("releases", gold.grdpReleases());
    page.put(
        "footnote_vi", String.format(Locale.ROOT, Export.FOOTNOTE_VI, minUnits, fmt(maxTopShare)));
    page.put(
        "footnote_en", String.format(Locale.ROOT, Export.FOOTNOTE_EN, minUnits, fmt(maxTopShare)));
    page.put("charts", charts);
    Table sc = t.get(GoldExtract.TARGET_SCORECARD);
    page.put("scorecard", sc == null ? null : scorecard(sc, source));
    // Data first: the library's text is not searched for the data's placeholder.
    String html =
        resource(TEMPLATE)
            .replace("/*DATA*/", Json.of(page).replace("</", "<\\/"))
            .replace("/*ECHARTS*/", resource(ECHARTS).replace("</script", "<\\/script"));
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Files.writeString(file, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the report " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  private static String fmt(double p) {
    return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
  }

  private static List<Map<String, Object>> shareCharts(Table share, Labels labels, String source) {
    List<Map<String, Object>> out = new ArrayList<>();
    int latest = latestYear(share, Suppression.PROVINCE_2025);
    List<Object[]> byProvince =
        rows(share, Suppression.PROVINCE_2025, latest, "sector", Suppression.ALL);
    List<String> names = new ArrayList<>();
    List<Object> shares = new ArrayList<>();
    List<Object> core = new ArrayList<>();
    List<Object> digitalised = new ArrayList<>();
    List<Object> household = new ArrayList<>();
    List<Object> hidden = new ArrayList<>();
    for (Object[] r : byProvince) {
      names.add(String.valueOf(get(share, r, "province_name")));
      shares.add(get(share, r, "share_pct"));
      core.add(pctOf(get(share, r, "core_ict_bn_vnd"), get(share, r, "grdp_current_bn_vnd")));
      digitalised.add(
          pctOf(
              get(share, r, "digitalised_enterprise_bn_vnd"),
              get(share, r, "grdp_current_bn_vnd")));
      household.add(
          pctOf(get(share, r, "household_online_bn_vnd"), get(share, r, "grdp_current_bn_vnd")));
      hidden.add(get(share, r, GoldExtract.SUPPRESSION) != null);
    }
    out.add(
        chart(
            "share-by-province",
            "bar",
            "Tỷ trọng kinh tế số trong GRDP theo tỉnh, " + latest,
            "Digital-economy share of GRDP by province, " + latest,
            "gold.digital_economy_share (province_2025, ALL) · " + source,
            names,
            List.of(series("Tỷ trọng / Share (%)", shares)),
            20.0,
            "Mục tiêu 20% / 20% target",
            hidden));
    out.add(
        chart(
            "components-by-province",
            "stack",
            "Ba thành phần của kinh tế số, % GRDP, " + latest,
            "The three components of the digital economy, % of GRDP, " + latest,
            "gold.digital_economy_share (province_2025, ALL) · " + source,
            names,
            List.of(
                series("Lõi ICT / ICT core", core),
                series("Doanh nghiệp số hóa / Digitalised enterprises", digitalised),
                series("Hộ kinh doanh trực tuyến / Household online sellers", household)),
            null,
            null,
            hidden));

    int nationalLatest = latestYear(share, Suppression.NATIONAL);
    List<String> sectors = new ArrayList<>();
    List<Object> sectorShare = new ArrayList<>();
    List<Object> sectorHidden = new ArrayList<>();
    for (Object[] r : rows(share, Suppression.NATIONAL, nationalLatest, null, null)) {
      String s = (String) get(share, r, "sector");
      if (!s.equals(Suppression.ALL)) {
        sectors.add(s + " " + labels.sectorVi(s) + " / " + labels.sectorEn(s));
        sectorShare.add(get(share, r, "share_pct"));
        sectorHidden.add(get(share, r, GoldExtract.SUPPRESSION) != null);
      }
    }
    out.add(
        chart(
            "share-by-sector",
            "hbar",
            "Tỷ trọng kinh tế số theo ngành (toàn quốc), " + nationalLatest,
            "Digital-economy share by sector (national), " + nationalLatest,
            "gold.digital_economy_share (national) · " + source,
            sectors,
            List.of(series("Tỷ trọng / Share (%)", sectorShare)),
            10.0,
            "Mục tiêu 10% / 10% target",
            sectorHidden));

    List<String> years = new ArrayList<>();
    List<Object> s = new ArrayList<>();
    List<Object> lo = new ArrayList<>();
    List<Object> hi = new ArrayList<>();
    for (Object[] r : rows(share, Suppression.NATIONAL, null, "sector", Suppression.ALL)) {
      years.add(String.valueOf(get(share, r, "year")));
      s.add(get(share, r, "share_pct"));
      lo.add(get(share, r, "ci_low_pct"));
      hi.add(get(share, r, "ci_high_pct"));
    }
    out.add(
        chart(
            "national-series",
            "band",
            "Tỷ trọng kinh tế số toàn quốc và khoảng tin cậy 95%",
            "National digital-economy share with its 95% interval",
            "gold.digital_economy_share (national, ALL) · " + source,
            years,
            List.of(
                series("Tỷ trọng / Share (%)", s),
                series("Cận dưới / Low (%)", lo),
                series("Cận trên / High (%)", hi)),
            null,
            null,
            null));
    return out;
  }

  private static Map<String, Object> growthChart(Table lp, String source) {
    int latest = latestYear(lp, Suppression.PROVINCE_2025);
    List<String> names = new ArrayList<>();
    List<Object> growth = new ArrayList<>();
    for (Object[] r : rows(lp, Suppression.PROVINCE_2025, latest, "sector", Suppression.ALL)) {
      names.add(String.valueOf(get(lp, r, "province_name")));
      growth.add(get(lp, r, "growth_pct"));
    }
    return chart(
        "productivity-growth",
        "bar",
        "Tăng năng suất lao động theo tỉnh, " + latest,
        "Labour productivity growth by province, " + latest,
        "gold.labour_productivity (province_2025, ALL) · " + source,
        names,
        List.of(series("Tăng trưởng / Growth (%)", growth)),
        7.0,
        "Mục tiêu 7%/năm / 7% a year",
        null);
  }

  private static Map<String, Object> ecommerceChart(Table ind, String source) {
    List<Object[]> rows = new ArrayList<>();
    for (Object[] r : ind.rows()) {
      if ("ecommerce_retail_share_pct".equals(get(ind, r, "indicator"))
          && Suppression.PROVINCE_2025.equals(get(ind, r, "geo_level"))) {
        rows.add(r);
      }
    }
    if (rows.isEmpty()) {
      return null;
    }
    int latest =
        rows.stream().mapToInt(r -> ((Number) get(ind, r, "year")).intValue()).max().getAsInt();
    List<String> names = new ArrayList<>();
    List<Object> v = new ArrayList<>();
    for (Object[] r : rows) {
      if (((Number) get(ind, r, "year")).intValue() == latest) {
        names.add(String.valueOf(get(ind, r, "province_name")));
        v.add(get(ind, r, "value"));
      }
    }
    return chart(
        "ecommerce-retail",
        "bar",
        "Tỷ trọng thương mại điện tử trong tổng mức bán lẻ, " + latest,
        "E-commerce share of retail sales, " + latest,
        "gold.digital_indicators (ecommerce_retail_share_pct, province_2025) · " + source,
        names,
        List.of(series("Tỷ trọng / Share (%)", v)),
        10.0,
        "Mục tiêu 10% / 10% target",
        null);
  }

  /** The scorecard as rows for the page's table (colours by status are the page's). */
  private static Map<String, Object> scorecard(Table sc, String source) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Object[] r : sc.rows()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < sc.columns().size(); i++) {
        m.put(sc.columns().get(i), r[i]);
      }
      rows.add(m);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("columns", sc.columns());
    m.put("rows", rows);
    m.put("source", "gold.target_scorecard · " + source);
    return m;
  }

  private static Map<String, Object> chart(
      String id,
      String kind,
      String titleVi,
      String titleEn,
      String source,
      List<String> categories,
      List<Map<String, Object>> series,
      Double target,
      String targetLabel,
      List<Object> hidden) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("id", id);
    c.put("kind", kind);
    c.put("title_vi", titleVi);
    c.put("title_en", titleEn);
    c.put("source", source);
    c.put("categories", categories);
    c.put("series", series);
    c.put("target", target);
    c.put("target_label", targetLabel);
    c.put("hidden", hidden);
    return c;
  }

  private static Map<String, Object> series(String name, List<Object> data) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("name", name);
    s.put("data", data);
    return s;
  }

  private static Object pctOf(Object part, Object grdp) {
    if (!(part instanceof Number p) || !(grdp instanceof Number g) || g.doubleValue() == 0) {
      return null;
    }
    return 100 * p.doubleValue() / g.doubleValue();
  }

  private static Object get(Table t, Object[] r, String c) {
    int i = t.index(c);
    return i < 0 ? null : r[i];
  }

  private static int latestYear(Table t, String geoLevel) {
    TreeSet<Integer> years = new TreeSet<>();
    for (Object[] r : t.rows()) {
      if (geoLevel.equals(get(t, r, "geo_level"))) {
        years.add(((Number) get(t, r, "year")).intValue());
      }
    }
    if (years.isEmpty()) {
      throw new ConfigException(
          "Cannot write the report: gold." + t.name() + " has no " + geoLevel + " row");
    }
    return years.last();
  }

  private static List<Object[]> rows(
      Table t, String geoLevel, Integer year, String column, String value) {
    List<Object[]> out = new ArrayList<>();
    for (Object[] r : t.rows()) {
      if (geoLevel.equals(get(t, r, "geo_level"))
          && (year == null || year == ((Number) get(t, r, "year")).intValue())
          && (column == null || value.equals(get(t, r, column)))) {
        out.add(r);
      }
    }
    return out;
  }

  static String resource(String name) {
    try (InputStream in = Report.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "Cannot write the report: " + name + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
