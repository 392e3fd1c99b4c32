package vn.kinhteso.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession with Delta's SQL extension and catalog. */
public final class Sessions {
  private Sessions() {}

  /**
   * Settings apply in order; a later map wins. A master given nowhere means the caller runs under
   * spark-submit, which sets it.
   */
  @SafeVarargs
  public static SparkSession create(String appName, Map<String, String>... settings) {
    SparkConf conf =
        new SparkConf(true)
            .setAppName(appName)
            .set("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .set(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            // Delta tables here are small per partition; schema checks stay strict.
            .set("spark.databricks.delta.schema.autoMerge.enabled", "false")
            .set("spark.sql.session.timeZone", "UTC")
            // An invalid date is bad input to quarantine, not an upgrade exception.
            .set("spark.sql.legacy.timeParserPolicy", "CORRECTED")
            // Plans of the methodology are large; their full text (built for every query's UI
            // event)
            // costs seconds a night and is read by nobody.
            .set("spark.sql.maxPlanStringLength", "16384");
    for (Map<String, String> s : settings) {
      s.forEach(conf::set);
    }
    if (!conf.contains("spark.master")) {
      conf.setIfMissing("spark.master", "local[2]");
    }
    return SparkSession.builder().config(conf).getOrCreate();
  }
}
