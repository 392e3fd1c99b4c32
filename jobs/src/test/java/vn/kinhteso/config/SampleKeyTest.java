package vn.kinhteso.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.config.PipelineConfig.ConfigException;

/** The published sample key pseudonymises synthetic data only. */
class SampleKeyTest {
  static final Path LOCAL = Path.of(System.getProperty("kinhteso.conf", "../conf"), "local.conf");
  @TempDir Path landing;

  @BeforeEach
  void noKeyInTheEnvironment() {
    assumeTrue(System.getenv(ConfigKeys.PSEUDONYM_KEY_ENV) == null, "the environment sets a key");
  }

  PipelineConfig config(Map<String, String> more) {
    Map<String, String> o = new java.util.HashMap<>(more);
    o.put(ConfigKeys.LANDING.name(), landing.toString());
    return PipelineConfig.load(LOCAL, o);
  }

  @Test
  void aRealLandingZoneIsRefusedTheSampleKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> config(Map.of()).pseudonymKey());
    assertTrue(
        e.getMessage().contains(landing.toString())
            && e.getMessage().contains("KINHTESO_PSEUDONYM_KEY")
            && e.getMessage().contains("pseudonym.synthetic_data=true"),
        e.getMessage());
    assertTrue(
        !e.getMessage().contains("kinhteso-sample-key"), "the key itself is not in the message");
  }

  @Test
  void aGeneratedLandingZoneOrTheFlagMayUseIt() throws IOException {
    byte[] sample = "kinhteso-sample-key-not-secret".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(
        sample, config(Map.of(ConfigKeys.SYNTHETIC_DATA.name(), "true")).pseudonymKey());
    Files.createDirectories(landing.resolve(PipelineConfig.GENERATOR_FOLDER));
    assertArrayEquals(sample, config(Map.of()).pseudonymKey());
  }

  @Test
  void theBundledSampleIsSynthetic() {
    Path sample = LOCAL.toAbsolutePath().getParent().getParent().resolve("data-sample");
    assertTrue(
        Files.isDirectory(sample.resolve(PipelineConfig.GENERATOR_FOLDER)), sample.toString());
  }
}
