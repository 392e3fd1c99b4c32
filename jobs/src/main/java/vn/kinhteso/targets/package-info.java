/**
 * The plans' targets (docs/targets.md): the target file, the observed values, projections with
 * spark-mllib, the GRDP nowcast, and the scorecard that says met, on track or off track.
 */
package vn.kinhteso.targets;
