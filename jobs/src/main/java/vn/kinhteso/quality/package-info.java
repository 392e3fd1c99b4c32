/**
 * Data quality of a run: Deequ checks on silver and on the staged gold ({@link
 * vn.kinhteso.quality.QualityGate}), this night's metrics and their anomalies against earlier
 * nights, the gate decision ({@link vn.kinhteso.quality.QualityReport#blocksPublishing()}) and the
 * report. Deequ's Scala API is reached only through {@code quality.deequ.DeequFacade}.
 * docs/quality.md lists every check, rule, conf key and table column.
 */
package vn.kinhteso.quality;
