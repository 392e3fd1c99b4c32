package vn.kinhteso.generate;

import java.util.List;

/**
 * The platforms that report their sellers monthly (Decree 117/2025), which categories each carries,
 * and how one seller-month is written: one JSON object a line, fields in the contract's order.
 */
final class Platforms {
  static final List<String> ALL = List.of("shopee", "lazada", "tiktokshop", "grab");

  private Platforms() {}

  static String source(String platform) {
    return "ecommerce/" + platform;
  }

  static String file(String platform, int year) {
    return platform + "_" + year + ".jsonl";
  }

  /** Platforms carrying a category, the biggest first. */
  static List<String> forCategory(String category) {
    return switch (category) {
      case "ride_hailing" -> List.of("grab");
      case "food_delivery" -> List.of("grab", "shopee");
      case "logistics" -> List.of("grab", "lazada");
      case "travel_accommodation" -> List.of("tiktokshop", "shopee");
      case "beauty_health", "fashion" -> List.of("shopee", "tiktokshop", "lazada");
      default -> List.of("shopee", "lazada", "tiktokshop");
    };
  }

  /** Share of GMV refunded or returned. */
  static double refundRate(String category) {
    return switch (category) {
      case "fashion" -> .08;
      case "beauty_health", "mother_baby", "sports_outdoor" -> .05;
      case "ride_hailing", "food_delivery", "logistics" -> .01;
      case "digital_goods", "travel_accommodation" -> .02;
      default -> .04;
    };
  }

  /** Average value of a completed order, VND. */
  static long averageOrder(String category) {
    return switch (category) {
      case "electronics" -> 2_500_000;
      case "auto_moto" -> 1_200_000;
      case "travel_accommodation" -> 1_500_000;
      case "sports_outdoor", "mother_baby" -> 450_000;
      case "fashion", "beauty_health", "home_living" -> 300_000;
      case "books_stationery", "digital_goods", "grocery" -> 180_000;
      case "food_delivery" -> 120_000;
      case "ride_hailing" -> 80_000;
      case "logistics" -> 35_000;
      default -> 250_000;
    };
  }

  /**
   * One seller-month, compact (the tiny example puts spaces after separators; a JSON reader must
   * not care). Numbers are passed as JSON tokens so that the dirty mode can write a quoted or
   * broken one; {@code taxId} null writes JSON null.
   */
  static String json(
      String platform,
      String month,
      String sellerRef,
      String sellerType,
      String taxId,
      String province,
      String category,
      String orders,
      String gmv,
      String refunds) {
    return "{\"platform\":\""
        + platform
        + "\",\"month\":\""
        + month
        + "\",\"seller_ref\":\""
        + sellerRef
        + "\",\"seller_type\":\""
        + sellerType
        + "\",\"seller_tax_id\":"
        + (taxId == null ? "null" : "\"" + taxId + "\"")
        + ",\"seller_province_code\":\""
        + province
        + "\",\"category\":\""
        + category
        + "\",\"orders\":"
        + orders
        + ",\"gmv_vnd\":"
        + gmv
        + ",\"refunds_vnd\":"
        + refunds
        + "}";
  }

  /** A seller-month from its net sales: refunds at the category's rate on top, orders from GMV. */
  static String sale(
      String platform,
      String month,
      String sellerRef,
      String sellerType,
      String taxId,
      String province,
      String category,
      long net) {
    double rate = refundRate(category);
    long refunds = Math.round(net * rate / (1 - rate));
    long gmv = net + refunds;
    long orders = Math.max(1, Math.round((double) gmv / averageOrder(category)));
    return json(
        platform,
        month,
        sellerRef,
        sellerType,
        taxId,
        province,
        category,
        Long.toString(orders),
        Long.toString(gmv),
        Long.toString(refunds));
  }
}
