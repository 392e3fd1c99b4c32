package vn.kinhteso.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kinhteso.config.PipelineConfig.ConfigException;

/** A misspelt key is refused where it is written, with the key that was meant. */
class ConfigKeysTest {
  static final Path CONF = Path.of(System.getProperty("kinhteso.conf", "../conf"));

  @Test
  void aMisspeltKeyOnTheCommandLineIsRefusedWithTheNearestKey() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                PipelineConfig.load(
                    CONF.resolve("local.conf"), Map.of("methodology.bootstrap.replicate", "50")));
    assertTrue(
        e.getMessage().contains("'methodology.bootstrap.replicate' on the command line")
            && e.getMessage().contains("did you mean 'methodology.bootstrap.replicates'?"),
        e.getMessage());
  }

  @Test
  void aMisspeltKeyInAProfileNamesTheFile(@TempDir Path dir) throws IOException {
    Files.copy(CONF.resolve("local.conf"), dir.resolve("local.conf"));
    Path profile =
        Files.writeString(
            dir.resolve("mine.conf"),
            "include = local.conf\nmethodology.confidentiality.min_unit = 5\n");
    ConfigException e =
        assertThrows(ConfigException.class, () -> PipelineConfig.load(profile, Map.of()));
    assertTrue(
        e.getMessage().contains("in " + profile)
            && e.getMessage().contains("'methodology.confidentiality.min_units'"),
        e.getMessage());
  }

  @Test
  void sparkSettingsAndCheckSeveritiesAreOpenFamilies() {
    PipelineConfig c =
        PipelineConfig.load(
            CONF.resolve("local.conf"),
            Map.of(
                "spark.sql.adaptive.enabled",
                "false",
                "quality.severity.grdp.grid_complete",
                "off",
                "methodology.bootstrap.replicates",
                "7"));
    assertEquals(7, c.getInt(PipelineConfig.BOOTSTRAP_REPLICATES, 0));
  }

  @Test
  void theLineLimitIsAWholeNumberAboveZero() {
    assertEquals(
        PipelineConfig.MAX_LINE_CHARS_DEFAULT,
        PipelineConfig.load(CONF.resolve("local.conf"), Map.of()).maxLineChars());
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                PipelineConfig.load(
                        CONF.resolve("local.conf"), Map.of(PipelineConfig.MAX_LINE_CHARS, "0"))
                    .maxLineChars());
    assertEquals("Cannot use landing.max_line_chars: expected at least 1, got 0", e.getMessage());
  }

  @Test
  void everyProfileShippedInConfLoads() throws IOException {
    try (var files = Files.list(CONF)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".conf")).toList()) {
        PipelineConfig.load(f, Map.of());
      }
    }
  }

  @Test
  void theKnownKeysAreTheKeysOfTheShippedLocalConf() throws IOException {
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(CONF.resolve("local.conf"))) {
      p.load(r);
    }
    assertEquals(new java.util.TreeSet<>(p.stringPropertyNames()), PipelineConfig.knownKeys());
  }
}
