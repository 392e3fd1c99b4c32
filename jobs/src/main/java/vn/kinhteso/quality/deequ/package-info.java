/** The Java facade over Deequ: the only code of the project that handles Scala types. */
package vn.kinhteso.quality.deequ;
