package vn.kinhteso.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * <p>The keys, their types and defaults are declared in {@link ConfigKeys}, which also gives the
 * precedence (command line &gt; spark-submit &gt; conf file &gt; default); the pseudonym key alone
 * may come from the environment, as a secret.
 */
public final class PipelineConfig {
  /** What {@code generate} writes beside the source folders; data-sample/ has it. */
  public static final String GENERATOR_FOLDER = "_generator";

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

  private static final Set<String> KNOWN =
      ConfigKeys.all().stream()
          .map(ConfigKey::name)
          .collect(java.util.stream.Collectors.toCollection(TreeSet::new));

  /** The names of the keys declared in {@link ConfigKeys}. */
  public static Set<String> knownKeys() {
    return Collections.unmodifiableSet(KNOWN);
  }

  static boolean isKnown(String key) {
    return KNOWN.contains(key) || ConfigKeys.OPEN_PREFIXES.stream().anyMatch(key::startsWith);
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
            + " (conf/local.conf documents every key)");
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
    Map<String, String> o = new LinkedHashMap<>(Map.of(ConfigKeys.SYNTHETIC_DATA.name(), "true"));
    o.putAll(overrides);
    return load(confDir.resolve("local.conf"), o);
  }

  public Path confFile() {
    return confFile;
  }

  /** The value of {@code key}: as set, else its declared default (null for a key without one). */
  public <T> T get(ConfigKey<T> key) {
    String v = values.get(key.name());
    if (v == null || v.isEmpty()) {
      T dflt = key.defaultValue();
      return dflt instanceof String d && key.kind() == ConfigKey.Kind.LOCATION
          ? key.parse(resolve(d))
          : dflt;
    }
    return key.parse(key.kind() == ConfigKey.Kind.LOCATION ? resolve(v) : v);
  }

  /** A location key as a local path. */
  public Path path(ConfigKey<String> key) {
    return Path.of(get(key));
  }

  /** A member of an open family ({@link ConfigKeys#SEVERITY_PREFIX} + id): its text, or null. */
  public String member(String family, String member) {
    if (!ConfigKeys.OPEN_PREFIXES.contains(family)) {
      throw new IllegalArgumentException(family + " is not an open family of keys");
    }
    String v = values.get(family + member);
    return v == null || v.isEmpty() ? null : v;
  }

  /** The keys set (by a file or the command line) that start with {@code prefix}. */
  public Set<String> keysStartingWith(String prefix) {
    Set<String> out = new TreeSet<>();
    values.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(out::add);
    return out;
  }

  /** A path of the conf file, read relative to the conf file's folder (URIs pass through). */
  private String resolve(String v) {
    if (v.contains("://")) {
      return v;
    }
    Path p = Path.of(v);
    return (p.isAbsolute() ? p : confDir.resolve(p)).normalize().toString();
  }

  public String landing() {
    return get(ConfigKeys.LANDING);
  }

  public String lake() {
    return get(ConfigKeys.LAKE);
  }

  public int maxLineChars() {
    int max = get(ConfigKeys.MAX_LINE_CHARS);
    if (max < 1) {
      throw new ConfigException(
          "Cannot use " + ConfigKeys.MAX_LINE_CHARS + ": expected at least 1, got " + max);
    }
    return max;
  }

  public Set<String> smeSizeClasses() {
    return new TreeSet<>(get(ConfigKeys.SME_CLASSES));
  }

  /**
   * Every {@code spark.*} key of the conf file, for the SparkConf (an empty value sets nothing).
   */
  public Map<String, String> sparkSettings() {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (k.startsWith(ConfigKeys.SPARK_PREFIX) && !v.isEmpty()) {
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
    String env = System.getenv(ConfigKeys.PSEUDONYM_KEY_ENV);
    if (env != null && !env.isEmpty()) {
      return env.getBytes(StandardCharsets.UTF_8);
    }
    String file = get(ConfigKeys.PSEUDONYM_KEY_FILE);
    if (file != null) {
      Path p = Path.of(file);
      try {
        return Files.readString(p, StandardCharsets.UTF_8).trim().getBytes(StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ConfigException(
            "Cannot read the pseudonym key file " + p + ": " + e.getMessage());
      }
    }
    String sample = get(ConfigKeys.PSEUDONYM_SAMPLE_KEY);
    if (sample == null) {
      throw new ConfigException(
          "No pseudonym key: set "
              + ConfigKeys.PSEUDONYM_KEY_ENV
              + " or "
              + ConfigKeys.PSEUDONYM_KEY_FILE
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
              + ConfigKeys.PSEUDONYM_KEY_ENV
              + " (or "
              + ConfigKeys.PSEUDONYM_KEY_FILE
              + ") to the office's key; if this data is synthetic, pass --conf "
              + ConfigKeys.SYNTHETIC_DATA
              + "=true");
    }
    return sample.getBytes(StandardCharsets.UTF_8);
  }

  private boolean syntheticLanding() {
    if (get(ConfigKeys.SYNTHETIC_DATA)) {
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
      Path dir = path(ConfigKeys.REFERENCE_DIR);
      List<Path> files = new ArrayList<>();
      if (Files.isDirectory(dir)) {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
          s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
      }
      for (ConfigKey<String> k :
          List.of(ConfigKeys.CATEGORIES, ConfigKeys.ICT_CORE, ConfigKeys.SERIES_BREAKS)) {
        files.add(path(k));
      }
      // The targets decide the scorecard: an edited targets file is a night with something new.
      files.add(path(ConfigKeys.TARGETS_FILE));
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
