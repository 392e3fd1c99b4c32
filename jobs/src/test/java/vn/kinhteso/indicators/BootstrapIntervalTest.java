package vn.kinhteso.indicators;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.config.Reference;
import vn.kinhteso.conform.Codes;

class BootstrapIntervalTest {
  static SparkSession spark = SharedSpark.get();
  static Codes codes = new Codes(Reference.load(SharedSpark.config(java.util.Map.of())));

  static Dataset<Row> accounts(int units) {
    List<Row> rows = new ArrayList<>();
    java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < units; i++) {
      rows.add(RowFactory.create(String.format("%010d", i), 2024, "province_2004", i % 2 == 0 ? "27" : "24", "J",
          1e9 * (1 + r.nextInt(20))));
    }
    return spark.createDataFrame(rows, new StructType().add("tax_id", DataTypes.StringType)
        .add("year", DataTypes.IntegerType).add("geo_level", DataTypes.StringType)
        .add("province_code", DataTypes.StringType).add("section", DataTypes.StringType)
        .add("digital_va_vnd", DataTypes.DoubleType));
  }

  static Dataset<Row> households() {
    return spark.createDataFrame(List.of(), new StructType().add("seller_ref", DataTypes.StringType)
        .add("year", DataTypes.IntegerType).add("geo_level", DataTypes.StringType)
        .add("province_code", DataTypes.StringType).add("section", DataTypes.StringType)
        .add("household_online_vnd", DataTypes.DoubleType));
  }

  static Dataset<Row> share() {
    List<Row> rows = List.of(RowFactory.create("province_2004", "27", 2024, "J", 1000.0, null, null),
        RowFactory.create("province_2004", "24", 2024, "J", 800.0, null, null),
        RowFactory.create("national", "VN", 2024, "ALL", 5000.0, null, null),
        RowFactory.create("national", "VN", 2024, "C", 900.0, null, null));
    return spark.createDataFrame(rows, new StructType().add("geo_level", DataTypes.StringType)
        .add("province_code", DataTypes.StringType).add("year", DataTypes.IntegerType)
        .add("sector", DataTypes.StringType).add("grdp_current_bn_vnd", DataTypes.DoubleType)
        .add("ci_low_pct", DataTypes.DoubleType).add("ci_high_pct", DataTypes.DoubleType));
  }

  @Test
  void sameSeedSameIntervalWhateverThePartitioning() {
    BootstrapInterval b = new BootstrapInterval(spark, codes, 50, 42);
    List<Row> one = b.apply(share(), accounts(60).repartition(1), households()).orderBy("geo_level", "province_code", "sector")
        .collectAsList();
    List<Row> many = b.apply(share().repartition(3), accounts(60).repartition(7), households())
        .orderBy("geo_level", "province_code", "sector").collectAsList();
    assertEquals(one, many);
    Row national = one.stream().filter(r -> r.getString(3).equals("ALL")).findFirst().orElseThrow();
    double low = national.getAs("ci_low_pct");
    double high = national.getAs("ci_high_pct");
    assertTrue(low < high, "a spread from 60 units");
    // A section without contributions has DVA 0 in every replicate.
    Row c = one.stream().filter(r -> r.getString(3).equals("C")).findFirst().orElseThrow();
    assertEquals(0.0, c.<Double>getAs("ci_low_pct"));
    assertEquals(0.0, c.<Double>getAs("ci_high_pct"));
  }

  @Test
  void anotherSeedDrawsOtherWeights() {
    Row a = new BootstrapInterval(spark, codes, 50, 1).apply(share(), accounts(60), households())
        .where(col("sector").equalTo("ALL")).head();
    Row b = new BootstrapInterval(spark, codes, 50, 2).apply(share(), accounts(60), households())
        .where(col("sector").equalTo("ALL")).head();
    assertTrue(!a.getAs("ci_low_pct").equals(b.getAs("ci_low_pct")) || !a.getAs("ci_high_pct").equals(b.getAs("ci_high_pct")));
  }

  @Test
  void poissonWeightsHaveMeanAndVarianceOne() {
    Row m = spark.range(200_000).select(BootstrapInterval.poissonOne(col("id").cast("string"),
            org.apache.spark.sql.functions.lit(3), 99).as("w"))
        .agg(org.apache.spark.sql.functions.avg("w"), org.apache.spark.sql.functions.variance("w")).head();
    assertEquals(1.0, m.getDouble(0), 0.01);
    assertEquals(1.0, m.getDouble(1), 0.02);
  }
}
