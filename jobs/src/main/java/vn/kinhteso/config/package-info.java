/**
 * Configuration: the conf file with the command line on top ({@link
 * vn.kinhteso.config.PipelineConfig}), the reference lists of reference-data.md ({@link
 * vn.kinhteso.config.Reference}) and the CSV reading they share.
 */
package vn.kinhteso.config;
