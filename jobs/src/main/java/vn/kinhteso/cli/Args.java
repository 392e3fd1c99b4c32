package vn.kinhteso.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.kinhteso.config.PipelineConfig.ConfigException;

/** Command-line options: {@code --name value}, {@code --flag}, and repeated {@code --conf key=value}. */
final class Args {
  final String command;
  final List<String> positional = new ArrayList<>();
  final Map<String, String> options = new LinkedHashMap<>();
  final Map<String, String> conf = new LinkedHashMap<>();

  private Args(String command) {
    this.command = command;
  }

  static Args parse(String[] argv, List<String> flags) {
    if (argv.length == 0) {
      throw new ConfigException("No command given. " + Main.USAGE);
    }
    Args a = new Args(argv[0]);
    for (int i = 1; i < argv.length; i++) {
      String s = argv[i];
      if (!s.startsWith("--")) {
        a.positional.add(s);
        continue;
      }
      String name = s.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq > 0) { // --name=value, also --config=FILE and --conf=key=value
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (flags.contains(name)) {
        a.options.put(name, "true");
        continue;
      }
      if (value == null) {
        if (i + 1 >= argv.length) {
          throw new ConfigException("Option --" + name + " needs a value. " + Main.USAGE);
        }
        value = argv[++i];
      }
      if (name.equals("conf")) {
        int k = value.indexOf('=');
        if (k <= 0) {
          throw new ConfigException("--conf takes key=value, got '" + value + "'");
        }
        a.conf.put(value.substring(0, k), value.substring(k + 1));
      } else {
        a.options.put(name, value);
      }
    }
    return a;
  }

  String get(String name, String dflt) {
    return options.getOrDefault(name, dflt);
  }

  boolean flag(String name) {
    return options.containsKey(name);
  }

  /** A path option made absolute against the working directory (URIs pass through). */
  String location(String name) {
    String v = options.get(name);
    if (v == null || v.contains("://")) {
      return v;
    }
    return Path.of(v).toAbsolutePath().normalize().toString();
  }

  void allow(List<String> names) {
    for (String n : options.keySet()) {
      if (!names.contains(n)) {
        throw new ConfigException("Unknown option --" + n + " for '" + command + "'. " + Main.USAGE);
      }
    }
  }
}
