package vn.kinhteso.deploy;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What spark-submit decided for this driver. spark-submit passes its {@code --master}, {@code
 * --conf} and {@code --properties-file} settings to the driver as {@code spark.*} system
 * properties; they must win over the conf file's (conf/local.conf says {@code local[2]}), while the
 * application's own {@code --master} / {@code --conf} still win over them.
 */
public final class SubmitSettings {
  private SubmitSettings() {}

  /** The {@code spark.*} system properties of this JVM (empty when not started by spark-submit). */
  public static Map<String, String> fromSystemProperties() {
    return of(System.getProperties());
  }

  static Map<String, String> of(Properties props) {
    Map<String, String> out = new TreeMap<>();
    for (String k : props.stringPropertyNames()) {
      // spark-submit names an application after its main class unless told (--name): keep ours.
      boolean defaultName =
          k.equals("spark.app.name") && props.getProperty(k).equals("vn.kinhteso.cli.Main");
      if (k.startsWith("spark.") && !defaultName) {
        out.put(k, props.getProperty(k));
      }
    }
    return out;
  }
}
