package vn.kinhteso.conform;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What one conform step gives: the rows it accepted and the quarantine rows of those it did not.
 */
record Checked(Dataset<Row> accepted, Dataset<Row> quarantined) {}
