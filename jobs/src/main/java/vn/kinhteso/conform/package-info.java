/**
 * Stage 2, bronze to silver: each delivered line typed and checked, province codes read in the list
 * of the record's date, latest release, highest amendment, newest register snapshot, citizen IDs
 * pseudonymised; a rejected row goes to quality.quarantine with its reason ({@link
 * vn.kinhteso.conform.Reason}). The core, {@link vn.kinhteso.conform.Conform}, is Dataset to
 * Dataset and hands each source family to its own class (statistics, register, declarations,
 * e-commerce); the run (which batches, which years) is {@code run.ConformStage}.
 */
package vn.kinhteso.conform;
