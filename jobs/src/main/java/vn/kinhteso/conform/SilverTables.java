package vn.kinhteso.conform;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The conformed inputs (schemas in docs/lake-tables.md) and the rows that could not be conformed.
 * Superseded rows stay in, with {@code is_latest = false}.
 */
public record SilverTables(
    Dataset<Row> grdp,
    Dataset<Row> employment,
    Dataset<Row> retail,
    Dataset<Row> ict,
    Dataset<Row> register,
    Dataset<Row> declarations,
    Dataset<Row> ecommerce,
    Dataset<Row> quarantine) {

  /** Silver tables by their lake name (quarantine excluded: it lives in the quality layer). */
  public Map<String, Dataset<Row>> byName() {
    Map<String, Dataset<Row>> m = new LinkedHashMap<>();
    m.put("grdp", grdp);
    m.put("employment", employment);
    m.put("retail", retail);
    m.put("ict", ict);
    m.put("register", register);
    m.put("declarations", declarations);
    m.put("ecommerce", ecommerce);
    return m;
  }
}
