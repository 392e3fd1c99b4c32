/**
 * The nightly run: the stages in order ({@link vn.kinhteso.run.Nightly}), what each stage reads and
 * writes in the lake, the run's log in ops.runs, and the reconciliation of every input row.
 */
package vn.kinhteso.run;
