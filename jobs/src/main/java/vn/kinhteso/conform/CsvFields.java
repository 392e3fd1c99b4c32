package vn.kinhteso.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static vn.kinhteso.conform.Rules.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.kinhteso.config.Csv;
import vn.kinhteso.ingest.Source;

/** CSV data lines split into named text fields by their file's header, and the shape checks. */
final class CsvFields {
  private final SparkSession spark;
  // Header layouts are per file and few: metadata for the driver.
  private final Map<Source, Map<String, List<String>>> layouts;

  /** The header layouts of the ingested files given. */
  CsvFields(SparkSession spark, Dataset<Row> ingestedFiles) {
    this.spark = spark;
    this.layouts = layouts(ingestedFiles);
  }

  private static Map<Source, Map<String, List<String>>> layouts(Dataset<Row> ingestedFiles) {
    Map<Source, Map<String, List<String>>> out = new LinkedHashMap<>();
    for (Row r :
        ingestedFiles
            .where(col("header").isNotNull())
            .select("source", "header", "file_hash")
            .collectAsList()) {
      Source s = Source.ofFolder(r.getString(0));
      out.computeIfAbsent(s, k -> new LinkedHashMap<>())
          .computeIfAbsent(r.getString(1), k -> new ArrayList<>())
          .add(r.getString(2));
    }
    return out;
  }

  /** Data lines of a CSV source, split into its named columns (as text) by each file's header. */
  Dataset<Row> of(Dataset<Row> lines, Source s) {
    Dataset<Row> data = lines.where(col("source").equalTo(s.folder()).and(col("line_no").gt(1)));
    Column stripped = functions.regexp_replace(col("raw"), "\"([^\"]|\"\")*\"", "");
    Column fieldCount =
        functions
            .length(stripped)
            .minus(functions.length(functions.regexp_replace(stripped, ",", "")))
            .plus(1);
    Column quotes =
        functions
            .length(col("raw"))
            .minus(functions.length(functions.regexp_replace(col("raw"), "\"", "")));
    Dataset<Row> out = null;
    for (Map.Entry<String, List<String>> layout : layouts.getOrDefault(s, Map.of()).entrySet()) {
      List<String> names =
          Csv.parseLine(layout.getKey()).stream()
              .map(n -> n.trim().toLowerCase(Locale.ROOT))
              .collect(Collectors.toList());
      String ddl = names.stream().map(n -> "`" + n + "` STRING").collect(Collectors.joining(", "));
      Dataset<Row> part =
          data.where(col("file_hash").isin(layout.getValue().toArray()))
              .withColumn(
                  "_p",
                  functions.from_csv(
                      col("raw"), lit(ddl), Map.of("escape", "\"", "mode", "PERMISSIVE")));
      List<Column> cols = new ArrayList<>();
      Lineage.OF_LINE.forEach(c -> cols.add(col(c)));
      for (String c : s.columns()) {
        cols.add(text(col("_p.`" + c + "`")).as(c));
      }
      cols.add(fieldCount.as("_fields"));
      cols.add(lit(names.size()).as("_header_fields"));
      cols.add(functions.pmod(quotes, lit(2)).equalTo(1).as("_odd_quotes"));
      part = part.select(cols.toArray(Column[]::new));
      out = out == null ? part : out.unionByName(part);
    }
    if (out == null) {
      StructType schema = new StructType();
      for (String c : Lineage.OF_LINE) {
        schema = schema.add(c, c.equals("line_no") ? DataTypes.LongType : DataTypes.StringType);
      }
      for (String c : s.columns()) {
        schema = schema.add(c, DataTypes.StringType);
      }
      out =
          spark.createDataFrame(
              List.of(),
              schema
                  .add("_fields", DataTypes.IntegerType)
                  .add("_header_fields", DataTypes.IntegerType)
                  .add("_odd_quotes", DataTypes.BooleanType));
    }
    return out;
  }

  /** The first checks of every CSV line: its quotes and its number of fields. */
  static Rules.Checks shapeChecks() {
    return new Rules.Checks()
        .fail(col("_odd_quotes"), Reason.MALFORMED_LINE, "unterminated quote")
        .fail(
            col("_fields").notEqual(col("_header_fields")),
            Reason.WRONG_COLUMN_COUNT,
            functions.concat(
                lit("the header has "),
                col("_header_fields").cast("string"),
                lit(" fields, the line "),
                col("_fields").cast("string")));
  }
}
