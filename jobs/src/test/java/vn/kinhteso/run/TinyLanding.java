package vn.kinhteso.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import vn.kinhteso.SharedSpark;

/**
 * Copies shared/examples/tiny/landing (or the files a predicate on their relative path picks) into
 * a test landing zone.
 */
final class TinyLanding {
  static final Path ROOT = SharedSpark.sharedDir().resolve("examples/tiny/landing");

  private TinyLanding() {}

  static void copy(Path landing, Predicate<String> which) throws IOException {
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        String rel = ROOT.relativize(f).toString();
        if (which.test(rel)) {
          Path to = landing.resolve(rel);
          Files.createDirectories(to.getParent());
          Files.copy(f, to);
        }
      }
    }
  }
}
