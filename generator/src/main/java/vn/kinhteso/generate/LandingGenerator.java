package vn.kinhteso.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import vn.kinhteso.config.Reference;

/**
 * Writes a synthetic landing zone that follows {@code data-contracts.md}: a miniature Vietnam whose
 * enterprises and sellers are weighted so that the estimator finds a national digital share of
 * about 13% of GDP. Same seed and scale, same bytes.
 *
 * <p>Besides the landing folders it writes {@code _generator/} (outside every source folder, so the
 * pipeline ignores it): {@code injected.csv}, what the pipeline should quarantine per reason;
 * {@code intended_shares.csv} and {@code intended_indicators.csv}, the numbers the design aims at,
 * as a cross-check. See docs/generator.md.
 */
public final class LandingGenerator {
  /** The folder, inside the output, of what the generator says about its own output. */
  public static final String META = "_generator";

  private LandingGenerator() {}

  /**
   * Generates a landing zone into {@code out}, which must not exist or be empty.
   *
   * @param seed every random draw derives from it
   * @param scale multiplies the number of enterprises and sellers (1 = data-sample)
   * @param dirty also inject every class of bad input, with known counts
   */
  public static GenerationSummary generate(
      Path out, long seed, double scale, boolean dirty, Reference ref) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException(
          "Cannot generate: scale must be a positive number, got " + scale);
    }
    requireEmpty(out);
    Landing landing = new Landing(out);
    Economy eco = new Economy(seed, ref);
    new StatisticsFiles(landing, eco, seed).write();
    TaxIds ids = new TaxIds();
    Activities act = new Activities(ref);
    BadInput bad = new BadInput(dirty, seed, ids, act);
    IntendedShares shares = new IntendedShares();
    Enterprises enterprises = new Enterprises(seed, scale, eco, act, ids);
    enterprises.writeRegister(landing, bad);
    enterprises.writeActivity(landing, shares);
    new Sellers(seed, scale, eco, ids).write(landing, shares);
    bad.inject(landing);
    landing.closeAll();
    bad.copyFiles(landing);
    bad.writeManifest(out.resolve(META));
    shares.write(out.resolve(META), eco);
    return new GenerationSummary(out, seed, scale, dirty, landing.counts(), bad.counts());
  }

  private static void requireEmpty(Path out) {
    if (!Files.exists(out)) {
      return;
    }
    if (!Files.isDirectory(out)) {
      throw new IllegalArgumentException("Cannot generate into " + out + ": it is a file");
    }
    try (Stream<Path> s = Files.list(out)) {
      if (s.findAny().isPresent()) {
        throw new IllegalArgumentException(
            "Cannot generate into "
                + out
                + ": the folder is not empty (remove it or choose another --out)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + out, e);
    }
  }
}
