package vn.kinhteso.quality;

import java.util.Locale;
import vn.kinhteso.config.ConfigKeys;
import vn.kinhteso.config.PipelineConfig;

/**
 * What a failed check means for the run: {@code error} blocks publishing, {@code warning} is
 * published and reported, {@code off} is not evaluated. Each check has a default, and the conf key
 * {@code quality.severity.<check_id>} overrides it.
 */
public enum Severity {
  ERROR,
  WARNING,
  OFF;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The severity of {@code checkId} in this run: the conf override, else the default. */
  public static Severity of(PipelineConfig config, String checkId, Severity dflt) {
    String key = ConfigKeys.SEVERITY_PREFIX + checkId;
    String v = config.member(ConfigKeys.SEVERITY_PREFIX, checkId);
    if (v == null) {
      return dflt;
    }
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "error" -> ERROR;
      case "warning" -> WARNING;
      case "off" -> OFF;
      default ->
          throw new PipelineConfig.ConfigException(
              "Cannot use " + key + ": expected error, warning or off, got '" + v + "'");
    };
  }
}
