package vn.kinhteso.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import vn.kinhteso.config.Csv;

/**
 * One file of the landing zone, written as rows arrive (UTF-8, header row, optional byte-order mark
 * and CRLF line ends, both of which the contract allows).
 *
 * <p>It remembers one row of its own as a sample: the dirty mode copies it to make an exact
 * duplicate row. Rows the generator marks as not sampleable (amended declarations, NFD names) are
 * never chosen, so that a duplicate never touches a key another test is about.
 */
final class ZoneFile {
  private static final int SAMPLE_AT = 5;

  final String source;
  final Path path;
  private final Writer out;
  private final String eol;
  private long lines;
  private int sampleableSeen;
  private String sample;

  ZoneFile(Path root, String source, String name, String header, boolean bom, boolean crlf) {
    this.source = source;
    this.path = root.resolve(source).resolve(name);
    this.eol = crlf ? "\r\n" : "\n";
    try {
      Files.createDirectories(path.getParent());
      out =
          new BufferedWriter(
              new OutputStreamWriter(Files.newOutputStream(path), StandardCharsets.UTF_8), 1 << 16);
      if (bom) {
        out.write('\uFEFF');
      }
      if (header != null) {
        out.write(header);
        out.write(eol);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path, e);
    }
  }

  /** A CSV row, each field quoted when it needs it. */
  void row(String... fields) {
    line(csv(fields), true);
  }

  void row(boolean sampleable, String... fields) {
    line(csv(fields), sampleable);
  }

  static String csv(String... fields) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(Csv.quote(fields[i]));
    }
    return b.toString();
  }

  /** A line written as given (a JSON object, or a deliberately broken CSV line). */
  void line(String text, boolean sampleable) {
    try {
      out.write(text);
      out.write(eol);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path, e);
    }
    lines++;
    if (sampleable && sampleableSeen++ == SAMPLE_AT) {
      sample = text;
    }
  }

  /** A row written earlier that may be copied as an exact duplicate; null if none yet. */
  String sample() {
    return sample;
  }

  long lines() {
    return lines;
  }

  void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path, e);
    }
  }
}
