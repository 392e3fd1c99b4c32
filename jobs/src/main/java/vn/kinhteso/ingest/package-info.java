/**
 * Stage 1, landing zone to bronze: every landing file once (by the SHA-256 of its bytes), its lines
 * kept as delivered with file, hash, line number and run; files still being written wait.
 */
package vn.kinhteso.ingest;
