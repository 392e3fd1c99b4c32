package vn.kinhteso.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shares the generator meant the estimator to find: methodology §2–§3 applied to the true
 * values as they are written (highest amendment, newest VSIC, province in force), summed up to the
 * 2025 provinces and the nation as ratios of sums (whole economy everywhere; sections for the
 * nation, and for the 2025 provinces in 2025). Written to {@code _generator/} as a cross-check for
 * the pipeline, not as its expected output: the pipeline's own reading of the rules decides.
 */
final class IntendedShares {
  /**
   * Per "province|year|section" in the geography in force: Σmax(VA,0), core, digitalised, household
   * (VND).
   */
  private final Map<String, double[]> cells = new HashMap<>();

  /** Per "province|year": e-commerce net of all sellers (VND), ICT-core employees (persons). */
  private final Map<String, double[]> provinceYears = new HashMap<>();

  /** One account (tax_id, province in force, year). */
  void account(
      String province,
      int year,
      String section,
      double va,
      double w,
      boolean core,
      double employees) {
    double[] c = cells.computeIfAbsent(province + "|" + year + "|" + section, k -> new double[4]);
    double pos = Math.max(va, 0);
    c[0] += pos;
    if (core) {
      c[1] += pos;
      provinceYears.computeIfAbsent(province + "|" + year, k -> new double[2])[1] += employees;
    } else {
      c[2] += pos * w;
    }
  }

  /** Household online value added of one (seller, province, category, year). */
  void household(String province, int year, String section, double dva) {
    cells.computeIfAbsent(province + "|" + year + "|" + section, k -> new double[4])[3] += dva;
  }

  /** max(0, Σ net) of one (seller, province, year), every seller type. */
  void sellerNet(String province, int year, double net) {
    provinceYears.computeIfAbsent(province + "|" + year, k -> new double[2])[0] += Math.max(net, 0);
  }

  /** The national whole-economy share of a year, percent. */
  double nationalShare(Economy eco, int year) {
    Row r = new Row();
    for (String p : base(eco, year)) {
      for (String s : Economy.SECTIONS) {
        r.add(grdp(eco, p, s, year), cells.get(p + "|" + year + "|" + s));
      }
      r.add(grdp(eco, p, Economy.TSP, year), null);
    }
    return r.share();
  }

  /** The provinces accounts are kept in: the 2004 ones up to 2024, the 2025 ones from 2025. */
  private static List<String> base(Economy eco, int year) {
    return year < Economy.MERGER_YEAR
        ? eco.provinces2004()
        : new ArrayList<>(eco.reference().provinces2025().keySet());
  }

  /** The 2004 provinces whose statistics make up a base province of the year. */
  private static List<String> parts(Economy eco, String baseProvince, int year) {
    return year < Economy.MERGER_YEAR ? List.of(baseProvince) : eco.children(baseProvince);
  }

  private static double grdp(Economy eco, String baseProvince, String sector, int year) {
    double sum = 0;
    for (String c : parts(eco, baseProvince, year)) {
      sum += eco.current(c, sector, year);
    }
    return sum;
  }

  /** Writes intended_shares.csv and intended_indicators.csv into {@code dir}. */
  void write(Path dir, Economy eco) {
    try {
      Files.createDirectories(dir);
      try (Writer shares =
              Files.newBufferedWriter(dir.resolve("intended_shares.csv"), StandardCharsets.UTF_8);
          Writer inds =
              Files.newBufferedWriter(
                  dir.resolve("intended_indicators.csv"), StandardCharsets.UTF_8)) {
        shares.write(
            "geo_level,province_code,year,sector,grdp_current_bn_vnd,digital_va_bn_vnd,core_ict_bn_vnd,"
                + "digitalised_enterprise_bn_vnd,household_online_bn_vnd,share_pct,coverage_pct\n");
        inds.write("geo_level,province_code,year,indicator,value\n");
        for (String geo : List.of("national", "province_2004", "province_2025")) {
          List<String> codes =
              switch (geo) {
                case "national" -> List.of("VN");
                case "province_2004" -> eco.provinces2004();
                default -> new ArrayList<>(eco.reference().provinces2025().keySet());
              };
          for (String code : codes) {
            for (int y = Enterprises.FIRST_YEAR; y <= Enterprises.LAST_YEAR; y++) {
              if (geo.equals("province_2004") && y >= Economy.MERGER_YEAR) {
                continue;
              }
              List<String> members = members(eco, geo, code, y);
              writeShares(shares, eco, geo, code, y, members);
              writeIndicators(inds, eco, geo, code, y, members);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the intended shares to " + dir, e);
    }
  }

  private static List<String> members(Economy eco, String geo, String code, int year) {
    if (geo.equals("national")) {
      return base(eco, year);
    }
    if (geo.equals("province_2025") && year < Economy.MERGER_YEAR) {
      return eco.children(code);
    }
    return List.of(code);
  }

  private void writeShares(
      Writer w, Economy eco, String geo, String code, int y, List<String> members)
      throws IOException {
    Row all = new Row();
    for (String s : Economy.SECTIONS) {
      Row r = new Row();
      boolean any = false;
      for (String m : members) {
        for (String part : parts(eco, m, y)) {
          any |= eco.hasSector(part, s);
        }
        r.add(grdp(eco, m, s, y), cells.get(m + "|" + y + "|" + s));
      }
      if (any) {
        // sections of provinces only where a target reads them (2025): keeps data-sample small
        if (geo.equals("national") || y >= Economy.MERGER_YEAR) {
          w.write(r.csv(geo, code, y, s));
        }
        all.add(r);
      }
    }
    for (String m : members) {
      all.add(grdp(eco, m, Economy.TSP, y), null);
    }
    w.write(all.csv(geo, code, y, "ALL"));
  }

  private void writeIndicators(
      Writer w, Economy eco, String geo, String code, int y, List<String> members)
      throws IOException {
    double net = 0;
    double coreEmployees = 0;
    double retail = 0;
    double employed = 0;
    for (String m : members) {
      double[] py = provinceYears.get(m + "|" + y);
      if (py != null) {
        net += py[0];
        coreEmployees += py[1];
      }
      for (String part : parts(eco, m, y)) {
        retail += eco.retail(part, y) * 1e9;
        for (String s : Economy.SECTIONS) {
          employed += eco.employment(part, s, y) * 1000;
        }
      }
    }
    String prefix = geo + "," + code + "," + y + ",";
    w.write(prefix + "ecommerce_retail_share_pct," + f(100 * net / retail) + "\n");
    w.write(prefix + "digital_labour_share_pct," + f(100 * coreEmployees / employed) + "\n");
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String bn(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** Sums of one (geography, province, year, sector), money in VND but GRDP in billion VND. */
  private static final class Row {
    double grdp;
    double vaPos;
    double core;
    double digitalised;
    double household;

    void add(double grdpBn, double[] c) {
      grdp += grdpBn;
      if (c != null) {
        vaPos += c[0];
        core += c[1];
        digitalised += c[2];
        household += c[3];
      }
    }

    void add(Row r) {
      grdp += r.grdp;
      vaPos += r.vaPos;
      core += r.core;
      digitalised += r.digitalised;
      household += r.household;
    }

    double share() {
      return 100 * (core + digitalised + household) / 1e9 / grdp;
    }

    String csv(String geo, String code, int year, String sector) {
      double dva = core + digitalised + household;
      return geo
          + ","
          + code
          + ","
          + year
          + ","
          + sector
          + ","
          + bn(grdp)
          + ","
          + bn(dva / 1e9)
          + ","
          + bn(core / 1e9)
          + ","
          + bn(digitalised / 1e9)
          + ","
          + bn(household / 1e9)
          + ","
          + f(share())
          + ","
          + f(100 * vaPos / 1e9 / grdp)
          + "\n";
    }
  }
}
