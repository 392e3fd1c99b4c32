package vn.kinhteso.generate;

import java.nio.file.Path;
import java.util.Map;

/**
 * What one generation wrote.
 *
 * @param sources per source folder ({@code statistics/grdp}, {@code tax/declarations}, {@code
 *     ecommerce/shopee}, …): files, data lines (header excluded) and bytes
 * @param expectedQuarantine per reason code of the contract, the rows (or files) the pipeline
 *     should quarantine, plus {@code nfd_repaired}; all zero but {@code duplicate_file} in clean
 *     mode, also written to {@code _generator/injected.csv}
 */
public record GenerationSummary(
    Path out,
    long seed,
    double scale,
    boolean dirty,
    Map<String, SourceCount> sources,
    Map<String, Long> expectedQuarantine) {

  /** Files, data lines and bytes of one source folder. */
  public record SourceCount(int files, long lines, long bytes) {}

  public long totalLines() {
    return sources.values().stream().mapToLong(SourceCount::lines).sum();
  }

  public long totalBytes() {
    return sources.values().stream().mapToLong(SourceCount::bytes).sum();
  }
}
