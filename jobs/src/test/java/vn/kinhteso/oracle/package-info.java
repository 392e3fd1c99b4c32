/**
 * A second, independent computation of the gold tables in plain Java (no Spark), written from the
 * methodology and the data contracts, and the helpers to compare the pipeline's output with it.
 * Test scope only.
 */
package vn.kinhteso.oracle;
