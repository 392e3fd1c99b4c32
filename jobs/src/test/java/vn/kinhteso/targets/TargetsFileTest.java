package vn.kinhteso.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.SharedSpark;
import vn.kinhteso.config.ConfigKeys;
import vn.kinhteso.config.PipelineConfig.ConfigException;

/** conf/targets.csv is read whole or refused with the line that is wrong. */
class TargetsFileTest {
  static final Set<String> PROVINCES = Set.of("24", "27", "74", "86");
  static final String HEADER = String.join(",", Targets.HEADER);
  @TempDir Path dir;

  Path write(String... lines) throws IOException {
    Path f = dir.resolve("targets.csv");
    Files.writeString(f, HEADER + "\n" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void theProjectsFileHoldsEveryTargetOfThePlans() {
    List<Target> all =
        Targets.read(
            SharedSpark.confDir().resolve("targets.csv"),
            vn.kinhteso.config.Reference.load(SharedSpark.config(java.util.Map.of()))
                .provinces2004()
                .keySet());
    assertEquals(40, all.size());
    assertEquals(9, all.stream().filter(Target::national).count());
    assertEquals(2, all.stream().filter(t -> !t.measurable()).count());
    Target bg = all.stream().filter(t -> t.id().equals("BG-2025-LP")).findFirst().orElseThrow();
    assertEquals(Target.Comparator.ABOVE, bg.comparator());
    assertEquals(12.5, bg.value());
    assertEquals("003", bg.seedDocument());
  }

  /** An edited targets file changes the scorecard: the nightly must not call it "nothing new". */
  @Test
  void editingTheTargetsChangesTheFingerprint() throws IOException {
    Path copy = dir.resolve("copy.csv");
    Files.copy(SharedSpark.confDir().resolve("targets.csv"), copy);
    String before =
        SharedSpark.config(java.util.Map.of(ConfigKeys.TARGETS_FILE.name(), copy.toString()))
            .methodologyFingerprint();
    assertEquals(
        SharedSpark.config(java.util.Map.of()).methodologyFingerprint(),
        before,
        "same content, same digest");
    Files.writeString(copy, Files.readString(copy).replace("BG-2025-LP", "BG-2025-LQ"));
    String after =
        SharedSpark.config(java.util.Map.of(ConfigKeys.TARGETS_FILE.name(), copy.toString()))
            .methodologyFingerprint();
    assertTrue(!before.equals(after), "the digest follows the targets' content");
  }

  @Test
  void aGoodLineIsRead() throws IOException {
    List<Target> t =
        Targets.read(
            write("X-1,Plan A,000,27,digital_economy_share_pct,>=,20,2025,,,\"Tỷ trọng, số\""),
            PROVINCES);
    assertEquals(1, t.size());
    assertEquals("Tỷ trọng, số", t.get(0).descriptionVi());
    assertEquals(2025, t.get(0).year());
  }

  @Test
  void badLinesAreRefusedWithTheirLineNumber() throws IOException {
    String good = "X-1,Plan A,000,27,digital_economy_share_pct,>=,20,2025,,,mô tả";
    Object[][] cases = {
      {"X-2,Plan A,000,27,digital_economy_share_pct,=>,20,2025,,,d", "comparator '=>'"},
      {"X-2,Plan A,000,27,digital_economy_share_pct,>=,twenty,2025,,,d", "target_value 'twenty'"},
      {"X-2,Plan A,000,99,digital_economy_share_pct,>=,20,2025,,,d", "province_code '99'"},
      {"X-2,Plan A,000,27,digital_economy_share_pct,>=,20,20x5,,,d", "target_year '20x5'"},
      {"X-2,Plan A,000,27,digital_economy_share_pct,>=,20,2025,,d", "expected 11 fields, got 10"},
      {"X-1,Plan A,000,27,digital_economy_share_pct,>=,20,2025,,,d", "X-1 appears twice"},
      {"X-2,Plan A,000,27,Digital Share,>=,20,2025,,,d", "indicator 'Digital Share'"},
      {
        "X-2,Plan A,000,27,digital_economy_share_pct,>=,20,2025,,a survey,d",
        "computed by the pipeline"
      }
    };
    for (Object[] c : cases) {
      Path f = write(good, "", (String) c[0]);
      ConfigException e =
          assertThrows(ConfigException.class, () -> Targets.read(f, PROVINCES), (String) c[0]);
      assertTrue(e.getMessage().contains("line 4: "), e.getMessage());
      assertTrue(e.getMessage().contains((String) c[1]), e.getMessage());
    }
  }

  @Test
  void aWrongHeaderIsRefused() throws IOException {
    Path f = dir.resolve("t.csv");
    Files.writeString(f, "id,indicator\nX,y\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Targets.read(f, PROVINCES));
    assertTrue(e.getMessage().contains("line 1: the header must be target_id,"), e.getMessage());
  }
}
