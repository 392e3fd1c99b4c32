package vn.kinhteso.export;

import java.util.LinkedHashMap;
import java.util.Map;
import vn.kinhteso.config.ConfigKeys;
import vn.kinhteso.config.Csv;
import vn.kinhteso.config.PipelineConfig;
import vn.kinhteso.config.Reference;

/**
 * Vietnamese and English names of the codes analysts read: provinces of each list, sections, ALL.
 */
public final class Labels {
  public static final String NATION_VI = "Toàn quốc";
  public static final String NATION_EN = "Viet Nam";
  public static final String ALL_VI = "Toàn nền kinh tế";
  public static final String ALL_EN = "Whole economy";

  private final Reference reference;
  private final Map<String, String> sectionsEn = new LinkedHashMap<>();

  public Labels(PipelineConfig config, Reference reference) {
    this.reference = reference;
    java.nio.file.Path dir = config.path(ConfigKeys.REFERENCE_DIR);
    String vsic = config.get(ConfigKeys.VSIC);
    for (Map<String, String> r : Csv.read(dir.resolve(vsic + "_sections.csv"))) {
      sectionsEn.put(r.get("section").trim(), r.getOrDefault("name_en", "").trim());
    }
  }

  public Reference reference() {
    return reference;
  }

  /** The province's name in the code list of its geography; null when the code is unknown. */
  public String province(String geoLevel, String code) {
    if (code == null) {
      return null;
    }
    if (Suppression.NATIONAL.equals(geoLevel) || Suppression.NATIONAL_CODE.equals(code)) {
      return NATION_VI;
    }
    return (Suppression.PROVINCE_2004.equals(geoLevel)
            ? reference.provinces2004()
            : reference.provinces2025())
        .get(code);
  }

  public String sectorVi(String sector) {
    return Suppression.ALL.equals(sector) ? ALL_VI : reference.sections().get(sector);
  }

  public String sectorEn(String sector) {
    return Suppression.ALL.equals(sector) ? ALL_EN : sectionsEn.get(sector);
  }
}
