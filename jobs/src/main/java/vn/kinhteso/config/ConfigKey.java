package vn.kinhteso.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import vn.kinhteso.config.PipelineConfig.ConfigException;

/**
 * One configuration key: its name, type, default and meaning. Every key is declared in {@link
 * ConfigKeys}; {@link PipelineConfig#get(ConfigKey)} reads it.
 *
 * @param <T> the type the value is read as
 */
public final class ConfigKey<T> {
  /** How a key's text becomes its value. */
  enum Kind {
    TEXT("a text"),
    /** A file or folder: relative to the conf file's folder; URIs pass through. */
    LOCATION("a path"),
    WHOLE("a whole number"),
    NUMBER("a number"),
    FLAG("true or false"),
    LIST("a comma-separated list");

    final String expected;

    Kind(String expected) {
      this.expected = expected;
    }
  }

  private final String name;
  private final Kind kind;
  private final T defaultValue;
  private final String doc;
  private final Function<String, T> parse;

  private ConfigKey(String name, Kind kind, T defaultValue, String doc, Function<String, T> parse) {
    this.name = name;
    this.kind = kind;
    this.defaultValue = defaultValue;
    this.doc = doc;
    this.parse = parse;
  }

  static ConfigKey<String> text(String name, String dflt, String doc) {
    return new ConfigKey<>(name, Kind.TEXT, dflt, doc, Function.identity());
  }

  static ConfigKey<String> location(String name, String dflt, String doc) {
    return new ConfigKey<>(name, Kind.LOCATION, dflt, doc, Function.identity());
  }

  static ConfigKey<Integer> whole(String name, int dflt, String doc) {
    return new ConfigKey<>(name, Kind.WHOLE, dflt, doc, Integer::valueOf);
  }

  static ConfigKey<Long> wholeLong(String name, long dflt, String doc) {
    return new ConfigKey<>(name, Kind.WHOLE, dflt, doc, Long::valueOf);
  }

  static ConfigKey<Double> number(String name, double dflt, String doc) {
    return new ConfigKey<>(name, Kind.NUMBER, dflt, doc, Double::valueOf);
  }

  static ConfigKey<Boolean> flag(String name, boolean dflt, String doc) {
    return new ConfigKey<>(
        name,
        Kind.FLAG,
        dflt,
        doc,
        v ->
            switch (v.toLowerCase(Locale.ROOT)) {
              case "true" -> true;
              case "false" -> false;
              default -> throw new IllegalArgumentException(v);
            });
  }

  static ConfigKey<List<String>> list(String name, String dflt, String doc) {
    return new ConfigKey<>(name, Kind.LIST, parseList(dflt), doc, ConfigKey::parseList);
  }

  private static List<String> parseList(String v) {
    return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public String name() {
    return name;
  }

  /** The value when the key is unset or empty; null for a key that has none. */
  public T defaultValue() {
    return defaultValue;
  }

  public String doc() {
    return doc;
  }

  Kind kind() {
    return kind;
  }

  /** The value of {@code text}, or a {@link ConfigException} that names the key and the type. */
  T parse(String text) {
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "Cannot use " + name + ": expected " + kind.expected + ", got '" + text + "'");
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
