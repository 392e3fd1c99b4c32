package vn.kinhteso.conform;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.kinhteso.SharedSpark;

class RulesAndPseudonymsTest {
  static SparkSession spark = SharedSpark.get();

  @Test
  void taxIdCheckDigit() {
    List<String> valid =
        List.of(
            "0100233488", "0314409058", "0100112437", "0312687878", "0100109106", "0100233488-001");
    List<String> invalid =
        List.of(
            "0100233487",
            "0100233488-000",
            "0100000000",
            "010023348",
            "01002334880",
            "0100233488-01",
            "abcdefghij",
            "");
    List<Row> rows =
        spark
            .createDataset(concat(valid, invalid), Encoders.STRING())
            .toDF("t")
            .select(col("t"), Rules.isValidTaxId(col("t")).as("ok"))
            .collectAsList();
    for (Row r : rows) {
      assertEquals(valid.contains(r.getString(0)), r.getBoolean(1), r.getString(0));
    }
  }

  @Test
  void predicatesAreFalseNotNullOnMissingValues() {
    Row r =
        spark
            .sql("SELECT CAST(NULL AS STRING) AS v")
            .select(
                Rules.isInteger(col("v")),
                Rules.isDecimal(col("v")),
                Rules.isDate(col("v")),
                Rules.isValidTaxId(col("v")))
            .head();
    for (int i = 0; i < 4; i++) {
      assertEquals(false, r.getBoolean(i));
    }
  }

  @Test
  void pseudonymIsHmacSha256() throws Exception {
    byte[] key = "a key that stays outside the repository".getBytes(StandardCharsets.UTF_8);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    String expected =
        "p:"
            + HexFormat.of()
                .formatHex(mac.doFinal("001234567890".getBytes(StandardCharsets.UTF_8)));
    String got =
        spark
            .createDataset(List.of("001234567890"), Encoders.STRING())
            .toDF("id")
            .select(new Pseudonyms(key).of(col("id")))
            .head()
            .getString(0);
    assertEquals(expected, got);
  }

  @Test
  void theKeyIsInNoPlan() {
    byte[] key = "a key that stays outside the repository".getBytes(StandardCharsets.UTF_8);
    Dataset<Row> pseudonymised =
        spark
            .createDataset(List.of("001234567890"), Encoders.STRING())
            .toDF("id")
            .select(new Pseudonyms(key).of(col("id")).as("p"));
    // Every plan Spark prints: parsed, analysed, optimised, physical, and the generated code.
    String plans =
        pseudonymised.queryExecution().toString()
            + pseudonymised
                .queryExecution()
                .explainString(org.apache.spark.sql.execution.ExtendedMode$.MODULE$)
            + pseudonymised.queryExecution().debug().codegenToSeq().mkString("\n");
    List<String> forms =
        new java.util.ArrayList<>(List.of(new String(key, StandardCharsets.UTF_8)));
    for (int pad : new int[] {0x00, 0x36, 0x5c}) { // the key itself and the two HMAC pads, as hex
      byte[] padded = new byte[key.length];
      for (int i = 0; i < key.length; i++) {
        padded[i] = (byte) (key[i] ^ pad);
      }
      forms.add(HexFormat.of().formatHex(padded).substring(0, 16));
    }
    for (String form : forms) {
      assertFalse(
          plans
              .toLowerCase(java.util.Locale.ROOT)
              .contains(form.toLowerCase(java.util.Locale.ROOT)),
          "the plan holds the key as " + form);
    }
    assertTrue(plans.contains(Pseudonyms.UDF_NAME), plans);
    assertEquals(1, pseudonymised.filter(col("p").startsWith("p:")).count());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
