package vn.kinhteso.ingest;

/** One file found in the landing zone. */
public record LandingFile(Source source, String path, long sizeBytes, long modifiedAt) {}
