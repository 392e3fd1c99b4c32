package vn.kinhteso.generate;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import vn.kinhteso.config.Reference;

/**
 * What a unit does and what it is called: VSIC 2018 classes by section (with the word a Vietnamese
 * company name would use for them), registered names, and the platform category an enterprise
 * seller of each class lists its goods under. Which class is ICT core is read from the reference
 * list, never from here.
 */
final class Activities {
  /** A VSIC class and the word for it in a company name. */
  record VsicClass(String code, String word) {}

  private static final Map<String, List<VsicClass>> CLASSES = new LinkedHashMap<>();

  private static void c(String section, String... codeWord) {
    List<VsicClass> l = new ArrayList<>();
    for (int i = 0; i < codeWord.length; i += 2) {
      l.add(new VsicClass(codeWord[i], codeWord[i + 1]));
    }
    CLASSES.put(section, l);
  }

  static {
    c(
        "A",
        "0111",
        "Nông nghiệp",
        "0121",
        "Trái cây",
        "0126",
        "Cà phê",
        "0145",
        "Chăn nuôi",
        "0210",
        "Lâm nghiệp",
        "0322",
        "Thủy sản");
    c("B", "0510", "Than", "0610", "Dầu khí", "0810", "Đá và Cát", "0910", "Dịch vụ Dầu khí");
    c(
        "C",
        "1010",
        "Thực phẩm",
        "1020",
        "Chế biến Thủy sản",
        "1050",
        "Sữa",
        "1080",
        "Thức ăn Chăn nuôi",
        "1410",
        "May mặc",
        "1520",
        "Giày da",
        "2220",
        "Nhựa",
        "2394",
        "Xi măng",
        "2410",
        "Thép",
        "2930",
        "Phụ tùng Ô tô",
        "3100",
        "Nội thất",
        "2610",
        "Linh kiện Điện tử",
        "2620",
        "Máy tính",
        "2630",
        "Thiết bị Viễn thông",
        "2640",
        "Điện tử",
        "2670",
        "Quang học");
    c("D", "3511", "Điện lực", "3512", "Truyền tải Điện", "3520", "Khí đốt");
    c("E", "3600", "Cấp nước", "3700", "Thoát nước", "3811", "Môi trường");
    c("F", "4101", "Xây dựng", "4102", "Xây lắp", "4212", "Cầu đường", "4321", "Lắp đặt Điện");
    c(
        "G",
        "4511",
        "Ô tô",
        "4541",
        "Xe máy",
        "4632",
        "Thực phẩm",
        "4641",
        "Thời trang",
        "4649",
        "Gia dụng",
        "4659",
        "Thiết bị",
        "4690",
        "Thương mại",
        "4711",
        "Siêu thị",
        "4771",
        "Thời trang",
        "4791",
        "Thương mại Điện tử",
        "4651",
        "Máy tính và Phần mềm",
        "4652",
        "Thiết bị Điện tử");
    c(
        "H",
        "4931",
        "Taxi",
        "4933",
        "Vận tải",
        "5012",
        "Vận tải Biển",
        "5210",
        "Kho vận",
        "5229",
        "Logistics",
        "5320",
        "Chuyển phát");
    c("I", "5510", "Khách sạn", "5610", "Nhà hàng", "5630", "Đồ uống");
    c(
        "J",
        "5811",
        "Xuất bản",
        "6010",
        "Phát thanh",
        "6399",
        "Thông tin",
        "5820",
        "Phần mềm",
        "6110",
        "Viễn thông",
        "6120",
        "Viễn thông Di động",
        "6190",
        "Viễn thông",
        "6201",
        "Công nghệ Phần mềm",
        "6202",
        "Tư vấn Công nghệ",
        "6209",
        "Công nghệ Thông tin",
        "6311",
        "Dữ liệu",
        "6312",
        "Cổng Thông tin");
    c(
        "K",
        "6419",
        "Tài chính",
        "6492",
        "Tín dụng",
        "6511",
        "Bảo hiểm Nhân thọ",
        "6512",
        "Bảo hiểm",
        "6619",
        "Đầu tư");
    c("L", "6810", "Bất động sản", "6820", "Địa ốc");
    c(
        "M",
        "6910",
        "Luật",
        "6920",
        "Kế toán",
        "7020",
        "Tư vấn Quản lý",
        "7110",
        "Kiến trúc",
        "7310",
        "Quảng cáo");
    c(
        "N",
        "7710",
        "Cho thuê Xe",
        "7830",
        "Nhân lực",
        "7911",
        "Lữ hành",
        "8121",
        "Vệ sinh Công nghiệp");
    c("O", "8411", "Dịch vụ Hành chính công", "8430", "Bảo hiểm Xã hội");
    c(
        "P",
        "8510",
        "Giáo dục Mầm non",
        "8532",
        "Đào tạo Nghề",
        "8559",
        "Giáo dục",
        "8560",
        "Dịch vụ Giáo dục");
    c("Q", "8610", "Bệnh viện", "8620", "Phòng khám", "8710", "Điều dưỡng");
    c("R", "9000", "Nghệ thuật", "9311", "Thể thao", "9321", "Vui chơi Giải trí");
    c(
        "S",
        "9620",
        "Giặt là",
        "9631",
        "Làm đẹp",
        "9521",
        "Sửa chữa Điện tử",
        "9511",
        "Sửa chữa Máy tính",
        "9512",
        "Sửa chữa Thiết bị Viễn thông");
    c("T", "9700", "Dịch vụ Gia đình");
    c("U", "9900", "Văn phòng Đại diện");
  }

  private static final String[] BRANDS = {
    "Hồng Hà",
    "Phương Nam",
    "Kinh Bắc",
    "Tân Phát",
    "An Khang",
    "Thành Công",
    "Hưng Thịnh",
    "Việt Tiến",
    "Minh Long",
    "Sông Hàn",
    "Trường Sơn",
    "Đông Á",
    "Hoàng Long",
    "Bình Minh",
    "Phú Quý",
    "Ánh Dương",
    "Sao Mai",
    "Hải Âu",
    "Nam Việt",
    "Đại Phát",
    "Thiên Ân",
    "Lạc Hồng",
    "Cửu Long",
    "Tây Nguyên",
    "Hạ Long",
    "Ngọc Lan",
    "Quang Trung",
    "Thăng Long",
    "Bảo Châu",
    "Đức Thịnh",
    "Phúc Lộc",
    "Vạn Xuân",
    "Hương Giang",
    "Sen Vàng",
    "Tràng An",
    "Mê Kông",
    "Rạng Đông",
    "Lam Sơn",
    "Vĩnh Phát",
    "Kim Ngân"
  };

  private final Reference ref;

  Activities(Reference ref) {
    this.ref = ref;
  }

  boolean isCore(String vsic) {
    for (String prefix : ref.ictCorePrefixes()) {
      if (vsic.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** A class of the section that is (or is not) ICT core; null when the section has none. */
  String pick(SplittableRandom rng, String section, boolean core) {
    List<VsicClass> fit = new ArrayList<>();
    for (VsicClass c : CLASSES.getOrDefault(section, List.of())) {
      if (isCore(c.code()) == core) {
        fit.add(c);
      }
    }
    return fit.isEmpty() ? null : fit.get(rng.nextInt(fit.size())).code();
  }

  private static String word(String vsic) {
    for (List<VsicClass> l : CLASSES.values()) {
      for (VsicClass c : l) {
        if (c.code().equals(vsic)) {
          return c.word();
        }
      }
    }
    return "Dịch vụ";
  }

  /**
   * A registered name in NFC; some carry a comma (the place) or quotes (the brand), as real
   * register extracts do, so that a CSV writer must quote them.
   */
  String name(SplittableRandom rng, String vsic, String size, String provinceName) {
    String section = sectionOf(vsic);
    String form;
    if (section.equals("A") && rng.nextInt(3) == 0) {
      form = "Hợp tác xã";
    } else if (section.equals("O") || section.equals("U")) {
      form = section.equals("O") ? "Trung tâm" : "Văn phòng";
    } else if (size.equals("large") && rng.nextInt(3) == 0) {
      form = "Tổng công ty";
    } else {
      String[] forms = {
        "Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV", "Doanh nghiệp tư nhân"
      };
      form = forms[rng.nextInt(size.equals("micro") ? 4 : 3)];
    }
    String brand = BRANDS[rng.nextInt(BRANDS.length)];
    int style = rng.nextInt(100);
    String name;
    if (style < 8) {
      name = form + " " + word(vsic) + " \"" + brand + "\"";
    } else if (style < 16) {
      name = form + " " + word(vsic) + " " + brand + ", " + provinceName;
    } else {
      name = form + " " + word(vsic) + " " + brand;
    }
    return Normalizer.normalize(name, Normalizer.Form.NFC);
  }

  static String branchName(String parentName, String provinceName) {
    return Normalizer.normalize(
        "Chi nhánh " + provinceName + ", " + parentName, Normalizer.Form.NFC);
  }

  String sectionOf(String vsic) {
    return ref.sectionOfDivision(Integer.parseInt(vsic.substring(0, 2)));
  }

  /** The platform category an enterprise seller of this class lists under. */
  String category(String vsic) {
    String cat =
        switch (vsic) {
          case "0111",
              "0121",
              "0126",
              "0145",
              "0322",
              "1010",
              "1020",
              "1050",
              "1080",
              "4632",
              "4711" ->
              "grocery";
          case "1410", "1520", "4641", "4771" -> "fashion";
          case "2610", "2620", "2630", "2640", "2670", "4651", "4652", "9511", "9512", "9521" ->
              "electronics";
          case "2930", "4511", "4541", "7710" -> "auto_moto";
          case "4931" -> "ride_hailing";
          case "4933", "5012", "5210", "5229", "5320" -> "logistics";
          case "5610", "5630" -> "food_delivery";
          case "5510", "6810", "6820", "7911", "9321", "9311", "9000" -> "travel_accommodation";
          case "8510", "8532", "8559", "8560", "5811" -> "books_stationery";
          case "8610", "8620", "8710", "9620", "9631" -> "beauty_health";
          case "4791" -> "mother_baby";
          // services sold online as vouchers, subscriptions or e-tickets; goods as home and living
          default -> "DEJKMNO".contains(sectionOf(vsic)) ? "digital_goods" : "home_living";
        };
    return ref.categories().containsKey(cat) ? cat : ref.categories().keySet().iterator().next();
  }
}
