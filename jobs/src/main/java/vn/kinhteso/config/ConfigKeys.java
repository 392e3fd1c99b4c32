package vn.kinhteso.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every configuration key the pipeline reads, with its type, default and meaning: the one place
 * where a key is declared. {@code conf/local.conf} documents the same keys for users (a test holds
 * the two together).
 *
 * <p>Precedence of a key's value: the command line ({@code --conf KEY=VALUE}, {@code --landing},
 * {@code --lake}, {@code --master}) &gt; spark-submit's own settings ({@code --master}, {@code
 * --conf}) &gt; the conf file (and the profiles it includes) &gt; the default declared here. An
 * empty value in a file means the default. Relative paths in a conf file are read from its folder,
 * on the command line from the working directory. A key not declared here is refused where it is
 * written, with the nearest declared key suggested.
 */
public final class ConfigKeys {
  private ConfigKeys() {}

  private static final List<ConfigKey<?>> ALL = new ArrayList<>();

  private static <T> ConfigKey<T> declare(ConfigKey<T> key) {
    ALL.add(key);
    return key;
  }

  /** Any {@code spark.*} key goes into the SparkConf as it is. */
  public static final String SPARK_PREFIX = "spark.";

  /** {@code quality.severity.<check_id> = error | warning | off}: one key per quality check. */
  public static final String SEVERITY_PREFIX = "quality.severity.";

  /** Families of keys that are open: their members are not declared one by one. */
  static final List<String> OPEN_PREFIXES = List.of(SPARK_PREFIX, SEVERITY_PREFIX);

  // Where the data is.
  public static final ConfigKey<String> LANDING =
      declare(ConfigKey.location("landing", "data-sample", "The landing zone (--landing)."));
  public static final ConfigKey<String> LAKE =
      declare(ConfigKey.location("lake", "lake", "The lake's root folder or URI (--lake)."));
  public static final ConfigKey<Integer> LANDING_MIN_AGE_SECONDS =
      declare(
          ConfigKey.whole(
              "landing.min_file_age_seconds",
              0,
              "Seconds since its last change below which a landing file is left for a later"
                  + " night (still being written)."));
  public static final ConfigKey<Integer> MAX_LINE_CHARS =
      declare(
          ConfigKey.whole(
              "landing.max_line_chars",
              100_000,
              "Characters above which a landing line is quarantined unread (line_too_long): no"
                  + " row of the contract comes near it, and a runaway line is not parsed."));
  public static final ConfigKey<Integer> LOCK_EXPIRY_HOURS =
      declare(
          ConfigKey.whole(
              "lake.lock_expiry_hours",
              24,
              "Hours after which a nightly's lock on the lake is taken as left by a dead run."));
  public static final ConfigKey<String> EXPORT_DIR =
      declare(
          ConfigKey.location(
              "export.dir",
              null,
              "Where a nightly that published writes the public exports and report.html; unset:"
                  + " <lake>/../out."));

  // Reference data and the methodology's assumptions (they change the numbers: see
  // PipelineConfig#methodologyFingerprint).
  public static final ConfigKey<String> REFERENCE_DIR =
      declare(ConfigKey.location("reference.dir", "reference", "The reference data folder."));
  public static final ConfigKey<String> VSIC =
      declare(
          ConfigKey.text(
              "reference.vsic", "vsic2018", "The VSIC version in force (a folder of reference/)."));
  public static final ConfigKey<String> CATEGORIES =
      declare(
          ConfigKey.location(
              "methodology.ecommerce_categories",
              "reference/ecommerce_categories.csv",
              "E-commerce category -> VSIC section and value-added ratio."));
  public static final ConfigKey<String> ICT_CORE =
      declare(
          ConfigKey.location(
              "methodology.ict_core",
              "reference/ict_core_vsic.csv",
              "VSIC prefixes of the ICT core."));
  public static final ConfigKey<String> SERIES_BREAKS =
      declare(
          ConfigKey.location(
              "methodology.series_breaks",
              "reference/series_breaks.csv",
              "Years with a known series break: growth into them is flagged."));
  public static final ConfigKey<List<String>> SME_CLASSES =
      declare(
          ConfigKey.list(
              "methodology.sme_size_classes",
              "micro,small,medium",
              "Size classes counted as SMEs."));
  public static final ConfigKey<Integer> BOOTSTRAP_REPLICATES =
      declare(
          ConfigKey.whole(
              "methodology.bootstrap.replicates",
              200,
              "Replicates of the Monte Carlo interval of the share."));
  public static final ConfigKey<Long> BOOTSTRAP_SEED =
      declare(
          ConfigKey.wholeLong(
              "methodology.bootstrap.seed", 20250701L, "Seed of the Monte Carlo interval."));
  public static final ConfigKey<Integer> CONFIDENTIALITY_MIN_UNITS =
      declare(
          ConfigKey.whole(
              "methodology.confidentiality.min_units",
              3,
              "A share cell with fewer contributing enterprises than this is confidential."));
  public static final ConfigKey<Double> CONFIDENTIALITY_MAX_TOP_SHARE =
      declare(
          ConfigKey.number(
              "methodology.confidentiality.max_top_share_pct",
              85.0,
              "A share cell whose largest enterprise holds more than this % is confidential."));

  // The plans' targets and the projections to their years.
  public static final ConfigKey<String> TARGETS_FILE =
      declare(
          ConfigKey.location(
              "targets.file", "targets.csv", "The plans' targets, relative to the conf file."));
  public static final ConfigKey<Double> PROJECTION_POOLING =
      declare(
          ConfigKey.number(
              "methodology.projection.pooling",
              2.0,
              "Shrinkage of the province effects, in pseudo-years of the common drift (>= 0)."));
  public static final ConfigKey<Double> PROJECTION_MIN_IMPROVEMENT =
      declare(
          ConfigKey.number(
              "methodology.projection.min_improvement",
              0.05,
              "Margin by which a model must beat the better naive baseline to be used ([0, 1))."));
  public static final ConfigKey<Double> PROJECTION_Z =
      declare(
          ConfigKey.number(
              "methodology.projection.z", 1.96, "Multiplier of the projection interval (> 0)."));

  // Pseudonymisation of citizen IDs.
  /** The environment variable that carries the pseudonym key (a secret: never in a file). */
  public static final String PSEUDONYM_KEY_ENV = "KINHTESO_PSEUDONYM_KEY";

  public static final ConfigKey<String> PSEUDONYM_KEY_FILE =
      declare(
          ConfigKey.location(
              "pseudonym.key_file",
              null,
              "A file holding the pseudonym key, if " + PSEUDONYM_KEY_ENV + " is not set."));
  public static final ConfigKey<String> PSEUDONYM_SAMPLE_KEY =
      declare(
          ConfigKey.text(
              "pseudonym.sample_key",
              null,
              "The documented key, accepted for synthetic data only."));
  public static final ConfigKey<Boolean> SYNTHETIC_DATA =
      declare(
          ConfigKey.flag(
              "pseudonym.synthetic_data",
              false,
              "True: the landing zone is synthetic, the sample key may pseudonymise it."));

  // The quality gate.
  public static final ConfigKey<Double> UNREGISTERED_MAX_SHARE =
      declare(
          ConfigKey.number(
              "quality.unregistered_declarations_max_share",
              0.05,
              "Largest share of declarations whose tax code is not in the register."));
  public static final ConfigKey<Double> ANOMALY_MAX_CHANGE =
      declare(
          ConfigKey.number(
              "quality.anomaly.max_relative_change",
              0.30,
              "Largest night-to-night relative change of a watched metric."));
  public static final ConfigKey<Integer> ANOMALY_MIN_HISTORY =
      declare(
          ConfigKey.whole(
              "quality.anomaly.min_history",
              3,
              "Nights of history a metric needs before its changes are checked."));
  public static final ConfigKey<List<String>> ANOMALY_SOURCES =
      declare(
          ConfigKey.list(
              "quality.anomaly.sources",
              "tax/registry,tax/declarations,ecommerce",
              "Sources whose night-to-night volumes are watched."));
  public static final ConfigKey<Double> NATIONAL_GRDP_TOLERANCE =
      declare(
          ConfigKey.number(
              "quality.national_grdp_tolerance",
              0.01,
              "Share by which the provinces' GRDP sum may differ from a delivered national"
                  + " series."));

  // Operations.
  public static final ConfigKey<Boolean> STEP_TIMINGS =
      declare(
          ConfigKey.flag(
              "run.step_timings",
              false,
              "True: the nightly prints the seconds of each step inside its stages."));

  /** The declared keys, in declaration order. */
  public static List<ConfigKey<?>> all() {
    return Collections.unmodifiableList(ALL);
  }
}
