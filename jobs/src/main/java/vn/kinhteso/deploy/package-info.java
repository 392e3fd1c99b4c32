/**
 * What a run checks about where it runs before it touches data: the lake's and landing zone's file
 * systems, S3 settings, damaged Delta logs ({@link vn.kinhteso.deploy.LakePreflight}), and the
 * settings spark-submit passes to the driver ({@link vn.kinhteso.deploy.SubmitSettings}).
 */
package vn.kinhteso.deploy;
