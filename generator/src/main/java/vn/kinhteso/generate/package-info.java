/**
 * The synthetic landing zone: a miniature Vietnam written as the files of {@code data-contracts.md}
 * (statistics, enterprise register, VAT declarations, platform seller reports), deterministic for a
 * seed, optionally with every class of bad input injected.
 *
 * <p>Plain Java, no Spark: {@link vn.kinhteso.generate.LandingGenerator} streams the rows to disk,
 * so scales of 10 or 100 need no more memory than the unit and seller descriptors.
 */
package vn.kinhteso.generate;
