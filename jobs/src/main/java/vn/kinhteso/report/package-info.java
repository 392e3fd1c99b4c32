/**
 * The analysts' report: one offline HTML page with charts (ECharts, inlined) of the last complete
 * publish.
 */
package vn.kinhteso.report;
