package vn.kinhteso.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import vn.kinhteso.config.Csv;
import vn.kinhteso.config.Reference;

/**
 * Reads a landing zone back and sorts every file and row by the contract's rules, written apart
 * from the generator (its own check digit, date and number parsing, keys), so that a test can
 * compare what the generator says it injected with what the files hold.
 */
final class LandingAudit {
  private static final Pattern INTEGER = Pattern.compile("-?\\d+");
  private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");
  private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
  private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q(\\d)");
  private static final Pattern RELEASE =
      Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(-preliminary|-official)?");
  private static final Set<String> MISSING = Set.of("", "..", "-");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Reference ref;
  final Map<String, Long> counts = new TreeMap<>();

  /** Rows that break more than one rule: there must be none. */
  final List<String> multiReason = new ArrayList<>();

  /** Every row that passed validation, per source, for further checks. */
  final Map<String, List<Map<String, String>>> valid = new LinkedHashMap<>();

  private final Map<String, Map<String, List<String>>> keys = new LinkedHashMap<>();

  LandingAudit(Reference ref) {
    this.ref = ref;
  }

  static LandingAudit of(Path root, Reference ref) {
    LandingAudit a = new LandingAudit(ref);
    a.run(root);
    return a;
  }

  long count(String reason) {
    return counts.getOrDefault(reason, 0L);
  }

  private void add(String reason, long n) {
    if (n > 0) {
      counts.merge(reason, n, Long::sum);
    }
  }

  private void run(Path root) {
    Set<String> hashes = new HashSet<>();
    for (String source : sources(root)) {
      for (Path f : files(root.resolve(source))) {
        byte[] bytes = read(f);
        String text;
        try {
          text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
          add("file_unreadable", 1);
          continue;
        }
        if (!hashes.add(sha256(bytes))) {
          add("duplicate_file", 1);
          continue;
        }
        if (text.startsWith("\uFEFF")) {
          text = text.substring(1);
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
          lines.remove(lines.size() - 1);
        }
        lines.replaceAll(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
        if (source.startsWith("ecommerce/")) {
          lines.forEach(l -> jsonRow(source, l));
        } else {
          List<String> header = Csv.parseLine(lines.get(0));
          lines.subList(1, lines.size()).forEach(l -> csvRow(source, header, l));
        }
      }
    }
    keys.values()
        .forEach(
            bySource ->
                bySource
                    .values()
                    .forEach(
                        contents -> {
                          if (contents.size() > 1) {
                            if (new HashSet<>(contents).size() == 1) {
                              add("duplicate_row", contents.size() - 1);
                            } else {
                              add("key_conflict", contents.size());
                            }
                          }
                        }));
    Set<String> registered = new HashSet<>();
    for (Map<String, String> r : kept("tax/registry")) {
      registered.add(r.get("tax_id"));
      if (!Normalizer.isNormalized(r.get("name"), Normalizer.Form.NFC)) {
        add("nfd_repaired", 1);
      }
    }
    for (Map<String, String> r : kept("tax/declarations")) {
      if (!registered.contains(r.get("tax_id"))) {
        add("unregistered_tax_id", 1);
      }
    }
  }

  /** Valid rows whose key is not in conflict, each distinct row once. */
  List<Map<String, String>> kept(String source) {
    Map<String, List<String>> k = keys.getOrDefault(source, Map.of());
    Set<String> seen = new HashSet<>();
    List<Map<String, String>> out = new ArrayList<>();
    for (Map<String, String> r : valid.getOrDefault(source, List.of())) {
      String key = key(source, r);
      if (new HashSet<>(k.get(key)).size() == 1 && seen.add(key)) {
        out.add(r);
      }
    }
    return out;
  }

  private static List<String> sources(Path root) {
    List<String> out =
        new ArrayList<>(
            List.of(
                "statistics/grdp",
                "statistics/employment",
                "statistics/retail",
                "statistics/ict",
                "tax/registry",
                "tax/declarations"));
    try (Stream<Path> s = Files.list(root.resolve("ecommerce"))) {
      s.sorted().forEach(p -> out.add("ecommerce/" + p.getFileName()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static List<Path> files(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] b) {
    try {
      return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void csvRow(String source, List<String> header, String line) {
    if (line.chars().filter(c -> c == '"').count() % 2 == 1) {
      add("malformed_line", 1);
      return;
    }
    List<String> f = Csv.parseLine(line);
    if (f.size() != header.size()) {
      add("wrong_column_count", 1);
      return;
    }
    Map<String, String> row = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      row.put(header.get(i), f.get(i));
    }
    List<String> reasons =
        switch (source) {
          case "tax/registry" -> registry(row);
          case "tax/declarations" -> declaration(row);
          default -> statistic(source, row);
        };
    finish(source, row, reasons, line);
  }

  private void jsonRow(String source, String line) {
    JsonNode n;
    try {
      n = JSON.readTree(line);
    } catch (IOException e) {
      n = null;
    }
    if (n == null || !n.isObject()) {
      add("malformed_line", 1);
      return;
    }
    Map<String, String> row = new LinkedHashMap<>();
    n.fields()
        .forEachRemaining(
            e ->
                row.put(
                    e.getKey(),
                    e.getValue().isNull()
                        ? null
                        : e.getValue().isTextual()
                            ? e.getValue().asText()
                            : e.getValue().toString()));
    List<String> reasons = new ArrayList<>();
    String month = row.get("month");
    LocalDate start = monthStart(month);
    if (start == null) {
      reasons.add("unparseable_date");
    }
    String type = row.get("seller_type");
    if ("enterprise".equals(type)) {
      if (!validTaxId(row.get("seller_tax_id"))
          || !row.get("seller_tax_id").equals(row.get("seller_ref"))) {
        reasons.add("bad_tax_id");
      }
    } else if (row.get("seller_ref") == null
        || !row.get("seller_ref").matches("\\d{12}")
        || row.get("seller_tax_id") != null) {
      reasons.add("bad_seller");
    }
    if (start != null && !provinceValid(row.get("seller_province_code"), start)) {
      reasons.add("unknown_province");
    }
    if (!ref.categories().containsKey(row.get("category"))) {
      reasons.add("unknown_category");
    }
    long[] amounts = new long[3];
    boolean numbers = true;
    String[] fields = {"orders", "gmv_vnd", "refunds_vnd"};
    for (int i = 0; i < 3; i++) {
      JsonNode v = n.get(fields[i]);
      if (v == null || !v.isIntegralNumber()) {
        reasons.add("unparseable_number");
        numbers = false;
      } else {
        amounts[i] = v.asLong();
      }
    }
    if (numbers && (amounts[0] < 0 || amounts[1] < 0 || amounts[2] < 0)) {
      reasons.add("negative_amount");
    } else if (numbers && amounts[2] > amounts[1]) {
      reasons.add("refund_exceeds_gmv");
    }
    finish(source, row, reasons, line);
  }

  private void finish(String source, Map<String, String> row, List<String> reasons, String line) {
    if (reasons.size() > 1) {
      multiReason.add(source + ": " + reasons + " " + line);
    }
    if (!reasons.isEmpty()) {
      add(reasons.get(0), 1);
      return;
    }
    String family = source.startsWith("ecommerce/") ? "ecommerce" : source;
    valid.computeIfAbsent(family, k -> new ArrayList<>()).add(row);
    Map<String, String> content = new LinkedHashMap<>();
    row.forEach(
        (k, v) -> content.put(k, v == null ? null : Normalizer.normalize(v, Normalizer.Form.NFC)));
    keys.computeIfAbsent(family, k -> new HashMap<>())
        .computeIfAbsent(key(family, row), k -> new ArrayList<>())
        .add(content.toString());
  }

  private static String key(String family, Map<String, String> r) {
    return switch (family) {
      case "tax/registry" -> r.get("tax_id") + "|" + r.get("snapshot_date");
      case "tax/declarations" -> r.get("tax_id") + "|" + r.get("period") + "|" + r.get("amendment");
      case "ecommerce" ->
          r.get("platform")
              + "|"
              + r.get("month")
              + "|"
              + r.get("seller_ref")
              + "|"
              + r.get("category");
      default ->
          r.get("year")
              + "|"
              + r.get("province_code")
              + "|"
              + r.getOrDefault("sector", r.getOrDefault("indicator", ""))
              + "|"
              + r.get("release");
    };
  }

  private List<String> registry(Map<String, String> r) {
    List<String> out = new ArrayList<>();
    if (!validTaxId(r.get("tax_id"))) {
      out.add("bad_tax_id");
    }
    String vsic = r.get("vsic_code");
    if (!vsic.matches("\\d{4,5}")
        || ref.sectionOfDivision(Integer.parseInt(vsic.substring(0, 2))) == null) {
      out.add("unknown_vsic");
    }
    if (date(r.get("registered_on")) == null
        || date(r.get("snapshot_date")) == null
        || (!r.get("closed_on").isEmpty() && date(r.get("closed_on")) == null)) {
      out.add("unparseable_date");
    }
    if (!Set.of("micro", "small", "medium", "large").contains(r.get("size_class"))
        || r.get("name").isBlank()) {
      out.add("bad_value");
    }
    return out;
  }

  private List<String> declaration(Map<String, String> r) {
    List<String> out = new ArrayList<>();
    if (!validTaxId(r.get("tax_id"))) {
      out.add("bad_tax_id");
    }
    LocalDate start = periodStart(r.get("period"));
    if (start == null) {
      out.add("unparseable_date");
    } else if (!provinceValid(r.get("province_code"), start)) {
      out.add("unknown_province");
    }
    boolean numbers = true;
    for (String c :
        List.of(
            "amendment", "revenue_vnd", "intermediate_cost_vnd", "wage_bill_vnd", "employees")) {
      if (!INTEGER.matcher(r.get(c)).matches()) {
        numbers = false;
      }
    }
    if (!numbers) {
      out.add("unparseable_number");
    } else if (Long.parseLong(r.get("revenue_vnd")) < 0
        || Long.parseLong(r.get("employees")) < 0
        || Long.parseLong(r.get("amendment")) < 0) {
      out.add("negative_amount");
    }
    return out;
  }

  private List<String> statistic(String source, Map<String, String> r) {
    List<String> out = new ArrayList<>();
    if (!INTEGER.matcher(r.get("year")).matches()) {
      out.add("unparseable_number");
      return out;
    }
    int year = Integer.parseInt(r.get("year"));
    if (!provinceValidForYear(r.get("province_code"), year)) {
      out.add("unknown_province");
    }
    var m = RELEASE.matcher(r.get("release"));
    if (!m.matches() || date(m.group(1)) == null) {
      out.add("unparseable_date");
    }
    List<String> values =
        switch (source) {
          case "statistics/grdp" -> List.of("grdp_current_bn_vnd", "grdp_constant_2010_bn_vnd");
          case "statistics/employment" -> List.of("employed_thousands");
          case "statistics/retail" -> List.of("retail_sales_bn_vnd");
          default -> List.of("value");
        };
    for (String c : values) {
      String v = r.get(c);
      if (!MISSING.contains(v) && !DECIMAL.matcher(v).matches()) {
        out.add("unparseable_number");
      } else if (c.equals("employed_thousands")
          && !MISSING.contains(v)
          && Double.parseDouble(v) < 0) {
        out.add("negative_amount");
      }
    }
    if (r.containsKey("sector")) {
      List<String> allowed = new ArrayList<>(ref.sections().keySet());
      if (source.equals("statistics/grdp")) {
        allowed.add("TSP");
      }
      if (!allowed.contains(r.get("sector"))) {
        out.add("bad_sector");
      }
    }
    return out;
  }

  /** Periods and months: the code list in force on their first day. */
  boolean provinceValid(String code, LocalDate start) {
    return code != null
        && (start.isBefore(LocalDate.of(2025, 7, 1)) ? ref.provinces2004() : ref.provinces2025())
            .containsKey(code);
  }

  /** Annual statistics: 2004 codes up to 2024, 2025 codes from 2025. */
  boolean provinceValidForYear(String code, int year) {
    return code != null
        && (year < 2025 ? ref.provinces2004() : ref.provinces2025()).containsKey(code);
  }

  static LocalDate periodStart(String period) {
    var m = MONTH.matcher(period);
    if (m.matches()) {
      return monthStart(period);
    }
    var q = QUARTER.matcher(period);
    if (q.matches() && Integer.parseInt(q.group(2)) >= 1 && Integer.parseInt(q.group(2)) <= 4) {
      return LocalDate.of(Integer.parseInt(q.group(1)), Integer.parseInt(q.group(2)) * 3 - 2, 1);
    }
    return null;
  }

  static LocalDate monthStart(String month) {
    if (month == null) {
      return null;
    }
    var m = MONTH.matcher(month);
    if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 12) {
      return null;
    }
    return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1);
  }

  static LocalDate date(String s) {
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** reference-data.md, computed here without the generator's code. */
  static boolean validTaxId(String id) {
    if (id == null
        || !id.matches("\\d{10}(-\\d{3})?")
        || id.endsWith("-000")
        || id.substring(2, 9).equals("0000000")) {
      return false;
    }
    int[] w = {31, 29, 23, 19, 17, 13, 7, 5, 3};
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += w[i] * Character.getNumericValue(id.charAt(i));
    }
    int check = 10 - sum % 11;
    return check < 10 && check == Character.getNumericValue(id.charAt(9));
  }
}
