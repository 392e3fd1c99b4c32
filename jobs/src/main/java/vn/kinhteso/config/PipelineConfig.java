package vn.kinhteso.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The resolved configuration of one run.
 *
 * <p>Precedence: command-line option &gt; environment (for secrets only) &gt; the conf file &gt;
 * the default next to each key below. Relative paths in the conf file are read from the conf file's
 * folder; relative paths on the command line from the working directory.
 */
public final class PipelineConfig {
  public static final String LANDING = "landing";
  public static final String LANDING_DEFAULT = "data-sample";
  public static final String LAKE = "lake";
  public static final String LAKE_DEFAULT = "lake";
  public static final String REFERENCE_DIR = "reference.dir";
  public static final String REFERENCE_DIR_DEFAULT = "reference";
  public static final String VSIC = "reference.vsic";
  public static final String VSIC_DEFAULT = "vsic2018";
  public static final String CATEGORIES = "methodology.ecommerce_categories";
  public static final String CATEGORIES_DEFAULT = "reference/ecommerce_categories.csv";
  public static final String ICT_CORE = "methodology.ict_core";
  public static final String ICT_CORE_DEFAULT = "reference/ict_core_vsic.csv";
  public static final String SERIES_BREAKS = "methodology.series_breaks";
  public static final String SERIES_BREAKS_DEFAULT = "reference/series_breaks.csv";
  public static final String SME_CLASSES = "methodology.sme_size_classes";
  public static final String SME_CLASSES_DEFAULT = "micro,small,medium";
  public static final String BOOTSTRAP_REPLICATES = "methodology.bootstrap.replicates";
  public static final int BOOTSTRAP_REPLICATES_DEFAULT = 200;
  public static final String BOOTSTRAP_SEED = "methodology.bootstrap.seed";
  public static final long BOOTSTRAP_SEED_DEFAULT = 20250701L;

  /** Seconds since its last change below which a landing file is taken as still being written. */
  public static final String LANDING_MIN_AGE_SECONDS = "landing.min_file_age_seconds";

  public static final int LANDING_MIN_AGE_SECONDS_DEFAULT = 0;

  /**
   * Characters above which a landing line is quarantined unread (line_too_long): no row of the
   * contract comes near it, and a runaway line (a missing line end, a binary dump) is not parsed.
   */
  public static final String MAX_LINE_CHARS = "landing.max_line_chars";

  public static final int MAX_LINE_CHARS_DEFAULT = 100_000;

  /** Hours after which a nightly's lock on the lake is taken as left by a dead run. */
  public static final String LOCK_EXPIRY_HOURS = "lake.lock_expiry_hours";

  public static final int LOCK_EXPIRY_HOURS_DEFAULT = 24;

  /** The plans' targets (conf/targets.csv), relative to the conf file's folder. */
  public static final String TARGETS_FILE = "targets.file";

  public static final String TARGETS_FILE_DEFAULT = "targets.csv";
  public static final String PSEUDONYM_KEY_ENV = "KINHTESO_PSEUDONYM_KEY";
  public static final String PSEUDONYM_KEY_FILE = "pseudonym.key_file";
  public static final String PSEUDONYM_SAMPLE_KEY = "pseudonym.sample_key";

  /** True: the landing zone is synthetic, the sample key may pseudonymise it. */
  public static final String SYNTHETIC_DATA = "pseudonym.synthetic_data";

  /** What {@code generate} writes beside the source folders; data-sample/ has it. */
  public static final String GENERATOR_FOLDER = "_generator";

  public static final String UNREGISTERED_MAX_SHARE = "quality.unregistered_declarations_max_share";
  public static final double UNREGISTERED_MAX_SHARE_DEFAULT = 0.05;
  public static final String ANOMALY_MAX_CHANGE = "quality.anomaly.max_relative_change";
  public static final double ANOMALY_MAX_CHANGE_DEFAULT = 0.30;
  public static final String ANOMALY_MIN_HISTORY = "quality.anomaly.min_history";
  public static final int ANOMALY_MIN_HISTORY_DEFAULT = 3;

  private final Path confFile;
  private final Path confDir;
  private final Map<String, String> values;

  private PipelineConfig(Path confFile, Map<String, String> values) {
    this.confFile = confFile;
    this.confDir =
        confFile == null ? Path.of(".").toAbsolutePath() : confFile.toAbsolutePath().getParent();
    this.values = Collections.unmodifiableMap(values);
  }

  /**
   * Reads a conf file; overrides (already resolved against the working directory) win. A key that
   * is not one of {@link #knownKeys()} is refused, with the nearest known key suggested.
   */
  public static PipelineConfig load(Path confFile, Map<String, String> overrides) {
    Map<String, String> values = new LinkedHashMap<>();
    if (confFile != null) {
      read(confFile, values, 0);
    }
    overrides.keySet().forEach(k -> checkKnown(k, "on the command line"));
    values.putAll(overrides);
    return new PipelineConfig(confFile, values);
  }

  /** Spark's own settings, and one severity key per quality check, are open families. */
  static final List<String> OPEN_PREFIXES = List.of("spark.", "quality.severity.");

  private static Set<String> known;

  /** The keys of the bundled conf/local.conf, which documents each key the pipeline reads. */
  public static synchronized Set<String> knownKeys() {
    if (known == null) {
      Properties p = new Properties();
      try (java.io.InputStream in = PipelineConfig.class.getResourceAsStream("local.conf")) {
        if (in == null) {
          throw new IllegalStateException("local.conf is missing from the kinhteso jar");
        }
        p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      known = Collections.unmodifiableSet(new TreeSet<>(p.stringPropertyNames()));
    }
    return known;
  }

  static boolean isKnown(String key) {
    return knownKeys().contains(key) || OPEN_PREFIXES.stream().anyMatch(key::startsWith);
  }

  private static void checkKnown(String key, String where) {
    if (isKnown(key)) {
      return;
    }
    org.apache.commons.text.similarity.LevenshteinDistance d =
        org.apache.commons.text.similarity.LevenshteinDistance.getDefaultInstance();
    String nearest =
        knownKeys().stream()
            .min(
                java.util.Comparator.comparingInt((String k) -> d.apply(k, key))
                    .thenComparing(k -> k))
            .orElse(null);
    throw new ConfigException(
        "Unknown configuration key '"
            + key
            + "' "
            + where
            + (nearest == null ? "" : "; did you mean '" + nearest + "'?")
            + " (conf/local.conf lists every key with its default)");
  }

  /**
   * A profile may start from another: {@code include = local.conf} (same folder; relative paths
   * stay relative to the profile's folder) and set what differs; an empty value unsets a key.
   */
  public static final String INCLUDE = "include";

  private static void read(Path confFile, Map<String, String> values, int depth) {
    if (!Files.isRegularFile(confFile)) {
      throw new ConfigException("Cannot read configuration: " + confFile + " is not a file");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(confFile, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new ConfigException("Cannot read configuration " + confFile + ": " + e.getMessage());
    }
    String include = p.getProperty(INCLUDE, "").trim();
    if (!include.isEmpty()) {
      if (depth > 4) {
        throw new ConfigException(
            "Cannot read configuration " + confFile + ": includes nest too deep");
      }
      read(confFile.toAbsolutePath().getParent().resolve(include), values, depth + 1);
    }
    for (String k : new TreeSet<>(p.stringPropertyNames())) {
      if (!k.equals(INCLUDE)) {
        checkKnown(k, "in " + confFile);
        values.put(k, p.getProperty(k).trim());
      }
    }
  }

  /**
   * A configuration for tests: defaults, reference data from {@code confDir}, synthetic data, plus
   * overrides.
   */
  public static PipelineConfig forTests(Path confDir, Map<String, String> overrides) {
    Map<String, String> o = new LinkedHashMap<>(Map.of(SYNTHETIC_DATA, "true"));
    o.putAll(overrides);
    return load(confDir.resolve("local.conf"), o);
  }

  public Path confFile() {
    return confFile;
  }

  public String get(String key, String dflt) {
    assert isKnown(key) : key + " is read but not documented in conf/local.conf";
    String v = values.get(key);
    return v == null || v.isEmpty() ? dflt : v;
  }

  public int getInt(String key, int dflt) {
    String v = get(key, null);
    try {
      return v == null ? dflt : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new ConfigException("Cannot use " + key + ": expected a whole number, got '" + v + "'");
    }
  }

  public long getLong(String key, long dflt) {
    String v = get(key, null);
    try {
      return v == null ? dflt : Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new ConfigException("Cannot use " + key + ": expected a whole number, got '" + v + "'");
    }
  }

  public double getDouble(String key, double dflt) {
    String v = get(key, null);
    try {
      return v == null ? dflt : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new ConfigException("Cannot use " + key + ": expected a number, got '" + v + "'");
    }
  }

  /** A path from the conf file, read relative to the conf file's folder (URIs pass through). */
  public String location(String key, String dflt) {
    String v = get(key, dflt);
    if (v.contains("://")) {
      return v;
    }
    Path p = Path.of(v);
    return (p.isAbsolute() ? p : confDir.resolve(p)).normalize().toString();
  }

  public Path path(String key, String dflt) {
    return Path.of(location(key, dflt));
  }

  public String landing() {
    return location(LANDING, LANDING_DEFAULT);
  }

  public String lake() {
    return location(LAKE, LAKE_DEFAULT);
  }

  public int maxLineChars() {
    int max = getInt(MAX_LINE_CHARS, MAX_LINE_CHARS_DEFAULT);
    if (max < 1) {
      throw new ConfigException(
          "Cannot use " + MAX_LINE_CHARS + ": expected at least 1, got " + max);
    }
    return max;
  }

  public Set<String> smeSizeClasses() {
    return new TreeSet<>(Arrays.asList(get(SME_CLASSES, SME_CLASSES_DEFAULT).split("\\s*,\\s*")));
  }

  /**
   * Every {@code spark.*} key of the conf file, for the SparkConf (an empty value sets nothing).
   */
  public Map<String, String> sparkSettings() {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (k.startsWith("spark.") && !v.isEmpty()) {
            out.put(k, v);
          }
        });
    return out;
  }

  /**
   * The key of the citizen-ID pseudonyms: the environment first, then a key file outside the
   * repository, then the documented sample key. Never logged.
   */
  public byte[] pseudonymKey() {
    String env = System.getenv(PSEUDONYM_KEY_ENV);
    if (env != null && !env.isEmpty()) {
      return env.getBytes(StandardCharsets.UTF_8);
    }
    String file = get(PSEUDONYM_KEY_FILE, null);
    if (file != null) {
      Path p = path(PSEUDONYM_KEY_FILE, null);
      try {
        return Files.readString(p, StandardCharsets.UTF_8).trim().getBytes(StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ConfigException(
            "Cannot read the pseudonym key file " + p + ": " + e.getMessage());
      }
    }
    String sample = get(PSEUDONYM_SAMPLE_KEY, null);
    if (sample == null) {
      throw new ConfigException(
          "No pseudonym key: set "
              + PSEUDONYM_KEY_ENV
              + " or "
              + PSEUDONYM_KEY_FILE
              + " in "
              + confFile);
    }
    // A published key protects nothing: real citizen IDs need the office's own.
    if (!syntheticLanding()) {
      throw new ConfigException(
          "Cannot pseudonymise the landing zone "
              + landing()
              + " with the sample key: it is"
              + " for synthetic data only (a landing zone with a "
              + GENERATOR_FOLDER
              + "/ folder, as data-sample/ and"
              + " bin/kinhteso generate have). Set the environment variable "
              + PSEUDONYM_KEY_ENV
              + " (or "
              + PSEUDONYM_KEY_FILE
              + ") to the office's key; if this data is synthetic, pass --conf "
              + SYNTHETIC_DATA
              + "=true");
    }
    return sample.getBytes(StandardCharsets.UTF_8);
  }

  private boolean syntheticLanding() {
    if (Boolean.parseBoolean(get(SYNTHETIC_DATA, "false"))) {
      return true;
    }
    String landing = landing();
    return !landing.contains("://")
        && Files.isDirectory(Path.of(landing).resolve(GENERATOR_FOLDER));
  }

  /**
   * A digest of everything that changes the numbers: the methodology and reference keys and the
   * content of the reference files and of the targets file. A run whose fingerprint differs from
   * the last published one recomputes even when no new file arrived.
   */
  public String methodologyFingerprint() {
    try {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(values).entrySet()) {
        if (e.getKey().startsWith("methodology.") || e.getKey().startsWith("reference.")) {
          md.update((e.getKey() + "=" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      Path dir = path(REFERENCE_DIR, REFERENCE_DIR_DEFAULT);
      List<Path> files = new ArrayList<>();
      if (Files.isDirectory(dir)) {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
          s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
      }
      for (String k : List.of(CATEGORIES, ICT_CORE, SERIES_BREAKS)) {
        files.add(
            path(
                k,
                k.equals(CATEGORIES)
                    ? CATEGORIES_DEFAULT
                    : k.equals(ICT_CORE) ? ICT_CORE_DEFAULT : SERIES_BREAKS_DEFAULT));
      }
      // The targets decide the scorecard: an edited targets file is a night with something new.
      files.add(path(TARGETS_FILE, TARGETS_FILE_DEFAULT));
      for (Path f : files) {
        if (Files.isRegularFile(f)) {
          md.update(Files.readAllBytes(f));
        }
      }
      return java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      throw new ConfigException("Cannot read the reference files: " + e.getMessage());
    }
  }

  /** Keys and values, for the run log; secrets are not among them. */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    values.forEach((k, v) -> out.add(k + " = " + v));
    return out;
  }

  public PipelineConfig with(String key, String value) {
    Map<String, String> v = new LinkedHashMap<>(values);
    v.put(key, Objects.requireNonNull(value));
    return new PipelineConfig(confFile, v);
  }

  /** A configuration problem the user must fix: exit code 2. */
  public static class ConfigException extends RuntimeException {
    public ConfigException(String message) {
      super(message);
    }
  }
}
