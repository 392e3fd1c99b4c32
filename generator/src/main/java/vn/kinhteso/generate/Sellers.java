package vn.kinhteso.generate;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import vn.kinhteso.config.Reference;

/**
 * Household and individual sellers (12-digit citizen IDs as seller_ref, no tax id), and a few
 * enterprise sellers whose tax id is in no register snapshot (counted as households by the
 * methodology). Like the units they are weighted: a province's sellers share its household online
 * sales, a fraction of its GRDP that grows about a quarter a year.
 */
final class Sellers {
  /** Household online sales relative to 2024, 2022..2025. */
  static final double[] GROWTH = {.70, .85, 1.0, 1.15};

  /** Household online sales (billion VND, 2024) one seller stands for at scale 1. */
  static final double SELLER_WEIGHT_BN = 30_000;

  private static final String[] GOODS = {
    "fashion",
    "beauty_health",
    "home_living",
    "grocery",
    "electronics",
    "mother_baby",
    "sports_outdoor",
    "books_stationery",
    "auto_moto"
  };

  /**
   * Weights of a seller's main category (categories absent from the reference list are skipped).
   */
  private static final Map<String, Integer> MAIN_CATEGORY = new LinkedHashMap<>();

  static {
    MAIN_CATEGORY.put("fashion", 22);
    MAIN_CATEGORY.put("beauty_health", 12);
    MAIN_CATEGORY.put("home_living", 12);
    MAIN_CATEGORY.put("grocery", 8);
    MAIN_CATEGORY.put("electronics", 8);
    MAIN_CATEGORY.put("food_delivery", 8);
    MAIN_CATEGORY.put("mother_baby", 6);
    MAIN_CATEGORY.put("ride_hailing", 6);
    MAIN_CATEGORY.put("sports_outdoor", 4);
    MAIN_CATEGORY.put("books_stationery", 3);
    MAIN_CATEGORY.put("auto_moto", 3);
    MAIN_CATEGORY.put("logistics", 3);
    MAIN_CATEGORY.put("travel_accommodation", 3);
    MAIN_CATEGORY.put("digital_goods", 2);
  }

  /** One seller; {@code taxId} is set only for an unregistered enterprise seller. */
  record Seller(
      String ref,
      String type,
      String taxId,
      String province,
      List<String> categories,
      List<List<String>> platforms,
      YearMonth from,
      YearMonth to,
      double size) {
    double activeMonths(int year) {
      int n = 0;
      for (int m = 1; m <= 12; m++) {
        YearMonth ym = YearMonth.of(year, m);
        n += ym.isBefore(from) || ym.isAfter(to) ? 0 : 1;
      }
      return n;
    }
  }

  private final long seed;
  private final double scale;
  private final Economy eco;
  private final TaxIds ids;
  private final Reference ref;
  private final List<String> categories;

  Sellers(long seed, double scale, Economy eco, TaxIds ids) {
    this.seed = seed;
    this.scale = scale;
    this.eco = eco;
    this.ids = ids;
    this.ref = eco.reference();
    this.categories = new ArrayList<>(ref.categories().keySet());
  }

  /** Household online sales of a 2004 province in a year, VND. */
  double budget(String p2004, int year) {
    return eco.province(p2004).profile().householdOnline
        * eco.totalCurrent(p2004, year)
        * 1e9
        * GROWTH[year - Enterprises.FIRST_YEAR];
  }

  void write(Landing landing, IntendedShares shares) {
    int next = 0;
    for (String p : eco.provinces2004()) {
      long atScaleOne = Math.max(1, Math.round(budget(p, 2024) / 1e9 / SELLER_WEIGHT_BN));
      int n = (int) Math.max(1, Math.round(atScaleOne * scale));
      List<Seller> sellers = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        sellers.add(draw(next++, p));
      }
      writeProvince(landing, shares, p, sellers);
    }
  }

  private Seller draw(int index, String p) {
    SplittableRandom r = Seeds.rng(seed, "seller", index);
    // the first sellers take every category in turn, so that each appears at any scale
    String main = index < categories.size() ? categories.get(index) : weighted(r);
    List<String> cats = new ArrayList<>(List.of(main));
    if (r.nextDouble() < .15) {
      String second = GOODS[r.nextInt(GOODS.length)];
      if (!second.equals(main) && ref.categories().containsKey(second)) {
        cats.add(second);
      }
    }
    boolean goods = List.of(GOODS).contains(main);
    String type =
        switch (main) {
          case "ride_hailing", "logistics", "digital_goods" -> "individual";
          case "food_delivery", "travel_accommodation" -> "household";
          default -> r.nextDouble() < .6 ? "household" : "individual";
        };
    String taxId = null;
    String sellerRef;
    if (goods && index % 19 == 7) {
      type = "enterprise";
      taxId = ids.enterprise(r, String.format(Locale.ROOT, "%02d", 10 + r.nextInt(60)));
      sellerRef = taxId;
    } else {
      List<String> codes = eco.provinces2004();
      sellerRef = ids.citizen(r, r.nextDouble() < .7 ? p : codes.get(r.nextInt(codes.size())));
    }
    List<List<String>> platforms = new ArrayList<>();
    for (String c : cats) {
      List<String> carriers = Platforms.forCategory(c);
      platforms.add(
          carriers.size() > 1 && r.nextDouble() < .2
              ? carriers.subList(0, 2)
              : carriers.subList(0, 1));
    }
    // most sellers join during the period: platform sales grow faster than the economy
    YearMonth from =
        r.nextDouble() < .25
            ? YearMonth.of(Enterprises.FIRST_YEAR, 1)
            : YearMonth.of(Enterprises.FIRST_YEAR, 2).plusMonths(r.nextInt(41));
    YearMonth to = YearMonth.of(Enterprises.LAST_YEAR, 12);
    if (r.nextDouble() < .15) {
      YearMonth churn = from.plusMonths(6 + r.nextInt(30));
      to = churn.isBefore(to) ? churn : to;
    }
    return new Seller(
        sellerRef, type, taxId, p, cats, platforms, from, to, Math.exp(.8 * r.nextGaussian()));
  }

  private String weighted(SplittableRandom r) {
    int total = MAIN_CATEGORY.values().stream().mapToInt(Integer::intValue).sum();
    int x = r.nextInt(total);
    for (Map.Entry<String, Integer> e : MAIN_CATEGORY.entrySet()) {
      x -= e.getValue();
      if (x < 0 && ref.categories().containsKey(e.getKey())) {
        return e.getKey();
      }
    }
    return categories.get(0);
  }

  private void writeProvince(
      Landing landing, IntendedShares shares, String p, List<Seller> sellers) {
    for (int y = Enterprises.FIRST_YEAR; y <= Enterprises.LAST_YEAR; y++) {
      double weights = 0;
      for (Seller s : sellers) {
        weights += s.size() * s.activeMonths(y);
      }
      if (weights == 0) {
        continue;
      }
      String inForce = eco.codeForYear(p, y);
      for (int i = 0; i < sellers.size(); i++) {
        Seller s = sellers.get(i);
        double annual = budget(p, y) * s.size() * s.activeMonths(y) / weights;
        if (annual == 0) {
          continue;
        }
        SplittableRandom r = Seeds.rng(seed, "seller-sales" + p + y, i);
        double season = 0;
        for (int m = 1; m <= 12; m++) {
          YearMonth ym = YearMonth.of(y, m);
          season += ym.isBefore(s.from()) || ym.isAfter(s.to()) ? 0 : seasonOf(m);
        }
        double total = 0;
        for (int c = 0; c < s.categories().size(); c++) {
          String cat = s.categories().get(c);
          double catShare = s.categories().size() == 1 ? 1 : c == 0 ? .75 : .25;
          double catNet = 0;
          for (int m = 1; m <= 12; m++) {
            YearMonth ym = YearMonth.of(y, m);
            if (ym.isBefore(s.from()) || ym.isAfter(s.to())) {
              continue;
            }
            double month =
                annual * catShare * seasonOf(m) / season * (1 + .15 * (2 * r.nextDouble() - 1));
            List<String> on = s.platforms().get(c);
            for (int k = 0; k < on.size(); k++) {
              long net = Math.round(month * (on.size() == 1 ? 1 : k == 0 ? .7 : .3));
              if (net <= 0) {
                continue;
              }
              String platform = on.get(k);
              String code = ym.isBefore(Enterprises.NEW_CODES_FROM) ? p : ref.crosswalk().get(p);
              landing
                  .open(Platforms.source(platform), Platforms.file(platform, y), null)
                  .line(
                      Platforms.sale(
                          platform, ym.toString(), s.ref(), s.type(), s.taxId(), code, cat, net),
                      true);
              catNet += net;
            }
          }
          Reference.Category category = ref.categories().get(cat);
          shares.household(
              inForce, y, category.section(), Math.max(0, catNet) * category.vaRatio());
          total += catNet;
        }
        shares.sellerNet(inForce, y, total);
      }
    }
  }

  /** Online sales peak at the 11.11 and 12.12 sales and dip at Tết. */
  private static double seasonOf(int month) {
    return switch (month) {
      case 2 -> .7;
      case 11 -> 1.35;
      case 12 -> 1.3;
      default -> 1.0;
    };
  }
}
