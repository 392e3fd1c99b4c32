package vn.kinhteso.conform;

import vn.kinhteso.ingest.BronzeIngest;

/** Quarantine reason codes (docs/lake-tables.md). */
public final class Reason {
  private Reason() {}

  // A file's reason is its status in the bronze manifest, set by ingest.
  public static final String FILE_UNREADABLE = BronzeIngest.UNREADABLE;
  public static final String BAD_HEADER = BronzeIngest.BAD_HEADER;
  public static final String DUPLICATE_FILE = BronzeIngest.DUPLICATE_FILE;
  public static final String MALFORMED_LINE = "malformed_line";
  public static final String WRONG_COLUMN_COUNT = "wrong_column_count";
  public static final String UNPARSEABLE_NUMBER = "unparseable_number";
  public static final String UNPARSEABLE_DATE = "unparseable_date";
  public static final String BAD_TAX_ID = "bad_tax_id";
  public static final String UNKNOWN_PROVINCE = "unknown_province";
  public static final String UNKNOWN_VSIC = "unknown_vsic";
  public static final String UNKNOWN_CATEGORY = "unknown_category";
  public static final String UNKNOWN_SECTOR = "unknown_sector";
  public static final String INVALID_VALUE = "invalid_value";
  public static final String NEGATIVE_AMOUNT = "negative_amount";
  public static final String REFUND_EXCEEDS_GMV = "refund_exceeds_gmv";
  public static final String DUPLICATE_ROW = "duplicate_row";
  public static final String KEY_CONFLICT = "key_conflict";
  public static final String UNREGISTERED_TAX_ID = "unregistered_tax_id";
  public static final String LINE_TOO_LONG = "line_too_long";
  public static final String TRAILING_CONTENT = "trailing_content";
  public static final String DUPLICATE_FIELD = "duplicate_field";
  public static final String FUTURE_DATE = "future_date";
}
