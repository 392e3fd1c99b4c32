package vn.kinhteso.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * One workbook: a sheet per gold table (header frozen, numbers as numbers, booleans as booleans,
 * text as Unicode), and a first sheet "Ghi chú" naming the run, the release and the confidentiality
 * footnote.
 */
final class Xlsx {
  static final String NOTES = "Ghi chú";

  private Xlsx() {}

  static Path write(
      List<Table> tables,
      GoldExtract gold,
      Path file,
      boolean internal,
      String footnoteVi,
      String footnoteEn)
      throws IOException {
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      Font bold = wb.createFont();
      bold.setBold(true);
      CellStyle header = wb.createCellStyle();
      header.setFont(bold);
      CellStyle decimal = wb.createCellStyle();
      decimal.setDataFormat(wb.createDataFormat().getFormat("#,##0.00##"));
      CellStyle whole = wb.createCellStyle();
      whole.setDataFormat(wb.createDataFormat().getFormat("0"));

      Sheet notes = wb.createSheet(NOTES);
      String[][] lines = {
        {"Kinh tế số theo tỉnh / Digital economy by province", ""},
        {"Lượt chạy / Run", gold.runId()},
        {"Bản công bố GRDP / GRDP release", gold.latestRelease()},
        {
          "Đối tượng / Audience",
          internal ? "nội bộ / internal (mọi giá trị, không công bố)" : "công khai / public"
        },
        {"Bảo mật / Confidentiality", footnoteVi},
        {"", footnoteEn}
      };
      for (int i = 0; i < lines.length; i++) {
        Row r = notes.createRow(i);
        r.createCell(0).setCellValue(lines[i][0]);
        r.createCell(1).setCellValue(lines[i][1] == null ? "" : lines[i][1]);
      }
      notes.getRow(0).getCell(0).setCellStyle(header);
      notes.setColumnWidth(0, 40 * 256);
      notes.setColumnWidth(1, 120 * 256);

      for (Table t : tables) {
        Sheet s = wb.createSheet(t.name());
        Row h = s.createRow(0);
        int[] width = new int[t.columns().size()];
        for (int c = 0; c < t.columns().size(); c++) {
          Cell cell = h.createCell(c);
          cell.setCellValue(t.columns().get(c));
          cell.setCellStyle(header);
          width[c] = t.columns().get(c).length();
        }
        for (int i = 0; i < t.rows().size(); i++) {
          Row r = s.createRow(i + 1);
          Object[] v = t.rows().get(i);
          for (int c = 0; c < v.length; c++) {
            if (v[c] == null) {
              continue;
            }
            Cell cell = r.createCell(c);
            Object x = v[c];
            if (x instanceof Double || x instanceof Float) {
              double d = ((Number) x).doubleValue();
              if (Double.isFinite(d)) {
                cell.setCellValue(d);
                cell.setCellStyle(decimal);
              }
            } else if (x instanceof Number n) {
              cell.setCellValue(n.doubleValue());
              cell.setCellStyle(whole);
            } else if (x instanceof Boolean b) {
              cell.setCellValue(b);
            } else {
              cell.setCellValue(x.toString());
            }
            width[c] = Math.max(width[c], Math.min(60, Export.text(x).length()));
          }
        }
        for (int c = 0; c < width.length; c++) {
          s.setColumnWidth(c, (width[c] + 2) * 256);
        }
        s.createFreezePane(0, 1);
        s.setAutoFilter(
            new org.apache.poi.ss.util.CellRangeAddress(0, t.rows().size(), 0, width.length - 1));
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        wb.write(out);
      }
    }
    return file;
  }
}
