package vn.kinhteso.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/** The driver's peak heap, printed at exit when the benchmark asks for it (docs/performance.md). */
public final class PeakHeap {
  /** The system property the benchmark sets on the JVMs it starts. */
  public static final String PROPERTY = "kinhteso.bench.peakHeap";

  /** The line the benchmark reads back, followed by megabytes. */
  public static final String LINE = "kinhteso-bench peak-heap-mb ";

  private PeakHeap() {}

  static void report(PrintStream out) {
    if (System.getProperty(PROPERTY) == null) {
      return;
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    out.println(LINE + String.format(Locale.ROOT, "%.0f", peak / 1e6));
  }
}
