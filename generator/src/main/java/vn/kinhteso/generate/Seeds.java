package vn.kinhteso.generate;

import java.util.SplittableRandom;

/**
 * Random streams derived from the run seed and an entity's name, so that what a unit or a seller
 * looks like does not depend on the order in which others were drawn.
 */
final class Seeds {
  private Seeds() {}

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** String.hashCode is specified, so the stream is the same on every JVM. */
  static SplittableRandom rng(long seed, String tag, long index) {
    return new SplittableRandom(mix(mix(seed * 0x9e3779b97f4a7c15L + tag.hashCode()) + index));
  }

  /** A value uniform in [-amplitude, amplitude], fixed for (seed, key). */
  static double noise(long seed, String key, double amplitude) {
    return (rng(seed, key, 0).nextDouble() * 2 - 1) * amplitude;
  }
}
