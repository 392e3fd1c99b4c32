package vn.kinhteso.oracle;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import vn.kinhteso.config.Reference;
import vn.kinhteso.oracle.ReferenceEstimator.Quarantined;

/**
 * The landing zone read as data-contracts.md describes it, reduced to the rows that count: valid,
 * deduplicated, without key conflicts, latest release, newest snapshot, highest amendment.
 * Everything else goes to {@link #quarantine} with a reason. See ReferenceEstimator for the
 * readings chosen where the contract is silent.
 */
final class Landing {
  /** The day the 2025 province list comes into force. */
  static final LocalDate CUTOVER = LocalDate.of(2025, 7, 1);

  /** The first year whose annual statistics and accounts use the 2025 list. */
  static final int FIRST_2025_YEAR = 2025;

  static final String GRDP = "statistics/grdp";
  static final String EMPLOYMENT = "statistics/employment";
  static final String RETAIL = "statistics/retail";
  static final String ICT = "statistics/ict";
  static final String REGISTRY = "tax/registry";
  static final String DECLARATIONS = "tax/declarations";
  static final String ECOMMERCE = "ecommerce";

  private static final Set<String> MISSING = Set.of("", "..", "-");
  private static final Set<String> SIZE_CLASSES = Set.of("micro", "small", "medium", "large");
  private static final Set<String> SELLER_TYPES = Set.of("enterprise", "household", "individual");
  private static final Pattern YEAR = Pattern.compile("[0-9]{4}");
  private static final Pattern DECIMAL =
      Pattern.compile("-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern RELEASE =
      Pattern.compile("([0-9]{4}-[0-9]{2}-[0-9]{2})(-official|-preliminary)?");
  private static final Pattern MONTH = Pattern.compile("([0-9]{4})-([0-9]{2})");
  private static final Pattern QUARTER = Pattern.compile("([0-9]{4})-Q([1-4])");
  private static final Pattern VSIC = Pattern.compile("[0-9]{4,5}");

  /** A release label; later date first, then official over no suffix over preliminary. */
  record Release(String label, LocalDate date, int rank) implements Comparable<Release> {
    @Override
    public int compareTo(Release o) {
      int c = date.compareTo(o.date);
      return c != 0 ? c : Integer.compare(rank, o.rank);
    }
  }

  /** Identifies a statistic across releases: item is the sector, the indicator, or "" (retail). */
  record StatKey(int year, String province, String item) {}

  /** One statistics row; a null value is "not available". Values carry no trailing zeros. */
  record StatRow(StatKey key, List<BigDecimal> values, Release release) {}

  record RegisterRow(
      String taxId,
      String name,
      String vsicCode,
      String sizeClass,
      LocalDate registeredOn,
      LocalDate closedOn,
      LocalDate snapshotDate) {}

  record Declaration(
      String taxId,
      String period,
      String province,
      int amendment,
      long revenue,
      long intermediateCost,
      long wages,
      long employees) {
    int year() {
      return Integer.parseInt(period.substring(0, 4));
    }

    boolean quarterly() {
      return period.charAt(5) == 'Q';
    }

    int months() {
      return quarterly() ? 3 : 1;
    }

    LocalDate start() {
      int month =
          quarterly() ? 3 * (period.charAt(6) - '0') - 2 : Integer.parseInt(period.substring(5));
      return LocalDate.of(year(), month, 1);
    }
  }

  record SellerMonth(
      String platform,
      String month,
      String sellerRef,
      String sellerType,
      String sellerTaxId,
      String province,
      String category,
      long orders,
      long gmv,
      long refunds) {
    int year() {
      return Integer.parseInt(month.substring(0, 4));
    }

    LocalDate start() {
      return LocalDate.of(year(), Integer.parseInt(month.substring(5)), 1);
    }

    long net() {
      return gmv - refunds;
    }
  }

  /** A validated row and where it was read, so that a conflict can name its lines. */
  private record Located<T>(T row, String file, int line) {}

  /** A row that fails validation: the quarantine reason and what was wrong. */
  private static final class Bad extends RuntimeException {
    final String reason;

    Bad(String reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason;
    }
  }

  private final Path root;
  private final Reference ref;
  private final ObjectMapper json =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  final List<Quarantined> quarantine = new ArrayList<>();
  final Map<StatKey, StatRow> grdp;
  final Map<StatKey, StatRow> employment;
  final Map<StatKey, StatRow> retail;
  final Map<StatKey, StatRow> ict;

  /** Newest valid snapshot per tax id. */
  final Map<String, RegisterRow> register;

  /** Highest valid amendment per (tax_id, period), of registered tax ids only. */
  final List<Declaration> declarations;

  final List<SellerMonth> ecommerce;

  Landing(Path root, Reference ref) {
    this.root = root;
    this.ref = ref;
    grdp =
        latest(
            dedupe(
                GRDP,
                csvRows(
                    GRDP,
                    List.of(
                        "year",
                        "province_code",
                        "sector",
                        "grdp_current_bn_vnd",
                        "grdp_constant_2010_bn_vnd",
                        "release"),
                    this::grdpRow),
                Landing::statKey));
    employment =
        latest(
            dedupe(
                EMPLOYMENT,
                csvRows(
                    EMPLOYMENT,
                    List.of("year", "province_code", "sector", "employed_thousands", "release"),
                    this::employmentRow),
                Landing::statKey));
    retail =
        latest(
            dedupe(
                RETAIL,
                csvRows(
                    RETAIL,
                    List.of("year", "province_code", "retail_sales_bn_vnd", "release"),
                    this::retailRow),
                Landing::statKey));
    ict =
        latest(
            dedupe(
                ICT,
                csvRows(
                    ICT,
                    List.of("year", "province_code", "indicator", "value", "release"),
                    this::ictRow),
                Landing::statKey));
    register =
        newestSnapshots(
            dedupe(
                REGISTRY,
                csvRows(
                    REGISTRY,
                    List.of(
                        "tax_id",
                        "name",
                        "vsic_code",
                        "size_class",
                        "registered_on",
                        "closed_on",
                        "snapshot_date"),
                    this::registerRow),
                r -> List.of(r.taxId(), r.snapshotDate())));
    declarations =
        highestAmendments(
            registered(
                dedupe(
                    DECLARATIONS,
                    csvRows(
                        DECLARATIONS,
                        List.of(
                            "tax_id",
                            "period",
                            "province_code",
                            "amendment",
                            "revenue_vnd",
                            "intermediate_cost_vnd",
                            "wage_bill_vnd",
                            "employees"),
                        this::declarationRow),
                    d -> List.of(d.taxId(), d.period(), d.amendment()))));
    ecommerce =
        dedupe(
                ECOMMERCE,
                jsonRows(),
                s -> List.of(s.platform(), s.month(), s.sellerRef(), s.category()))
            .stream()
            .map(Located::row)
            .collect(Collectors.toList());
  }

  // ---- files and lines ----

  /** The lines of every file of a source, a byte-identical file counted once. */
  private List<Located<String>> lines(String source, String extension) {
    Path dir = root.resolve(source);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().endsWith(extension))
              .sorted()
              .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> seen = new HashSet<>();
    List<Located<String>> out = new ArrayList<>();
    for (Path file : files) {
      String name = root.relativize(file).toString();
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        quarantine.add(new Quarantined(source, name, 0, "file_unreadable", e.getMessage()));
        continue;
      }
      if (!seen.add(sha256(bytes))) {
        quarantine.add(
            new Quarantined(source, name, 0, "duplicate_file", "same bytes as an earlier file"));
        continue;
      }
      int start =
          bytes.length >= 3
                  && (bytes[0] & 0xff) == 0xEF
                  && (bytes[1] & 0xff) == 0xBB
                  && (bytes[2] & 0xff) == 0xBF
              ? 3
              : 0;
      int lineNo = 0;
      while (start < bytes.length) {
        int end = start;
        while (end < bytes.length && bytes[end] != '\n') {
          end++;
        }
        lineNo++;
        int stop = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
        try {
          String text =
              StandardCharsets.UTF_8
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT)
                  .decode(ByteBuffer.wrap(bytes, start, stop - start))
                  .toString();
          out.add(new Located<>(text, name, lineNo));
        } catch (CharacterCodingException e) {
          quarantine.add(new Quarantined(source, name, lineNo, "malformed_line", "not UTF-8"));
        }
        start = end + 1;
      }
    }
    return out;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Validated rows of a CSV source: the first non-empty line of each file is its header, columns
   * are found by name, each data line must have as many fields as the header.
   */
  private <T> List<Located<T>> csvRows(
      String source, List<String> columns, Function<Map<String, String>, T> convert) {
    List<Located<T>> out = new ArrayList<>();
    Map<String, Integer> header = null;
    String headerFile = null;
    int width = 0;
    for (Located<String> line : lines(source, ".csv")) {
      if (!line.file().equals(headerFile)) {
        header = null;
        headerFile = null;
      }
      if (line.row().isEmpty()) {
        continue;
      }
      List<String> fields = parseCsvLine(line.row());
      if (headerFile == null) {
        headerFile = line.file();
        header = headerIndex(fields, columns);
        width = fields == null ? 0 : fields.size();
        if (header == null) {
          quarantine.add(
              new Quarantined(
                  source,
                  line.file(),
                  line.line(),
                  "file_unreadable",
                  "header lacks one of " + columns));
        }
        continue;
      }
      if (header == null) {
        quarantine.add(
            new Quarantined(
                source, line.file(), line.line(), "file_unreadable", "no usable header"));
      } else if (fields == null) {
        quarantine.add(
            new Quarantined(source, line.file(), line.line(), "malformed_line", line.row()));
      } else if (fields.size() != width) {
        quarantine.add(
            new Quarantined(
                source,
                line.file(),
                line.line(),
                "wrong_column_count",
                fields.size() + " fields, header has " + width));
      } else {
        Map<String, String> row = new HashMap<>();
        header.forEach((name, i) -> row.put(name, fields.get(i)));
        try {
          out.add(new Located<>(convert.apply(row), line.file(), line.line()));
        } catch (Bad b) {
          quarantine.add(
              new Quarantined(source, line.file(), line.line(), b.reason, b.getMessage()));
        }
      }
    }
    return out;
  }

  private static Map<String, Integer> headerIndex(List<String> fields, List<String> columns) {
    if (fields == null || new HashSet<>(fields).size() != fields.size()) {
      return null;
    }
    Map<String, Integer> index = new LinkedHashMap<>();
    for (String c : columns) {
      int i = fields.indexOf(c);
      if (i < 0) {
        return null;
      }
      index.put(c, i);
    }
    return index;
  }

  /**
   * RFC 4180 fields of one physical line, NFC-normalised, or null when the quoting is broken (an
   * unclosed quote, a quote inside an unquoted field, text after a closing quote).
   */
  static List<String> parseCsvLine(String line) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (true) {
      StringBuilder f = new StringBuilder();
      if (i < n && line.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) {
            return null;
          }
          char c = line.charAt(i++);
          if (c != '"') {
            f.append(c);
          } else if (i < n && line.charAt(i) == '"') {
            f.append('"');
            i++;
          } else {
            break;
          }
        }
        if (i < n && line.charAt(i) != ',') {
          return null;
        }
      } else {
        while (i < n && line.charAt(i) != ',') {
          char c = line.charAt(i++);
          if (c == '"') {
            return null;
          }
          f.append(c);
        }
      }
      out.add(Normalizer.normalize(f, Normalizer.Form.NFC));
      if (i >= n) {
        return out;
      }
      i++;
    }
  }

  // ---- statistics ----

  private StatRow grdpRow(Map<String, String> f) {
    int year = year(f.get("year"));
    String province = annualProvince(f.get("province_code"), year);
    String sector = f.get("sector");
    boolean tsp = sector.equals("TSP");
    if (!tsp && !ref.sections().containsKey(sector)) {
      throw new Bad("unknown_sector", sector);
    }
    BigDecimal current = statValue(f.get("grdp_current_bn_vnd"), tsp);
    BigDecimal constant = statValue(f.get("grdp_constant_2010_bn_vnd"), tsp);
    return new StatRow(
        new StatKey(year, province, sector),
        Arrays.asList(current, constant),
        release(f.get("release")));
  }

  private StatRow employmentRow(Map<String, String> f) {
    int year = year(f.get("year"));
    String province = annualProvince(f.get("province_code"), year);
    String sector = f.get("sector");
    if (!ref.sections().containsKey(sector)) {
      throw new Bad("unknown_sector", sector);
    }
    return new StatRow(
        new StatKey(year, province, sector),
        Arrays.asList(statValue(f.get("employed_thousands"), false)),
        release(f.get("release")));
  }

  private StatRow retailRow(Map<String, String> f) {
    int year = year(f.get("year"));
    String province = annualProvince(f.get("province_code"), year);
    return new StatRow(
        new StatKey(year, province, ""),
        Arrays.asList(statValue(f.get("retail_sales_bn_vnd"), false)),
        release(f.get("release")));
  }

  private StatRow ictRow(Map<String, String> f) {
    int year = year(f.get("year"));
    String province = annualProvince(f.get("province_code"), year);
    String indicator = f.get("indicator");
    if (indicator.isEmpty()) {
      throw new Bad("invalid_value", "empty indicator");
    }
    return new StatRow(
        new StatKey(year, province, indicator),
        Arrays.asList(statValue(f.get("value"), true)),
        release(f.get("release")));
  }

  /** Statistics rows are keyed by (year, province_code, sector or indicator, release). */
  private static Object statKey(StatRow r) {
    return List.of(r.key(), r.release().label());
  }

  /** The statistic of the latest release per key; its missing values stay missing. */
  private static Map<StatKey, StatRow> latest(List<Located<StatRow>> rows) {
    Map<StatKey, StatRow> out = new LinkedHashMap<>();
    for (Located<StatRow> l : rows) {
      StatRow r = l.row();
      StatRow old = out.get(r.key());
      if (old == null || r.release().compareTo(old.release()) > 0) {
        out.put(r.key(), r);
      }
    }
    return out;
  }

  // ---- register and declarations ----

  private RegisterRow registerRow(Map<String, String> f) {
    String taxId = taxId(f.get("tax_id"));
    String vsic = f.get("vsic_code");
    if (!VSIC.matcher(vsic).matches()
        || ref.sectionOfDivision(Integer.parseInt(vsic.substring(0, 2))) == null) {
      throw new Bad("unknown_vsic", vsic);
    }
    String size = f.get("size_class");
    if (!SIZE_CLASSES.contains(size)) {
      throw new Bad("invalid_value", "size_class " + size);
    }
    LocalDate registered = date(f.get("registered_on"));
    LocalDate closed = f.get("closed_on").isEmpty() ? null : date(f.get("closed_on"));
    return new RegisterRow(
        taxId, f.get("name"), vsic, size, registered, closed, date(f.get("snapshot_date")));
  }

  private static Map<String, RegisterRow> newestSnapshots(List<Located<RegisterRow>> rows) {
    Map<String, RegisterRow> out = new LinkedHashMap<>();
    for (Located<RegisterRow> l : rows) {
      RegisterRow old = out.get(l.row().taxId());
      if (old == null || l.row().snapshotDate().isAfter(old.snapshotDate())) {
        out.put(l.row().taxId(), l.row());
      }
    }
    return out;
  }

  private Declaration declarationRow(Map<String, String> f) {
    String taxId = taxId(f.get("tax_id"));
    String period = f.get("period");
    LocalDate start = periodStart(period);
    String province = dated(f.get("province_code"), start);
    String amendment = f.get("amendment");
    if (!INTEGER.matcher(amendment).matches()) {
      throw new Bad("unparseable_number", "amendment " + amendment);
    }
    if (amendment.startsWith("-")) {
      throw new Bad("invalid_value", "amendment " + amendment);
    }
    return new Declaration(
        taxId,
        period,
        province,
        Integer.parseInt(amendment),
        amount(f.get("revenue_vnd")),
        amount(f.get("intermediate_cost_vnd")),
        amount(f.get("wage_bill_vnd")),
        amount(f.get("employees")));
  }

  /** Declarations of tax ids with a valid snapshot; the others are quarantined. */
  private List<Located<Declaration>> registered(List<Located<Declaration>> rows) {
    List<Located<Declaration>> out = new ArrayList<>();
    for (Located<Declaration> l : rows) {
      if (register.containsKey(l.row().taxId())) {
        out.add(l);
      } else {
        quarantine.add(
            new Quarantined(
                DECLARATIONS, l.file(), l.line(), "unregistered_tax_id", l.row().taxId()));
      }
    }
    return out;
  }

  private static List<Declaration> highestAmendments(List<Located<Declaration>> rows) {
    Map<List<String>, Declaration> out = new LinkedHashMap<>();
    for (Located<Declaration> l : rows) {
      List<String> key = List.of(l.row().taxId(), l.row().period());
      Declaration old = out.get(key);
      if (old == null || l.row().amendment() > old.amendment()) {
        out.put(key, l.row());
      }
    }
    return new ArrayList<>(out.values());
  }

  // ---- e-commerce ----

  private List<Located<SellerMonth>> jsonRows() {
    List<Located<SellerMonth>> out = new ArrayList<>();
    for (Located<String> line : lines(ECOMMERCE, ".jsonl")) {
      if (line.row().isBlank()) {
        continue;
      }
      try {
        JsonNode node;
        try {
          node = json.readTree(line.row());
        } catch (JsonProcessingException e) {
          throw new Bad("malformed_line", e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
          throw new Bad("malformed_line", "not a JSON object");
        }
        out.add(new Located<>(sellerMonth(node), line.file(), line.line()));
      } catch (Bad b) {
        quarantine.add(
            new Quarantined(ECOMMERCE, line.file(), line.line(), b.reason, b.getMessage()));
      }
    }
    return out;
  }

  private SellerMonth sellerMonth(JsonNode o) {
    String platform = text(o, "platform");
    String month = text(o, "month");
    Matcher m = MONTH.matcher(month);
    if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 12) {
      throw new Bad("unparseable_date", "month " + month);
    }
    LocalDate start = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1);
    String sellerRef = text(o, "seller_ref");
    String type = text(o, "seller_type");
    if (!SELLER_TYPES.contains(type)) {
      throw new Bad("invalid_value", "seller_type " + type);
    }
    // Only an enterprise's tax id is used (to find its unit); a household's is kept unchecked.
    JsonNode tax = o.get("seller_tax_id");
    String sellerTaxId =
        tax == null || tax.isNull()
            ? null
            : Normalizer.normalize(tax.asText(), Normalizer.Form.NFC);
    if (type.equals("enterprise")) {
      if (sellerTaxId == null) {
        throw new Bad("invalid_value", "enterprise seller without seller_tax_id");
      }
      taxId(text(o, "seller_tax_id"));
    }
    String province = dated(text(o, "seller_province_code"), start);
    String category = text(o, "category");
    if (!ref.categories().containsKey(category)) {
      throw new Bad("unknown_category", category);
    }
    long orders = jsonAmount(o, "orders");
    long gmv = jsonAmount(o, "gmv_vnd");
    long refunds = jsonAmount(o, "refunds_vnd");
    if (refunds > gmv) {
      throw new Bad("refund_exceeds_gmv", refunds + " > " + gmv);
    }
    return new SellerMonth(
        platform, month, sellerRef, type, sellerTaxId, province, category, orders, gmv, refunds);
  }

  /** A required, non-empty string field (an absent field is read as null, as JSON readers do). */
  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      throw new Bad("wrong_column_count", "no " + field);
    }
    if (!v.isTextual() || v.textValue().isEmpty()) {
      throw new Bad("invalid_value", field + " is not a non-empty string");
    }
    return Normalizer.normalize(v.textValue(), Normalizer.Form.NFC);
  }

  private static long jsonAmount(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      throw new Bad("wrong_column_count", "no " + field);
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new Bad("unparseable_number", field + " " + v);
    }
    if (v.longValue() < 0) {
      throw new Bad("negative_amount", field + " " + v);
    }
    return v.longValue();
  }

  // ---- keys ----

  /**
   * Rows with the same key and the same content count once; rows with the same key and different
   * content are all quarantined. Content is the whole typed row.
   */
  private <T> List<Located<T>> dedupe(
      String source, List<Located<T>> rows, Function<T, Object> key) {
    Map<Object, List<Located<T>>> byKey = new LinkedHashMap<>();
    for (Located<T> l : rows) {
      byKey.computeIfAbsent(key.apply(l.row()), k -> new ArrayList<>()).add(l);
    }
    List<Located<T>> out = new ArrayList<>();
    for (List<Located<T>> group : byKey.values()) {
      Located<T> first = group.get(0);
      if (group.stream().allMatch(l -> l.row().equals(first.row()))) {
        out.add(first);
        for (Located<T> dup : group.subList(1, group.size())) {
          quarantine.add(
              new Quarantined(
                  source,
                  dup.file(),
                  dup.line(),
                  "duplicate_row",
                  "same as " + first.file() + ":" + first.line()));
        }
      } else {
        for (Located<T> l : group) {
          quarantine.add(
              new Quarantined(
                  source, l.file(), l.line(), "key_conflict", String.valueOf(key.apply(l.row()))));
        }
      }
    }
    return out;
  }

  // ---- fields ----

  private static int year(String s) {
    if (!YEAR.matcher(s).matches()) {
      throw new Bad("unparseable_number", "year " + s);
    }
    return Integer.parseInt(s);
  }

  /** A statistic: null when missing; negative only where allowed; 1000 equals 1000.0. */
  private static BigDecimal statValue(String s, boolean negativeAllowed) {
    if (MISSING.contains(s)) {
      return null;
    }
    if (!DECIMAL.matcher(s).matches()) {
      throw new Bad("unparseable_number", s);
    }
    BigDecimal v = new BigDecimal(s).stripTrailingZeros();
    if (v.signum() < 0 && !negativeAllowed) {
      throw new Bad("negative_amount", s);
    }
    return v;
  }

  /** A money amount or a headcount: a whole number, never negative. */
  private static long amount(String s) {
    if (!INTEGER.matcher(s).matches()) {
      throw new Bad("unparseable_number", s);
    }
    long v = Long.parseLong(s);
    if (v < 0) {
      throw new Bad("negative_amount", s);
    }
    return v;
  }

  private static LocalDate date(String s) {
    if (!DATE.matcher(s).matches()) {
      throw new Bad("unparseable_date", s);
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw new Bad("unparseable_date", s);
    }
  }

  private static Release release(String s) {
    Matcher m = RELEASE.matcher(s);
    if (!m.matches()) {
      throw new Bad("unparseable_date", "release " + s);
    }
    String suffix = m.group(2);
    int rank = suffix == null ? 1 : suffix.equals("-official") ? 2 : 0;
    return new Release(s, date(m.group(1)), rank);
  }

  private static LocalDate periodStart(String period) {
    Matcher q = QUARTER.matcher(period);
    if (q.matches()) {
      return LocalDate.of(Integer.parseInt(q.group(1)), 3 * Integer.parseInt(q.group(2)) - 2, 1);
    }
    Matcher m = MONTH.matcher(period);
    if (m.matches()) {
      int month = Integer.parseInt(m.group(2));
      if (month >= 1 && month <= 12) {
        return LocalDate.of(Integer.parseInt(m.group(1)), month, 1);
      }
    }
    throw new Bad("unparseable_date", "period " + period);
  }

  /** A province code of an annual statistic: the 2004 list up to 2024, the 2025 list after. */
  private String annualProvince(String code, int year) {
    Map<String, String> list = year < FIRST_2025_YEAR ? ref.provinces2004() : ref.provinces2025();
    if (!list.containsKey(code)) {
      throw new Bad("unknown_province", code + " in " + year);
    }
    return code;
  }

  /** A province code of a record dated by the first day of its period. */
  private String dated(String code, LocalDate start) {
    Map<String, String> list = start.isBefore(CUTOVER) ? ref.provinces2004() : ref.provinces2025();
    if (!list.containsKey(code)) {
      throw new Bad("unknown_province", code + " on " + start);
    }
    return code;
  }

  private static String taxId(String s) {
    if (!validTaxId(s)) {
      throw new Bad("bad_tax_id", s);
    }
    return s;
  }

  /** 10 digits with a valid check digit, or such a parent, a hyphen and 001..999. */
  static boolean validTaxId(String s) {
    if (s.matches("[0-9]{10}")) {
      return validParent(s);
    }
    return s.matches("[0-9]{10}-[0-9]{3}")
        && validParent(s.substring(0, 10))
        && !s.endsWith("-000");
  }

  private static boolean validParent(String d) {
    if (d.substring(2, 9).equals("0000000")) {
      return false;
    }
    int[] weights = {31, 29, 23, 19, 17, 13, 7, 5, 3};
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += weights[i] * (d.charAt(i) - '0');
    }
    int check = 10 - sum % 11;
    return check != 10 && check == d.charAt(9) - '0';
  }
}
