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
    assertEquals(7, (int) c.get(ConfigKeys.BOOTSTRAP_REPLICATES));
  }

  @Test
  void theLineLimitIsAWholeNumberAboveZero() {
    assertEquals(
        (int) ConfigKeys.MAX_LINE_CHARS.defaultValue(),
        PipelineConfig.load(CONF.resolve("local.conf"), Map.of()).maxLineChars());
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                PipelineConfig.load(
                        CONF.resolve("local.conf"), Map.of(ConfigKeys.MAX_LINE_CHARS.name(), "0"))
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
  void theShippedLocalConfDocumentsExactlyTheDeclaredKeys() throws IOException {
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(CONF.resolve("local.conf"))) {
      p.load(r);
    }
    java.util.Set<String> documented = new java.util.TreeSet<>(p.stringPropertyNames());
    documented.removeIf(k -> k.startsWith(ConfigKeys.SPARK_PREFIX));
    assertEquals(documented, PipelineConfig.knownKeys(), "conf/local.conf documents every key");
  }

  @Test
  void aValueOfTheWrongTypeNamesTheKeyAndTheType() {
    PipelineConfig c =
        PipelineConfig.load(
            CONF.resolve("local.conf"),
            Map.of(
                ConfigKeys.BOOTSTRAP_REPLICATES.name(), "many",
                ConfigKeys.SYNTHETIC_DATA.name(), "yes"));
    assertEquals(
        "Cannot use methodology.bootstrap.replicates: expected a whole number, got 'many'",
        assertThrows(ConfigException.class, () -> c.get(ConfigKeys.BOOTSTRAP_REPLICATES))
            .getMessage());
    assertEquals(
        "Cannot use pseudonym.synthetic_data: expected true or false, got 'yes'",
        assertThrows(ConfigException.class, () -> c.get(ConfigKeys.SYNTHETIC_DATA)).getMessage());
  }

  @Test
  void anUnsetKeyHasItsDeclaredDefaultAndLocationsAreReadFromTheFilesFolder() {
    PipelineConfig c = PipelineConfig.load(CONF.resolve("local.conf"), Map.of());
    assertEquals(200, c.get(ConfigKeys.BOOTSTRAP_REPLICATES));
    assertEquals(java.util.List.of("micro", "small", "medium"), c.get(ConfigKeys.SME_CLASSES));
    assertEquals(null, c.get(ConfigKeys.PSEUDONYM_KEY_FILE), "empty in the file: no default");
    assertEquals(
        CONF.resolve("targets.csv").toAbsolutePath().normalize(), c.path(ConfigKeys.TARGETS_FILE));
    assertEquals("s3a://b/lake", c.with(ConfigKeys.LAKE.name(), "s3a://b/lake").lake());
  }

  @Test
  void everyDeclaredKeyHasADocumentedMeaning() {
    for (ConfigKey<?> k : ConfigKeys.all()) {
      assertTrue(k.doc() != null && k.doc().length() > 10, k.name());
    }
  }
}
