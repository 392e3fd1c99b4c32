package vn.kinhteso.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the pipeline should quarantine, by reason code, and in dirty mode the rows and files that
 * make it so. Every injected row is bad in exactly one way and sits on a key of its own (fresh tax
 * ids, citizen IDs and release labels, units registered only for this purpose), so that no
 * injection changes what the clean rows sum to: a dirty landing zone gives the same gold numbers as
 * the clean one.
 *
 * <p>Placement: rows are appended to existing landing files (a malformed CSV line last, so that a
 * reader that lets a quote span lines swallows nothing after it); no injection goes into a file
 * that is also delivered twice.
 */
final class BadInput {
  static final List<String> REASONS =
      List.of(
          "file_unreadable",
          "duplicate_file",
          "malformed_line",
          "wrong_column_count",
          "unparseable_number",
          "unparseable_date",
          "bad_tax_id",
          "unknown_province",
          "unknown_vsic",
          "unknown_category",
          "negative_amount",
          "refund_exceeds_gmv",
          "duplicate_row",
          "key_conflict",
          "unregistered_tax_id",
          "nfd_repaired");

  /** Register rows of the newest snapshot whose names are written decomposed. */
  static final int NFD_ROWS = 5;

  /** The clean landing zone's re-delivered file, and the dirty mode's second one. */
  static final String[] CLEAN_COPY = {
    "ecommerce/grab", "grab_2023.jsonl", "grab_2023_resent.jsonl"
  };

  static final String[] DIRTY_COPY = {
    Enterprises.DECLARATIONS, "declarations_2022.csv", "declarations_2022_resend.csv"
  };

  private final boolean dirty;
  private final long seed;
  private final TaxIds ids;
  private final Activities act;
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private int namesSeen;

  BadInput(boolean dirty, long seed, TaxIds ids, Activities act) {
    this.dirty = dirty;
    this.seed = seed;
    this.ids = ids;
    this.act = act;
    REASONS.forEach(r -> counts.put(r, 0L));
  }

  Map<String, Long> counts() {
    return counts;
  }

  private void count(String reason, long n) {
    counts.merge(reason, n, Long::sum);
  }

  /** Whether this register name of the newest snapshot is written in NFD (a few, spread out). */
  boolean writeNameInNfd(String name) {
    if (!dirty
        || counts.get("nfd_repaired") >= NFD_ROWS
        || Normalizer.normalize(name, Normalizer.Form.NFD).equals(name)
        || namesSeen++ % 11 != 3) {
      return false;
    }
    count("nfd_repaired", 1);
    return true;
  }

  /** Appends the bad rows to the open landing files and writes the unreadable files. */
  void inject(Landing landing) {
    if (!dirty) {
      return;
    }
    SplittableRandom r = Seeds.rng(seed, "bad-input", 0);
    List<String> registered = registry(landing, r);
    declarations(landing, r, registered);
    statistics(landing);
    ecommerce(landing, r);
    unreadable(landing, r);
  }

  /** Byte copies under another name, once the files are closed. */
  void copyFiles(Landing landing) {
    landing.copy(CLEAN_COPY[0], CLEAN_COPY[1], CLEAN_COPY[2]);
    count("duplicate_file", 1);
    if (dirty) {
      landing.copy(DIRTY_COPY[0], DIRTY_COPY[1], DIRTY_COPY[2]);
      count("duplicate_file", 1);
    }
  }

  void writeManifest(Path dir) {
    StringBuilder b = new StringBuilder("reason,count\n");
    counts.forEach((k, v) -> b.append(k).append(',').append(v).append('\n'));
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("injected.csv"), b.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the manifest to " + dir, e);
    }
  }

  private void bad(ZoneFile f, String reason, String... fields) {
    f.row(false, fields);
    count(reason, 1);
  }

  private void badLine(ZoneFile f, String reason, String line) {
    f.line(line, false);
    count(reason, 1);
  }

  private void duplicate(ZoneFile f) {
    if (f.sample() != null) {
      badLine(f, "duplicate_row", f.sample());
    }
  }

  /**
   * Bad register rows, plus valid registrations of the units the bad declarations use (so that
   * those are bad for their own reason, not for being unregistered). Returns those units.
   */
  private List<String> registry(Landing landing, SplittableRandom r) {
    String snapshot = Enterprises.SNAPSHOTS.get(Enterprises.SNAPSHOTS.size() - 1).toString();
    ZoneFile f = landing.get(Enterprises.REGISTRY, "registry_" + snapshot + ".csv");
    List<String> units = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String id = ids.enterprise(r, "09");
      units.add(id);
      f.row(false, id, name(r, "4690"), "4690", "small", "2018-05-14", "", snapshot);
    }
    duplicate(f);
    bad(
        f,
        "wrong_column_count",
        ids.enterprise(r, "09"),
        name(r, "4690"),
        "4690",
        "small",
        "2019-03-01",
        "",
        snapshot,
        "x");
    bad(
        f,
        "unparseable_date",
        ids.enterprise(r, "09"),
        name(r, "4690"),
        "4690",
        "small",
        "2024-13-45",
        "",
        snapshot);
    bad(
        f,
        "bad_tax_id",
        ids.withWrongCheckDigit(r, "09"),
        name(r, "4690"),
        "4690",
        "small",
        "2019-03-01",
        "",
        snapshot);
    // divisions 04 and 40 belong to no section of VSIC 2018
    bad(
        f,
        "unknown_vsic",
        ids.enterprise(r, "09"),
        name(r, "0111"),
        "0410",
        "micro",
        "2020-06-01",
        "",
        snapshot);
    bad(
        f,
        "unknown_vsic",
        ids.enterprise(r, "09"),
        name(r, "3511"),
        "4010",
        "medium",
        "2020-06-01",
        "",
        snapshot);
    String conflicting = ids.enterprise(r, "09");
    String name = name(r, "4690");
    bad(f, "key_conflict", conflicting, name, "4690", "small", "2017-09-09", "", snapshot);
    bad(f, "key_conflict", conflicting, name, "4690", "medium", "2017-09-09", "", snapshot);
    badLine(
        f,
        "malformed_line",
        ids.enterprise(r, "09")
            + ",\"Công ty TNHH Lỗi Trích Dẫn,4690,small,2019-03-01,,"
            + snapshot);
    return units;
  }

  private String name(SplittableRandom r, String vsic) {
    return act.name(r, vsic, "small", "Hà Nội");
  }

  private void declarations(Landing landing, SplittableRandom r, List<String> u) {
    ZoneFile d24 = landing.get(Enterprises.DECLARATIONS, "declarations_2024.csv");
    ZoneFile a24 = landing.get(Enterprises.DECLARATIONS, "declarations_2024_amendments.csv");
    ZoneFile d25 = landing.get(Enterprises.DECLARATIONS, "declarations_2025.csv");
    String rev = "4200000000";
    String ic = "2900000000";
    String wage = "600000000";
    bad(d24, "wrong_column_count", u.get(0), "2024-05", "01", "0", rev, ic, wage);
    bad(d24, "unparseable_number", u.get(1), "2024-05", "01", "0", "12a", ic, wage, "35");
    bad(d24, "unparseable_number", u.get(2), "2024-05", "01", "0", rev, ic, wage, "1,5");
    bad(d24, "unparseable_number", u.get(3), "2024-05", "01", "0", rev, ic, wage, "1.5");
    bad(d24, "unparseable_date", u.get(4), "2024-13", "01", "0", rev, ic, wage, "35");
    bad(d24, "unparseable_date", u.get(5), "2024-Q5", "01", "0", rev, ic, wage, "35");
    bad(
        d24,
        "bad_tax_id",
        ids.withWrongCheckDigit(r, "09"),
        "2024-05",
        "01",
        "0",
        rev,
        ic,
        wage,
        "35");
    bad(d24, "unknown_province", u.get(6), "2024-03", "99", "0", rev, ic, wage, "35");
    bad(d24, "negative_amount", u.get(7), "2024-05", "01", "0", "-" + rev, ic, wage, "35");
    bad(d24, "negative_amount", u.get(8), "2024-05", "01", "0", rev, ic, wage, "-35");
    duplicate(d24);
    // the same key twice with different revenue, the second as if resubmitted later
    bad(d24, "key_conflict", u.get(9), "2024-06", "01", "0", rev, ic, wage, "35");
    bad(a24, "key_conflict", u.get(9), "2024-06", "01", "0", "4350000000", ic, wage, "35");
    bad(
        d24,
        "unregistered_tax_id",
        ids.enterprise(r, "09"),
        "2024-04",
        "01",
        "0",
        rev,
        ic,
        wage,
        "35");
    // 27 was Bắc Ninh's code until 2025-06-30; in the 2025 list it does not exist
    bad(d25, "unknown_province", u.get(10), "2025-08", "27", "0", rev, ic, wage, "35");
    bad(
        d25,
        "unregistered_tax_id",
        ids.enterprise(r, "09"),
        "2025-Q3",
        "79",
        "0",
        rev,
        ic,
        wage,
        "35");
    badLine(
        d24,
        "malformed_line",
        "\"" + u.get(11) + ",2024-07,01,0," + rev + "," + ic + "," + wage + ",35");
  }

  private void statistics(Landing landing) {
    ZoneFile g23 = landing.get(StatisticsFiles.GRDP, "grdp_2023_official.csv");
    String early = "2024-04-15-preliminary";
    bad(g23, "wrong_column_count", "2023", "01", "A", "21500.0", early);
    bad(g23, "unparseable_number", "2023", "01", "A", "12a", "12500.0", early);
    bad(g23, "unknown_province", "2023", "99", "C", "15000.0", "9000.0", "2024-09-30-official");
    duplicate(g23);
    bad(g23, "key_conflict", "2023", "02", "A", "4100.0", "2400.0", early);
    bad(g23, "key_conflict", "2023", "02", "A", "4180.0", "2450.0", early);
    badLine(g23, "malformed_line", "2023,\"04,C,1500.0,900.0," + early);
    bad(
        landing.get(StatisticsFiles.GRDP, "grdp_2025_preliminary.csv"),
        "unknown_province",
        "2025",
        "27",
        "C",
        "160000.0",
        "90000.0",
        "2026-01-20-preliminary");
    ZoneFile e24 = landing.get(StatisticsFiles.EMPLOYMENT, "employment_2024_official.csv");
    bad(e24, "negative_amount", "2024", "01", "A", "-12.5", "2025-03-01-preliminary");
    bad(e24, "unparseable_number", "2024", "04", "A", "1,5", "2025-03-01-preliminary");
    ZoneFile retail = landing.get(StatisticsFiles.RETAIL, "retail_2021_2025.csv");
    bad(retail, "unparseable_number", "2023", "01", "1.234,5", "2024-02-01-preliminary");
    bad(retail, "unknown_province", "2024", "03", "10000.0", "2025-01-10-preliminary");
    ZoneFile ict = landing.get(StatisticsFiles.ICT, "ict_2021_2024.csv");
    bad(ict, "wrong_column_count", "2024", "01", "fibre_households_pct", "90.1", "2025-01-31", "x");
    bad(ict, "unparseable_number", "2024", "04", "smartphone_adults_pct", "85,5", "2025-01-31");
  }

  private void ecommerce(Landing landing, SplittableRandom r) {
    ZoneFile lz = landing.get(Platforms.source("lazada"), Platforms.file("lazada", 2024));
    String hh = ids.citizen(r, "79");
    badLine(
        lz,
        "malformed_line",
        "{\"platform\":\"lazada\",\"month\":\"2024-05\",\"seller_ref\":\""
            + hh
            + "\",\"seller_type\":\"househ");
    badLine(
        lz,
        "unparseable_number",
        Platforms.json(
            "lazada",
            "2024-05",
            ids.citizen(r, "79"),
            "household",
            null,
            "79",
            "fashion",
            "\"12a\"",
            "3600000",
            "0"));
    badLine(
        lz,
        "unparseable_date",
        Platforms.json(
            "lazada",
            "2024/05",
            ids.citizen(r, "79"),
            "household",
            null,
            "79",
            "fashion",
            "12",
            "3600000",
            "0"));
    duplicate(lz);
    ZoneFile tt = landing.get(Platforms.source("tiktokshop"), Platforms.file("tiktokshop", 2025));
    badLine(
        tt,
        "unknown_province",
        Platforms.json(
            "tiktokshop",
            "2025-09",
            ids.citizen(r, "27"),
            "household",
            null,
            "27",
            "beauty_health",
            "40",
            "12000000",
            "0"));
    String wrong = ids.withWrongCheckDigit(r, "09");
    badLine(
        tt,
        "bad_tax_id",
        Platforms.json(
            "tiktokshop",
            "2025-09",
            wrong,
            "enterprise",
            wrong,
            "79",
            "fashion",
            "900",
            "270000000",
            "9000000"));
    badLine(tt, "malformed_line", "{\"platform\":\"tiktokshop\" \"month\":\"2025-10\"}");
    ZoneFile sh = landing.get(Platforms.source("shopee"), Platforms.file("shopee", 2024));
    badLine(
        sh,
        "unknown_category",
        Platforms.json(
            "shopee",
            "2024-06",
            ids.citizen(r, "01"),
            "household",
            null,
            "01",
            "pet_supplies",
            "30",
            "9000000",
            "0"));
    badLine(
        sh,
        "negative_amount",
        Platforms.json(
            "shopee",
            "2024-06",
            ids.citizen(r, "01"),
            "household",
            null,
            "01",
            "fashion",
            "-3",
            "900000",
            "0"));
    badLine(
        sh,
        "negative_amount",
        Platforms.json(
            "shopee",
            "2024-06",
            ids.citizen(r, "01"),
            "individual",
            null,
            "01",
            "home_living",
            "4",
            "1200000",
            "-150000"));
    badLine(
        sh,
        "refund_exceeds_gmv",
        Platforms.json(
            "shopee",
            "2024-06",
            ids.citizen(r, "01"),
            "household",
            null,
            "01",
            "fashion",
            "7",
            "2000000",
            "2500000"));
    String conflicting = ids.citizen(r, "01");
    for (String gmv : new String[] {"5400000", "5600000", "5900000"}) {
      badLine(
          sh,
          "key_conflict",
          Platforms.json(
              "shopee",
              "2024-08",
              conflicting,
              "household",
              null,
              "01",
              "fashion",
              "18",
              gmv,
              "0"));
    }
    ZoneFile grab = landing.get(Platforms.source("grab"), Platforms.file("grab", 2025));
    badLine(
        grab,
        "refund_exceeds_gmv",
        Platforms.json(
            "grab",
            "2025-03",
            ids.citizen(r, "79"),
            "individual",
            null,
            "79",
            "ride_hailing",
            "25",
            "2000000",
            "2100000"));
  }

  /** Files in Windows-1258, the legacy Vietnamese code page: not UTF-8, so unreadable. */
  private void unreadable(Landing landing, SplittableRandom r) {
    StringBuilder reg = new StringBuilder(Enterprises.REGISTRY_HEADER).append("\r\n");
    for (int i = 0; i < 3; i++) {
      reg.append(
              ZoneFile.csv(
                  ids.enterprise(r, "09"),
                  name(r, "4771"),
                  "4771",
                  "micro",
                  "2021-02-02",
                  "",
                  "2025-06-30"))
          .append("\r\n");
    }
    landing.writeBytes(
        Enterprises.REGISTRY, "registry_2025-06-30_cp1258.csv", windows1258(reg.toString()), 3);
    count("file_unreadable", 1);
    String ict =
        "năm,mã tỉnh,chỉ tiêu,giá trị,đợt công bố\r\n2025,24,tỷ lệ hộ gia đình có cáp quang,91.4,2026-03-31\r\n";
    landing.writeBytes(StatisticsFiles.ICT, "ict_2025_so_tttt_cp1258.csv", windows1258(ict), 1);
    count("file_unreadable", 1);
  }

  /**
   * Windows-1258 keeps the letters with breve, circumflex and horn precomposed and writes the five
   * tones as combining marks after them.
   */
  static byte[] windows1258(String text) {
    Charset cp = Charset.forName("windows-1258");
    CharsetEncoder enc = cp.newEncoder();
    StringBuilder b = new StringBuilder();
    for (char c : Normalizer.normalize(text, Normalizer.Form.NFC).toCharArray()) {
      if (enc.canEncode(c)) {
        b.append(c);
        continue;
      }
      StringBuilder base = new StringBuilder();
      StringBuilder tones = new StringBuilder();
      for (char d : Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).toCharArray()) {
        ("\u0300\u0301\u0303\u0309\u0323".indexOf(d) >= 0 ? tones : base).append(d);
      }
      b.append(Normalizer.normalize(base, Normalizer.Form.NFC)).append(tones);
    }
    byte[] bytes = b.toString().getBytes(cp);
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
      throw new IllegalStateException(
          "Cannot make an unreadable file: its Windows-1258 bytes are valid UTF-8");
    } catch (CharacterCodingException expected) {
      return bytes;
    }
  }
}
