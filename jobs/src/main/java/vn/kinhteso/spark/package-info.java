/** The SparkSession every command uses: Delta's extension and catalog, UTC, strict parsing. */
package vn.kinhteso.spark;
