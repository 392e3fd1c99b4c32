package vn.kinhteso.ingest;

import java.util.List;

/** The landing-zone folders of the contract and the columns each delivers. */
public enum Source {
  GRDP(
      "statistics/grdp",
      List.of(
          "year",
          "province_code",
          "sector",
          "grdp_current_bn_vnd",
          "grdp_constant_2010_bn_vnd",
          "release")),
  EMPLOYMENT(
      "statistics/employment",
      List.of("year", "province_code", "sector", "employed_thousands", "release")),
  RETAIL("statistics/retail", List.of("year", "province_code", "retail_sales_bn_vnd", "release")),
  ICT("statistics/ict", List.of("year", "province_code", "indicator", "value", "release")),
  REGISTRY(
      "tax/registry",
      List.of(
          "tax_id",
          "name",
          "vsic_code",
          "size_class",
          "registered_on",
          "closed_on",
          "snapshot_date")),
  DECLARATIONS(
      "tax/declarations",
      List.of(
          "tax_id",
          "period",
          "province_code",
          "amendment",
          "revenue_vnd",
          "intermediate_cost_vnd",
          "wage_bill_vnd",
          "employees")),
  // One folder per platform below ecommerce/; JSON lines, no header.
  ECOMMERCE(
      "ecommerce",
      List.of(
          "platform",
          "month",
          "seller_ref",
          "seller_type",
          "seller_tax_id",
          "seller_province_code",
          "category",
          "orders",
          "gmv_vnd",
          "refunds_vnd"));

  private final String folder;
  private final List<String> columns;

  Source(String folder, List<String> columns) {
    this.folder = folder;
    this.columns = columns;
  }

  /** The folder below the landing root, also the value of {@code source} in bronze. */
  public String folder() {
    return folder;
  }

  public List<String> columns() {
    return columns;
  }

  public boolean isCsv() {
    return this != ECOMMERCE;
  }

  public static Source ofFolder(String folder) {
    for (Source s : values()) {
      if (s.folder.equals(folder)) {
        return s;
      }
    }
    throw new IllegalArgumentException("No source for folder " + folder);
  }
}
