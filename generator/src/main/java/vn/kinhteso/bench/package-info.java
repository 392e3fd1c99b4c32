/**
 * The benchmark behind {@code bin/kinhteso bench} (docs/performance.md): generated zones per size,
 * each night measured as a whole process in a fresh JVM, and the floor, Spark's bare read of the
 * same files.
 */
package vn.kinhteso.bench;
