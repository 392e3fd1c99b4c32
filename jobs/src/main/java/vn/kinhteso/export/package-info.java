/**
 * What analysts take away: every gold table of the last complete publish as CSV, SDMX-CSV or XLSX,
 * with the confidentiality rule of methodology §8 applied to public files ({@link
 * vn.kinhteso.export.Suppression}). docs/outputs.md describes the files.
 */
package vn.kinhteso.export;
