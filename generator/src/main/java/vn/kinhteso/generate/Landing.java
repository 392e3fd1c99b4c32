package vn.kinhteso.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of one landing zone: opened as generation needs them, closed and counted at the end.
 */
final class Landing {
  private final Path root;
  private final Map<String, ZoneFile> open = new LinkedHashMap<>();

  /** Files written whole: byte copies and files in another encoding. */
  private final List<Whole> whole = new ArrayList<>();

  private record Whole(String source, Path path, long lines) {}

  Landing(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  ZoneFile open(String source, String name, String header) {
    return open(source, name, header, false, false);
  }

  ZoneFile open(String source, String name, String header, boolean bom, boolean crlf) {
    return open.computeIfAbsent(
        source + "/" + name, k -> new ZoneFile(root, source, name, header, bom, crlf));
  }

  ZoneFile get(String source, String name) {
    ZoneFile f = open.get(source + "/" + name);
    if (f == null) {
      throw new IllegalStateException("No landing file " + source + "/" + name + " was written");
    }
    return f;
  }

  void closeAll() {
    open.values().forEach(ZoneFile::close);
  }

  /** A byte copy of a closed file under another name: the contract's re-delivered file. */
  void copy(String source, String name, String copyName) {
    ZoneFile f = get(source, name);
    Path to = f.path.resolveSibling(copyName);
    try {
      Files.copy(f.path, to);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy " + f.path + " to " + to, e);
    }
    whole.add(new Whole(source, to, f.lines()));
  }

  void writeBytes(String source, String name, byte[] content, long dataLines) {
    Path to = root.resolve(source).resolve(name);
    try {
      Files.createDirectories(to.getParent());
      Files.write(to, content);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + to, e);
    }
    whole.add(new Whole(source, to, dataLines));
  }

  /** Files, data lines and bytes per source folder, sorted by source. */
  Map<String, GenerationSummary.SourceCount> counts() {
    Map<String, long[]> acc = new TreeMap<>();
    open.values().forEach(f -> add(acc, f.source, f.path, f.lines()));
    whole.forEach(w -> add(acc, w.source(), w.path(), w.lines()));
    Map<String, GenerationSummary.SourceCount> out = new LinkedHashMap<>();
    acc.forEach((k, v) -> out.put(k, new GenerationSummary.SourceCount((int) v[0], v[1], v[2])));
    return out;
  }

  private static void add(Map<String, long[]> acc, String source, Path path, long lines) {
    long[] a = acc.computeIfAbsent(source, k -> new long[3]);
    a[0]++;
    a[1] += lines;
    try {
      a[2] += Files.size(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot measure " + path, e);
    }
  }
}
