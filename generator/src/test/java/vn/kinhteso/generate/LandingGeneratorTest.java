package vn.kinhteso.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.config.Csv;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;

/** The generator's output at scale 1, clean and dirty, read back file by file. */
class LandingGeneratorTest {
  @TempDir static Path tmp;
  static Reference ref;
  static Path clean;
  static GenerationSummary cleanSummary;
  static Path dirty;
  static GenerationSummary dirtySummary;
  static LandingAudit cleanAudit;
  static LandingAudit dirtyAudit;

  @BeforeAll
  static void generate() {
    Path conf = Path.of(System.getProperty("kinhteso.conf", "../conf"));
    ref = Reference.load(PipelineConfig.forTests(conf, Map.of()));
    clean = tmp.resolve("clean");
    cleanSummary = LandingGenerator.generate(clean, 1, 1, false, ref);
    dirty = tmp.resolve("dirty");
    dirtySummary = LandingGenerator.generate(dirty, 1, 1, true, ref);
    cleanAudit = LandingAudit.of(clean, ref);
    dirtyAudit = LandingAudit.of(dirty, ref);
  }

  @Test
  void sameSeedGivesTheSameBytes() {
    Path again = tmp.resolve("again");
    LandingGenerator.generate(again, 1, 1, false, ref);
    Map<String, byte[]> a = tree(clean);
    Map<String, byte[]> b = tree(again);
    assertEquals(a.keySet(), b.keySet());
    a.forEach((k, v) -> assertArrayEquals(v, b.get(k), k));
  }

  @Test
  void differentSeedsDiffer() {
    Path other = tmp.resolve("seed2");
    LandingGenerator.generate(other, 2, .2, false, ref);
    Path small = tmp.resolve("seed1small");
    LandingGenerator.generate(small, 1, .2, false, ref);
    Map<String, byte[]> a = tree(small);
    Map<String, byte[]> b = tree(other);
    for (String f :
        List.of(
            "tax/registry/registry_2025-12-31.csv",
            "tax/declarations/declarations_2024.csv",
            "statistics/grdp/grdp_2024_official.csv",
            "ecommerce/shopee/shopee_2024.jsonl")) {
      assertFalse(
          java.util.Arrays.equals(a.get(f), b.get(f)), f + " is the same for seeds 1 and 2");
    }
  }

  @Test
  void refusesAFolderThatIsNotEmpty() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LandingGenerator.generate(clean, 1, 1, false, ref));
    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> LandingGenerator.generate(tmp.resolve("x"), 1, 0, false, ref));
  }

  @Test
  void cleanLandingHasNothingToQuarantineButTheRedeliveredFile() {
    assertEquals(Map.of("duplicate_file", 1L), cleanAudit.counts);
    assertEquals(List.of(), cleanAudit.multiReason);
    assertEquals(manifest(clean), cleanAudit.counts);
  }

  @Test
  void everyTaxIdHasAValidCheckDigit() {
    List<String> ids = new ArrayList<>();
    rows(clean, "tax/registry").forEach(r -> ids.add(r.get("tax_id")));
    rows(clean, "tax/declarations").forEach(r -> ids.add(r.get("tax_id")));
    for (Map<String, String> r : cleanAudit.valid.get("ecommerce")) {
      if (r.get("seller_tax_id") != null) {
        ids.add(r.get("seller_tax_id"));
      }
    }
    assertTrue(ids.size() > 10_000, "only " + ids.size() + " ids");
    ids.forEach(id -> assertTrue(LandingAudit.validTaxId(id), id));
    assertTrue(ids.stream().anyMatch(id -> id.contains("-")), "no dependent unit");
  }

  @Test
  void everyProvinceCodeIsInTheListOfItsReferenceDate() {
    LandingAudit check = new LandingAudit(ref);
    for (String s :
        List.of(
            "statistics/grdp", "statistics/employment", "statistics/retail", "statistics/ict")) {
      for (Map<String, String> r : rows(clean, s)) {
        assertTrue(
            check.provinceValidForYear(r.get("province_code"), Integer.parseInt(r.get("year"))),
            s + " " + r);
      }
    }
    for (Map<String, String> r : rows(clean, "tax/declarations")) {
      assertTrue(
          check.provinceValid(r.get("province_code"), LandingAudit.periodStart(r.get("period"))),
          r.toString());
    }
    for (Map<String, String> r : cleanAudit.valid.get("ecommerce")) {
      assertTrue(
          check.provinceValid(
              r.get("seller_province_code"), LandingAudit.monthStart(r.get("month"))),
          r.toString());
    }
  }

  @Test
  void theRedeliveredFileIsAByteCopyUnderAnotherName() throws IOException {
    Path original = clean.resolve(BadInput.CLEAN_COPY[0]).resolve(BadInput.CLEAN_COPY[1]);
    Path copy = clean.resolve(BadInput.CLEAN_COPY[0]).resolve(BadInput.CLEAN_COPY[2]);
    assertTrue(Files.size(original) > 1000);
    assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(copy));
  }

  @Test
  void dirtyManifestMatchesWhatTheFilesHold() {
    Map<String, Long> expected = manifest(dirty);
    assertEquals(BadInput.REASONS, new ArrayList<>(readManifestOrder(dirty)));
    expected.values().removeIf(v -> v == 0);
    assertEquals(expected, dirtyAudit.counts);
    assertEquals(List.of(), dirtyAudit.multiReason, "rows bad in more than one way");
    for (String reason : BadInput.REASONS) {
      assertTrue(dirtyAudit.count(reason) > 0, "no " + reason);
    }
    Map<String, Long> fromSummary = new TreeMap<>(dirtySummary.expectedQuarantine());
    fromSummary.values().removeIf(v -> v == 0);
    assertEquals(expected, fromSummary);
  }

  @Test
  void dirtyRowsChangeNoCleanNumber() throws IOException {
    assertEquals(
        Files.readString(clean.resolve("_generator/intended_shares.csv")),
        Files.readString(dirty.resolve("_generator/intended_shares.csv")));
    // what survives validation in the dirty zone is the clean zone plus rows of dirty-only keys
    for (String source : List.of("statistics/grdp", "tax/declarations", "ecommerce")) {
      Set<String> cleanRows =
          cleanAudit.kept(source).stream().map(Map::toString).collect(Collectors.toSet());
      Set<String> dirtyRows =
          dirtyAudit.kept(source).stream()
              .map(r -> normalise(r).toString())
              .collect(Collectors.toSet());
      assertTrue(dirtyRows.containsAll(cleanRows), source);
    }
  }

  @Test
  void summaryCountsTheLinesWritten() {
    long lines = 0;
    for (Map.Entry<String, byte[]> e : tree(clean).entrySet()) {
      if (!e.getKey().startsWith(LandingGenerator.META)) {
        long n = new String(e.getValue(), StandardCharsets.UTF_8).lines().count();
        lines += e.getKey().endsWith(".jsonl") ? n : n - 1;
      }
    }
    assertEquals(lines, cleanSummary.totalLines());
    assertTrue(cleanSummary.totalBytes() < 5_000_000, cleanSummary.totalBytes() + " bytes");
  }

  @Test
  void statisticsExerciseTheReleaseRules() {
    List<Map<String, String>> grdp = rows(clean, "statistics/grdp");
    Set<String> years = grdp.stream().map(r -> r.get("year")).collect(Collectors.toSet());
    assertEquals(Set.of("2019", "2020", "2021", "2022", "2023", "2024", "2025"), years);
    assertEquals(
        years,
        rows(clean, "statistics/employment").stream()
            .map(r -> r.get("year"))
            .collect(Collectors.toSet()));
    Set<String> sectors = grdp.stream().map(r -> r.get("sector")).collect(Collectors.toSet());
    assertTrue(
        sectors.containsAll(ref.sections().keySet()) && sectors.contains("TSP"),
        sectors.toString());
    Set<String> employmentSectors =
        rows(clean, "statistics/employment").stream()
            .map(r -> r.get("sector"))
            .collect(Collectors.toSet());
    assertEquals(ref.sections().keySet(), employmentSectors);
    assertTrue(
        grdp.stream()
            .anyMatch(
                r ->
                    r.get("sector").equals("TSP") && r.get("grdp_current_bn_vnd").startsWith("-")));
    Map<String, List<String>> releases = new HashMap<>();
    grdp.forEach(
        r ->
            releases
                .computeIfAbsent(
                    r.get("year") + r.get("province_code") + r.get("sector"),
                    k -> new ArrayList<>())
                .add(r.get("release")));
    assertTrue(
        releases.values().stream()
            .anyMatch(
                l ->
                    l.stream().anyMatch(x -> x.endsWith("-preliminary"))
                        && l.stream().anyMatch(x -> x.endsWith("-official"))),
        "no preliminary followed by an official");
    assertTrue(
        releases.values().stream()
            .anyMatch(
                l ->
                    l.stream().anyMatch(x -> x.length() == 10)
                        && l.stream().anyMatch(x -> x.endsWith("-official"))),
        "no revision without suffix");
    assertTrue(
        releases.values().stream()
            .anyMatch(
                l -> l.contains("2025-09-30-official") && l.contains("2025-09-30-preliminary")),
        "no same-day preliminary");
    assertTrue(grdp.stream().anyMatch(r -> r.get("grdp_current_bn_vnd").equals("..")));
    assertTrue(
        rows(clean, "statistics/employment").stream()
            .anyMatch(r -> r.get("employed_thousands").equals("-")));
    assertTrue(rows(clean, "statistics/ict").stream().anyMatch(r -> r.get("value").isEmpty()));
    assertTrue(
        rows(clean, "statistics/retail").stream()
            .anyMatch(r -> r.get("retail_sales_bn_vnd").equals("..")));
    assertTrue(
        rows(clean, "statistics/ict").stream()
            .anyMatch(r -> r.get("indicator").equals("ai_adoption_pct")));
    assertTrue(
        rows(clean, "statistics/ict").stream()
            .map(r -> r.get("year"))
            .collect(Collectors.toSet())
            .containsAll(Set.of("2024", "2025")));
    assertTrue(startsWithBom(clean.resolve("statistics/grdp/grdp_2019_2022_official.csv")));
    assertTrue(
        read(clean.resolve("statistics/employment/employment_2019_2023_official.csv"))
            .contains("\r\n"));
  }

  @Test
  void taxFilesExerciseTheContract() {
    List<Map<String, String>> reg = rows(clean, "tax/registry");
    Map<String, Set<String>> vsicById = new HashMap<>();
    reg.forEach(
        r ->
            vsicById
                .computeIfAbsent(r.get("tax_id"), k -> new HashSet<>())
                .add(r.get("vsic_code")));
    assertTrue(
        vsicById.values().stream().anyMatch(v -> v.size() > 1),
        "no unit changes VSIC between snapshots");
    assertTrue(reg.stream().anyMatch(r -> !r.get("closed_on").isEmpty()), "no unit closes");
    assertTrue(reg.stream().map(r -> r.get("snapshot_date")).distinct().count() >= 2);
    for (Map<String, String> r : reg) {
      String v = r.get("vsic_code");
      assertEquals(4, v.length(), v);
      assertTrue(ref.sectionOfDivision(Integer.parseInt(v.substring(0, 2))) != null, v);
      assertTrue(Normalizer.isNormalized(r.get("name"), Normalizer.Form.NFC), r.get("name"));
    }
    assertTrue(
        reg.stream().anyMatch(r -> r.get("name").contains(","))
            && reg.stream().anyMatch(r -> r.get("name").contains("\"")));
    assertTrue(
        reg.stream()
            .anyMatch(
                r ->
                    ref.ictCorePrefixes().stream()
                        .anyMatch(p -> r.get("vsic_code").startsWith(p))));
    Set<String> parents =
        reg.stream()
            .map(r -> r.get("tax_id"))
            .filter(id -> id.length() == 10)
            .collect(Collectors.toSet());
    reg.stream()
        .map(r -> r.get("tax_id"))
        .filter(id -> id.contains("-"))
        .forEach(id -> assertTrue(parents.contains(id.substring(0, 10)), "no parent for " + id));

    List<Map<String, String>> decl = rows(clean, "tax/declarations");
    assertTrue(decl.stream().anyMatch(r -> r.get("period").contains("-Q")));
    assertTrue(
        decl.stream().filter(r -> !r.get("period").contains("-Q")).count()
            > 3 * decl.stream().filter(r -> r.get("period").contains("-Q")).count(),
        "mostly monthly filers");
    Map<String, Set<String>> amendments = new HashMap<>();
    decl.forEach(
        r ->
            amendments
                .computeIfAbsent(r.get("tax_id") + r.get("period"), k -> new HashSet<>())
                .add(r.get("amendment")));
    assertTrue(amendments.values().stream().anyMatch(a -> a.equals(Set.of("0", "1"))));
    assertTrue(amendments.values().stream().anyMatch(a -> a.equals(Set.of("0", "1", "2"))));
    assertTrue(
        amendments.values().stream().allMatch(a -> a.contains("0")),
        "an amendment without its original");
    // a 2025 filer: January–June under its 2004 code, July–December under its 2025 code
    Map<String, String> june = new HashMap<>();
    decl.stream()
        .filter(r -> r.get("period").equals("2025-06"))
        .forEach(r -> june.put(r.get("tax_id"), r.get("province_code")));
    assertTrue(
        decl.stream()
            .anyMatch(
                r ->
                    r.get("period").equals("2025-07")
                        && june.containsKey(r.get("tax_id"))
                        && !june.get(r.get("tax_id")).equals(r.get("province_code"))
                        && ref.crosswalk()
                            .get(june.get(r.get("tax_id")))
                            .equals(r.get("province_code"))));
    Set<String> years =
        decl.stream().map(r -> r.get("period").substring(0, 4)).collect(Collectors.toSet());
    assertEquals(Set.of("2022", "2023", "2024", "2025"), years);
    // a unit that moves declares in two provinces of the same code list within one year
    Map<String, Set<String>> provinces = new HashMap<>();
    decl.stream()
        .filter(r -> r.get("period").compareTo("2025-07") < 0)
        .forEach(
            r ->
                provinces
                    .computeIfAbsent(
                        r.get("tax_id") + r.get("period").substring(0, 4), k -> new HashSet<>())
                    .add(r.get("province_code")));
    assertTrue(
        provinces.values().stream().anyMatch(p -> p.size() > 1),
        "no unit declares in two provinces in a year");
  }

  @Test
  void sellersExerciseTheContract() throws IOException {
    List<Map<String, String>> sales = cleanAudit.valid.get("ecommerce");
    try (Stream<Path> s = Files.list(clean.resolve("ecommerce"))) {
      assertTrue(s.count() >= 3);
    }
    assertEquals(
        Set.of("enterprise", "household", "individual"),
        sales.stream().map(r -> r.get("seller_type")).collect(Collectors.toSet()));
    assertEquals(
        ref.categories().keySet(),
        sales.stream().map(r -> r.get("category")).collect(Collectors.toSet()));
    Set<String> registered =
        rows(clean, "tax/registry").stream().map(r -> r.get("tax_id")).collect(Collectors.toSet());
    assertTrue(
        sales.stream()
            .anyMatch(
                r ->
                    r.get("seller_type").equals("enterprise")
                        && !registered.contains(r.get("seller_tax_id"))),
        "no unregistered enterprise seller");
    assertTrue(
        sales.stream()
            .anyMatch(
                r ->
                    r.get("seller_type").equals("enterprise")
                        && registered.contains(r.get("seller_tax_id"))));
    assertTrue(sales.stream().anyMatch(r -> Long.parseLong(r.get("refunds_vnd")) > 0));
    Set<String> years =
        sales.stream().map(r -> r.get("month").substring(0, 4)).collect(Collectors.toSet());
    assertEquals(Set.of("2022", "2023", "2024", "2025"), years);
  }

  /** The design the README quotes: these move only when the design does. */
  @Test
  void intendedSharesLookLikeVietnam() {
    Map<String, Double> share = new HashMap<>();
    for (Map<String, String> r : csv(clean.resolve("_generator/intended_shares.csv"))) {
      share.put(
          r.get("geo_level")
              + "|"
              + r.get("province_code")
              + "|"
              + r.get("year")
              + "|"
              + r.get("sector"),
          Double.parseDouble(r.get("share_pct")));
    }
    for (int y = 2023; y <= 2025; y++) {
      double vn = share.get("national|VN|" + y + "|ALL");
      assertTrue(vn >= 12 && vn <= 15, y + ": national " + vn);
    }
    for (String p : List.of("27", "24", "19")) {
      assertTrue(share.get("province_2004|" + p + "|2024|ALL") > 30, "electronics province " + p);
    }
    for (String p : List.of("86", "84", "12")) {
      assertTrue(share.get("province_2004|" + p + "|2024|ALL") < 5, "agricultural province " + p);
    }
    double lowest =
        Economy.SECTIONS.stream()
            .map(s -> share.get("province_2025|24|2025|" + s))
            .filter(v -> v != null)
            .min(Double::compare)
            .orElseThrow();
    assertTrue(lowest >= 10 && lowest < 15, "2025 Bắc Ninh's lowest section " + lowest);
  }

  private static Map<String, String> normalise(Map<String, String> r) {
    Map<String, String> out = new LinkedHashMap<>();
    r.forEach(
        (k, v) -> out.put(k, v == null ? null : Normalizer.normalize(v, Normalizer.Form.NFC)));
    return out;
  }

  private static Map<String, Long> manifest(Path root) {
    Map<String, Long> m = new TreeMap<>();
    for (Map<String, String> r : csv(root.resolve("_generator/injected.csv"))) {
      long n = Long.parseLong(r.get("count"));
      if (n > 0) {
        m.put(r.get("reason"), n);
      }
    }
    return m;
  }

  private static List<String> readManifestOrder(Path root) {
    return csv(root.resolve("_generator/injected.csv")).stream().map(r -> r.get("reason")).toList();
  }

  /** Rows of every readable, distinct CSV file of a source (the clean zone has nothing else). */
  private static List<Map<String, String>> rows(Path root, String source) {
    List<Map<String, String>> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(root.resolve(source))) {
      for (Path f : s.sorted().toList()) {
        out.addAll(csv(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static List<Map<String, String>> csv(Path f) {
    List<String> lines = read(f).replace("\uFEFF", "").lines().toList();
    List<String> header = Csv.parseLine(lines.get(0));
    List<Map<String, String>> out = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      List<String> v = Csv.parseLine(l);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), v.get(i));
      }
      out.add(row);
    }
    return out;
  }

  private static String read(Path f) {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean startsWithBom(Path f) {
    return read(f).startsWith("\uFEFF");
  }

  private static Map<String, byte[]> tree(Path root) {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
