package vn.kinhteso.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.TinyPublishedLake;
import vn.kinhteso.config.Csv;

/**
 * The exports of the tiny example's published gold, and the §8 guarantee: on random tables and on
 * the published file, no suppressed value can be recovered from the published rows and totals
 * (checked by {@link Recovery}, written apart from the suppression itself).
 */
class ExportIT {
  @TempDir static Path out;
  static TinyPublishedLake tiny;
  static AnalystsOutputs outputs;

  /** The tiny lake is published on first use: the random-table tests need no Spark. */
  static synchronized void publishTiny() {
    if (tiny == null) {
      tiny = TinyPublishedLake.get();
      outputs = new AnalystsOutputs(SharedSpark.get(), tiny.config, tiny.reference);
    }
  }

  static Map<Recovery.Cell, Map<String, String>> cells(Path csv) {
    Map<Recovery.Cell, Map<String, String>> m = new LinkedHashMap<>();
    for (Map<String, String> r : Csv.read(csv)) {
      m.put(
          new Recovery.Cell(
              r.get("geo_level"),
              r.get("province_code"),
              Integer.parseInt(r.get("year")),
              r.get("sector")),
          r);
    }
    return m;
  }

  @Test
  void randomTablesKeepEverySuppressedCellUnrecoverable() {
    Map<String, String> crosswalk =
        Map.of("11", "A1", "12", "A1", "13", "A1", "21", "A2", "22", "A2", "31", "A3");
    List<String> sectors = List.of("C", "G", "I", "J", "K");
    Random rnd = new Random(42);
    int suppressedTotal = 0;
    for (int table = 0; table < 300; table++) {
      Map<Suppression.Key, Double> values = new HashMap<>();
      Set<Suppression.Key> confidential = new HashSet<>();
      for (String p : crosswalk.keySet()) {
        for (String s : sectors) {
          Suppression.Key k = new Suppression.Key("province_2004", p, 2024, s);
          values.put(k, rnd.nextInt(5) == 0 ? 0.0 : rnd.nextInt(1000) / 10.0);
          if (rnd.nextDouble() < 0.12) {
            confidential.add(k);
          }
        }
      }
      // Totals: the 2025 provinces, ALL, the nation; some of them confidential too.
      Map<Suppression.Key, Double> totals = new HashMap<>();
      values.forEach(
          (k, v) -> {
            for (Suppression.Key t :
                List.of(
                    new Suppression.Key(
                        "province_2025", crosswalk.get(k.province()), 2024, k.sector()),
                    new Suppression.Key("national", "VN", 2024, k.sector()))) {
              totals.merge(t, v, Double::sum);
            }
          });
      values.putAll(totals);
      Map<Suppression.Key, Double> all = new HashMap<>();
      values.forEach(
          (k, v) ->
              all.merge(
                  new Suppression.Key(k.geoLevel(), k.province(), 2024, "ALL"), v, Double::sum));
      values.putAll(all);
      if (rnd.nextBoolean()) {
        confidential.add(new Suppression.Key("province_2025", "A3", 2024, "ALL"));
      }
      List<Suppression.Cell> cells = new ArrayList<>();
      values.forEach((k, v) -> cells.add(new Suppression.Cell(k, v, confidential.contains(k))));
      Map<Suppression.Key, Suppression.Status> status = Suppression.of(cells, crosswalk);
      for (Suppression.Key c : confidential) {
        assertEquals(Suppression.Status.PRIMARY, status.get(c));
      }
      Set<Recovery.Cell> published =
          values.keySet().stream().map(ExportIT::cell).collect(Collectors.toSet());
      Set<Recovery.Cell> hidden =
          status.keySet().stream().map(ExportIT::cell).collect(Collectors.toSet());
      assertEquals(List.of(), Recovery.recoverable(published, hidden, crosswalk), "table " + table);
      suppressedTotal += hidden.size();
    }
    assertTrue(suppressedTotal > 300, "the random tables do suppress cells: " + suppressedTotal);
  }

  @Test
  void aCellBridgingTwoSuppressedBlocksIsProtectedToo() {
    // Rows 11, 12 and columns C, G form one block of four; 21, 22 × I, J another; 11/I joins them.
    // Each row and column then holds two or three suppressed cells, yet the bridge is recoverable
    // (block sums are known), so one more cell must go.
    Map<String, String> crosswalk = Map.of("11", "A1", "12", "A1", "21", "A2", "22", "A2");
    List<Suppression.Cell> cells = new ArrayList<>();
    Set<String> primary = Set.of("11C", "11G", "12C", "12G", "21I", "21J", "22I", "22J", "11I");
    Map<Suppression.Key, Double> totals = new HashMap<>();
    for (String p : crosswalk.keySet()) {
      for (String s : List.of("C", "G", "I", "J")) {
        double v = 10 + p.hashCode() % 7 + s.charAt(0);
        cells.add(
            new Suppression.Cell(
                new Suppression.Key("province_2004", p, 2024, s), v, primary.contains(p + s)));
        totals.merge(new Suppression.Key("province_2004", p, 2024, "ALL"), v, Double::sum);
        totals.merge(new Suppression.Key("national", "VN", 2024, s), v, Double::sum);
        totals.merge(new Suppression.Key("national", "VN", 2024, "ALL"), v, Double::sum);
      }
    }
    totals.forEach((k, v) -> cells.add(new Suppression.Cell(k, v, false)));
    Map<Suppression.Key, Suppression.Status> status = Suppression.of(cells, Map.of());
    Set<Recovery.Cell> published =
        cells.stream().map(c -> cell(c.key())).collect(Collectors.toSet());
    Set<Recovery.Cell> hidden =
        status.keySet().stream().map(ExportIT::cell).collect(Collectors.toSet());
    assertFalse(
        Recovery.recoverable(
                published,
                Set.of(
                    cell(new Suppression.Key("province_2004", "11", 2024, "I")),
                    cell(new Suppression.Key("province_2004", "11", 2024, "C"))),
                Map.of())
            .isEmpty(),
        "the checker sees a lone suppressed pair in a row");
    assertEquals(List.of(), Recovery.recoverable(published, hidden, Map.of()));
    assertTrue(status.values().contains(Suppression.Status.SECONDARY));
  }

  static Recovery.Cell cell(Suppression.Key k) {
    return new Recovery.Cell(k.geoLevel(), k.province(), k.year(), k.sector());
  }

  @Test
  void publicCsvSuppressesAndNothingCanBeSubtractedBack() throws Exception {
    publishTiny();
    Path pub = out.resolve("public");
    Path internal = out.resolve("internal");
    outputs.export(Export.Format.CSV, pub, false);
    outputs.export(Export.Format.CSV, internal, true);
    for (String t : List.of("digital_economy_share", "labour_productivity", "digital_indicators")) {
      assertTrue(Files.isRegularFile(pub.resolve(t + ".csv")), t);
    }
    Map<Recovery.Cell, Map<String, String>> p = cells(pub.resolve("digital_economy_share.csv"));
    Map<Recovery.Cell, Map<String, String>> in =
        cells(internal.resolve("digital_economy_share.csv"));
    List<String> header =
        List.of(Files.readAllLines(pub.resolve("digital_economy_share.csv")).get(0).split(","));
    assertFalse(
        header.contains("confidential") || header.contains("top_unit_share_pct"),
        header.toString());
    assertTrue(
        header.contains("suppression") && header.contains("province_name"), header.toString());
    Map<String, String> j27 = p.get(new Recovery.Cell("province_2004", "27", 2024, "J"));
    assertEquals("Bắc Ninh", j27.get("province_name"));
    assertEquals("confidential", j27.get("suppression"));
    for (String c : GoldExtract.SUPPRESSED) {
      assertEquals("", j27.getOrDefault(c, ""), c + " of a confidential cell");
    }
    assertEquals(
        "72",
        in.get(new Recovery.Cell("province_2004", "27", 2024, "J")).get("digital_va_bn_vnd"),
        "internal keeps the value");
    assertEquals(
        "true", in.get(new Recovery.Cell("province_2004", "27", 2024, "J")).get("confidential"));

    // The relations the check relies on hold on the internal values (digital VA adds up).
    for (List<Recovery.Cell> rel : Recovery.relations(in.keySet(), tiny.reference.crosswalk())) {
      double total = Double.parseDouble(in.get(rel.get(0)).get("digital_va_bn_vnd"));
      double sum =
          rel.subList(1, rel.size()).stream()
              .mapToDouble(c -> Double.parseDouble(in.get(c).get("digital_va_bn_vnd")))
              .sum();
      assertEquals(total, sum, 1e-9, "relation " + rel);
    }
    // Every gold cell is published, each suppressed one without a value and no recoverable one.
    assertEquals(in.keySet(), p.keySet());
    Set<Recovery.Cell> hidden = new HashSet<>();
    p.forEach(
        (k, r) -> {
          if (!r.get("suppression").isEmpty()) {
            hidden.add(k);
            assertEquals("", r.get("digital_va_bn_vnd"));
          } else {
            assertEquals(in.get(k).get("digital_va_bn_vnd"), r.get("digital_va_bn_vnd"));
          }
        });
    for (Map.Entry<Recovery.Cell, Map<String, String>> e : in.entrySet()) {
      if ("true".equals(e.getValue().get("confidential"))) {
        assertTrue(hidden.contains(e.getKey()), "primary " + e.getKey());
      }
    }
    assertTrue(hidden.size() > 5, "tiny has many small cells: " + hidden.size());
    assertEquals(List.of(), Recovery.recoverable(p.keySet(), hidden, tiny.reference.crosswalk()));

    // Stable: the same gold gives the same bytes; a manifest names the run.
    Path again = out.resolve("again");
    outputs.export(Export.Format.CSV, again, false);
    assertArrayEquals(
        Files.readAllBytes(pub.resolve("digital_economy_share.csv")),
        Files.readAllBytes(again.resolve("digital_economy_share.csv")));
    assertTrue(Files.readString(pub.resolve("manifest.json")).contains(tiny.runId));
  }

  @Test
  void sdmxCsvUsesTheReferenceCodes() throws Exception {
    publishTiny();
    Path dir = out.resolve("sdmx");
    outputs.export(Export.Format.SDMX_CSV, dir, false);
    List<Map<String, String>> rows = Csv.read(dir.resolve("digital_economy_share.sdmx.csv"));
    assertEquals(
        SdmxCsv.COLUMNS,
        List.of(
            Files.readAllLines(dir.resolve("digital_economy_share.sdmx.csv")).get(0).split(",")));
    Set<String> sections = new HashSet<>(tiny.reference.sections().keySet());
    sections.add("ALL");
    for (Map<String, String> r : rows) {
      String id = r.get("STRUCTURE_ID");
      assertEquals("dataflow", r.get("STRUCTURE"));
      assertEquals("I", r.get("ACTION"));
      Set<String> areas =
          id.endsWith("_P2004(1.0)")
              ? tiny.reference.provinces2004().keySet()
              : id.endsWith("_P2025(1.0)") ? tiny.reference.provinces2025().keySet() : Set.of("VN");
      assertTrue(areas.contains(r.get("REF_AREA")), r.toString());
      assertTrue(sections.contains(r.get("ACTIVITY")), r.toString());
      assertTrue(r.get("TIME_PERIOD").matches("\\d{4}"));
      assertTrue(Set.of("F", "C", "D").contains(r.get("CONF_STATUS")), r.toString());
      if (!r.get("CONF_STATUS").equals("F")) {
        assertEquals("", r.get("OBS_VALUE"), r.toString());
      }
    }
    Map<String, String> j27 =
        rows.stream()
            .filter(
                r ->
                    r.get("STRUCTURE_ID").equals("KINHTESO:DF_DIGITAL_ECONOMY_SHARE_P2004(1.0)")
                        && r.get("REF_AREA").equals("27")
                        && r.get("TIME_PERIOD").equals("2024")
                        && r.get("ACTIVITY").equals("J")
                        && r.get("MEASURE").equals("SHARE_PCT"))
            .findFirst()
            .orElseThrow();
    assertEquals("C", j27.get("CONF_STATUS"));
    Map<String, String> grdp =
        rows.stream()
            .filter(
                r ->
                    r.get("REF_AREA").equals("27")
                        && r.get("ACTIVITY").equals("J")
                        && r.get("TIME_PERIOD").equals("2024")
                        && r.get("MEASURE").equals("GRDP_CURRENT_BN_VND"))
            .findFirst()
            .orElseThrow();
    assertEquals("100", grdp.get("OBS_VALUE"), "GRDP is public statistics");
    assertEquals("BN_VND", grdp.get("UNIT_MEASURE"));
    assertTrue(Files.isRegularFile(dir.resolve("digital_indicators.sdmx.csv")));
    assertTrue(Files.isRegularFile(dir.resolve("labour_productivity.sdmx.csv")));
  }

  @Test
  void xlsxHasASheetPerTableNumbersAsNumbersAndAFrozenHeader() throws Exception {
    publishTiny();
    Path dir = out.resolve("xlsx");
    outputs.export(Export.Format.XLSX, dir, false);
    try (InputStream in = Files.newInputStream(dir.resolve("kinhteso.xlsx"));
        Workbook wb = WorkbookFactory.create(in)) {
      assertNotNull(wb.getSheet(Xlsx.NOTES));
      assertTrue(
          wb.getSheet(Xlsx.NOTES).getRow(1).getCell(1).getStringCellValue().contains(tiny.runId));
      Sheet s = wb.getSheet("digital_economy_share");
      assertNotNull(s);
      assertNotNull(wb.getSheet("labour_productivity"));
      assertNotNull(wb.getSheet("digital_indicators"));
      assertEquals(1, s.getPaneInformation().getHorizontalSplitPosition());
      List<String> header = new ArrayList<>();
      s.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
      int name = header.indexOf("province_name");
      int grdp = header.indexOf("grdp_current_bn_vnd");
      int year = header.indexOf("year");
      Set<String> names = new HashSet<>();
      for (int i = 1; i <= s.getLastRowNum(); i++) {
        names.add(s.getRow(i).getCell(name).getStringCellValue());
        assertEquals(CellType.NUMERIC, s.getRow(i).getCell(year).getCellType());
        if (s.getRow(i).getCell(grdp) != null) {
          assertEquals(CellType.NUMERIC, s.getRow(i).getCell(grdp).getCellType());
        }
      }
      assertTrue(names.containsAll(Set.of("Bắc Ninh", "Bắc Giang", "Toàn quốc")), names.toString());
    }
  }
}
