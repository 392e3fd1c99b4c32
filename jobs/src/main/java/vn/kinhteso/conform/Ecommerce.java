package vn.kinhteso.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static vn.kinhteso.conform.Rules.isInteger;
import static vn.kinhteso.conform.Rules.show;
import static vn.kinhteso.conform.Rules.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.kinhteso.ingest.Source;

/** E-commerce platform reports (JSON lines): checks, types, seller pseudonyms, key conflicts. */
final class Ecommerce {
  private static final List<String> SELLER_TYPES = List.of("enterprise", "household", "individual");
  private static final List<String> COUNTS = List.of("orders", "gmv_vnd", "refunds_vnd");

  // from_json, get_json_object and json_object_keys all stop at the object's closing brace and
  // ignore what follows; no built-in tells whether anything does, so one small UDF asks Jackson.
  private static final JsonFactory JSON = new JsonFactory();
  private static final UserDefinedFunction TRAILING_CONTENT =
      functions
          .udf((UDF1<String, Boolean>) Ecommerce::trailingContent, DataTypes.BooleanType)
          .withName("json_trailing_content");

  private final Family family;
  private final Codes codes;
  private final RunDate night;
  private final Pseudonyms pseudonyms;

  Ecommerce(Family family, Pseudonyms pseudonyms) {
    this.family = family;
    this.codes = family.codes();
    this.night = family.night();
    this.pseudonyms = pseudonyms;
  }

  /** The platforms' lines (all of bronze's lines given, any source) parsed, checked and typed. */
  Checked parse(Dataset<Row> lines) {
    StructType schema = new StructType();
    for (String c : Source.ECOMMERCE.columns()) {
      schema = schema.add(c, DataTypes.StringType);
    }
    schema = schema.add("_corrupt_record", DataTypes.StringType);
    Dataset<Row> parsed =
        lines
            .where(col("source").equalTo(Source.ECOMMERCE.folder()))
            .withColumn(
                "_p",
                functions.from_json(
                    col("raw"), schema, Map.of("columnNameOfCorruptRecord", "_corrupt_record")));
    List<Column> fields = new ArrayList<>();
    Lineage.OF_LINE.forEach(c -> fields.add(col(c)));
    for (String c : Source.ECOMMERCE.columns()) {
      fields.add(text(col("_p." + c)).as(c));
    }
    fields.add(
        col("_p._corrupt_record")
            .isNotNull()
            .or(col("_p").isNull())
            .or(Rules.not(functions.trim(col("raw")).startsWith("{")))
            .as("_malformed"));
    fields.add(TRAILING_CONTENT.apply(col("raw")).as("_trailing"));
    // Top-level names as written, repeats included (from_json keeps the last of a repeated field).
    fields.add(functions.json_object_keys(col("raw")).as("_keys"));
    Dataset<Row> f = parsed.select(fields.toArray(Column[]::new));
    Column monthOk = Rules.matches(col("month"), "^[0-9]{4}-(0[1-9]|1[0-2])$");
    Column start = functions.to_date(functions.concat(col("month"), lit("-01")), "yyyy-MM-dd");
    Column uses2004 = Codes.uses2004List(start);
    Column enterprise = col("seller_type").equalTo("enterprise");
    Column repeated =
        functions.array_distinct(
            functions.filter(
                col("_keys"),
                k -> functions.size(functions.filter(col("_keys"), j -> j.equalTo(k))).gt(1)));
    Rules.Checks checks =
        new Rules.Checks()
            .fail(col("_malformed"), Reason.MALFORMED_LINE, "not a JSON object")
            .fail(col("_trailing"), Reason.TRAILING_CONTENT, "text after the JSON object")
            .fail(
                functions.size(repeated).gt(0),
                Reason.DUPLICATE_FIELD,
                functions.concat(
                    lit("field given more than once: "), functions.array_join(repeated, ", ")));
    for (String c :
        List.of("platform", "seller_ref", "seller_type", "seller_province_code", "category")) {
      checks.fail(col(c).isNull(), Reason.INVALID_VALUE, "missing " + c);
    }
    for (String c : COUNTS) {
      checks.fail(Rules.not(isInteger(col(c))), Reason.UNPARSEABLE_NUMBER, show(c));
    }
    checks
        .fail(Rules.not(monthOk), Reason.UNPARSEABLE_DATE, show("month"))
        .fail(start.gt(night.day()), Reason.FUTURE_DATE, night.after("month"))
        .fail(
            Rules.not(Rules.in(col("seller_type"), SELLER_TYPES.toArray())),
            Reason.INVALID_VALUE,
            show("seller_type"))
        .fail(
            enterprise.and(Rules.not(Rules.isValidTaxId(col("seller_tax_id")))),
            Reason.BAD_TAX_ID,
            show("seller_tax_id"))
        .fail(
            codes.province2025(col("seller_province_code"), uses2004).isNull(),
            Reason.UNKNOWN_PROVINCE,
            functions.concat(
                show("seller_province_code"), lit(" is not in the code list of "), col("month")))
        .fail(
            codes.categorySection(col("category")).isNull(),
            Reason.UNKNOWN_CATEGORY,
            show("category"));
    for (String c : COUNTS) {
      checks.fail(col(c).cast("long").lt(0), Reason.NEGATIVE_AMOUNT, show(c));
    }
    checks.fail(
        col("refunds_vnd").cast("long").gt(col("gmv_vnd").cast("long")),
        Reason.REFUND_EXCEEDS_GMV,
        functions.concat(show("refunds_vnd"), lit(" > "), show("gmv_vnd")));
    Column person = col("seller_type").isin("household", "individual");
    List<Column> typed =
        new ArrayList<>(
            List.of(
                col("platform"),
                col("month"),
                functions.substring(col("month"), 1, 4).cast("int").as("year"),
                start.as("month_start"),
                // A twelve-digit reference is a citizen ID whatever seller type the platform
                // reported.
                when(
                        person.or(col("seller_ref").rlike("^[0-9]{12}$")),
                        pseudonyms.of(col("seller_ref")))
                    .otherwise(col("seller_ref"))
                    .as("seller_ref"),
                col("seller_type"),
                when(enterprise, col("seller_tax_id")).as("seller_tax_id"),
                col("seller_province_code").as("province_code"),
                codes.province2004(col("seller_province_code"), uses2004).as("province_2004"),
                codes.province2025(col("seller_province_code"), uses2004).as("province_2025"),
                col("category"),
                codes.categorySection(col("category")).as("section"),
                codes.categoryRatio(col("category")).as("va_ratio"),
                col("orders").cast("long").as("orders"),
                col("gmv_vnd").cast("long").as("gmv_vnd"),
                col("refunds_vnd").cast("long").as("refunds_vnd"),
                col("gmv_vnd").cast("long").minus(col("refunds_vnd").cast("long")).as("net_vnd")));
    return family.typed(f, checks, typed);
  }

  /** Duplicates and conflicts by (platform, month, seller_ref, category). */
  Checked resolve(Dataset<Row> typed) {
    return family
        .keyed()
        .distinct(
            typed,
            List.of("platform", "month", "seller_ref", "category"),
            List.of(
                "seller_type",
                "seller_tax_id",
                "province_code",
                "orders",
                "gmv_vnd",
                "refunds_vnd"),
            Source.ECOMMERCE);
  }

  /**
   * Jackson, Spark's own JSON parser, reads the first value and then whatever follows; null when
   * the first value itself does not parse (that line is malformed_line).
   */
  static Boolean trailingContent(String line) {
    if (line == null) {
      return null;
    }
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() == null) {
        return null;
      }
      p.skipChildren();
      try {
        return p.nextToken() != null;
      } catch (IOException e) {
        return true; // something after the object that is not even JSON
      }
    } catch (IOException e) {
      return null;
    }
  }
}
