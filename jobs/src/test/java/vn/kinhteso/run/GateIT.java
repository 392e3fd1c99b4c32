package vn.kinhteso.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.config.ConfigKeys;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;
import vn.kinhteso.lake.Lake;

/**
 * An error-level check that fails leaves the published gold as it was, byte for byte, and exits 3.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GateIT {
  @TempDir static Path landing;
  @TempDir static Path lakeDir;
  static SparkSession spark = SharedSpark.get();
  static Map<String, String> goldBefore;
  static Map<String, Long> versionsBefore;
  static String output;

  static Nightly.Outcome night(LocalDate date, boolean checks) {
    PipelineConfig config =
        SharedSpark.config(
            Map.of(
                ConfigKeys.LANDING.name(),
                landing.toString(),
                ConfigKeys.LAKE.name(),
                lakeDir.toString(),
                ConfigKeys.BOOTSTRAP_REPLICATES.name(),
                "20"));
    Reference ref = Reference.load(config);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Nightly.Outcome o =
        new Nightly(
                spark,
                config,
                ref,
                checks ? new DeequQualityStage(config, ref) : NoChecks.INSTANCE,
                new PrintStream(buf, true, StandardCharsets.UTF_8))
            .run(date);
    output = buf.toString(StandardCharsets.UTF_8);
    System.out.println(output);
    return o;
  }

  /** Every file under gold/ with the SHA-256 of its bytes. */
  static Map<String, String> goldFiles() throws Exception {
    Map<String, String> out = new TreeMap<>();
    Path gold = lakeDir.resolve("gold");
    try (Stream<Path> files = Files.walk(gold)) {
      for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        out.put(
            gold.relativize(f).toString(),
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
      }
    }
    return out;
  }

  static Map<String, Long> versions() {
    Lake lake = new Lake(spark, lakeDir.toString());
    Map<String, Long> v = new TreeMap<>();
    for (String t :
        new String[] {"digital_economy_share", "labour_productivity", "digital_indicators"}) {
      v.put(t, lake.version(Lake.GOLD, t));
    }
    return v;
  }

  @Test
  @Order(1)
  void aGoodNightPublishes() throws Exception {
    Path tiny = SharedSpark.sharedDir().resolve("examples/tiny/landing");
    TinyLanding.copy(landing, rel -> true);
    // The gate itself is what nights 2 and 3 test; night 1 only publishes a previous gold.
    Nightly.Outcome o = night(LocalDate.of(2026, 1, 14), false);
    assertEquals(0, o.exitCode(), output);
    assertTrue(o.published());
    goldBefore = goldFiles();
    versionsBefore = versions();
  }

  @Test
  @Order(2)
  void aFailedErrorCheckKeepsGoldAndExits3() throws Exception {
    // A delivery of declarations from units the register does not know: the referential check is an
    // error.
    Files.writeString(
        landing.resolve("tax/declarations/unknown_units.csv"),
        "tax_id,period,province_code,amendment,revenue_vnd,intermediate_cost_vnd,wage_bill_vnd,employees\n"
            + "0100233488,2024-12,27,0,100,40,10,5\n0314409058,2024-12,27,0,100,40,10,5\n"
            + "0100112437,2024-12,24,0,100,40,10,5\n");
    Nightly.Outcome o = night(LocalDate.of(2026, 1, 15), true);
    assertEquals(Nightly.NOT_PUBLISHED, o.exitCode());
    assertTrue(o.message().contains("declarations.registered"), o.message());
    assertEquals(versionsBefore, versions());
    assertEquals(goldBefore, goldFiles(), "gold files byte for byte");
    long failed =
        new Lake(spark, lakeDir.toString())
            .read(Lake.QUALITY, "check_results")
            .where("check_id = 'declarations.registered' AND status = 'failed'")
            .count();
    assertEquals(1, failed);
  }

  @Test
  @Order(3)
  void theNextNightIsLoudAgainUntilTheDataIsFixed() throws IOException {
    Nightly.Outcome o = night(LocalDate.of(2026, 1, 16), true);
    assertEquals(Nightly.NOT_PUBLISHED, o.exitCode(), "a failed night is not 'nothing new'");
  }
}
