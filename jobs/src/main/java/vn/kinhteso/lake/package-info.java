/**
 * The lake every stage reads and writes: the layout of its Delta tables ({@link
 * vn.kinhteso.lake.Lake}) and the lock that lets one nightly at a time write it ({@link
 * vn.kinhteso.lake.LakeLock}). docs/lake-tables.md lists the tables.
 */
package vn.kinhteso.lake;
