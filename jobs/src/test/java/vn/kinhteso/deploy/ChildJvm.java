package vn.kinhteso.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the tests start (a server, a Spark daemon, a driver): its own process, output to a log
 * file, killed on {@link #close()} and, should the test JVM die first, by a shutdown hook.
 */
final class ChildJvm implements AutoCloseable {
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    RUNNING.forEach(
                        p -> {
                          p.descendants().forEach(ProcessHandle::destroyForcibly);
                          p.destroyForcibly();
                        })));
  }

  final String name;
  final Path log;
  final Process process;

  private ChildJvm(String name, Path log, Process process) {
    this.name = name;
    this.log = log;
    this.process = process;
  }

  /** {@code java <jvmArgs> <args>} with {@code env} added to this JVM's environment. */
  static ChildJvm start(
      String name, Path logDir, List<String> jvmArgs, List<String> args, Map<String, String> env) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.addAll(args);
    Path log = logDir.resolve(name + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      RUNNING.add(p);
      return new ChildJvm(name, log, p);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name, e);
    }
  }

  /**
   * Spark on Java 17 needs the --add-opens of conf/spark-java17.args (its path passed by failsafe).
   */
  static List<String> sparkOpens() {
    try {
      String file = System.getProperty("kinhteso.spark.opens.file", "");
      return Arrays.asList(
          Files.readString(Path.of(file), StandardCharsets.UTF_8).trim().split("\\s+"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the Spark opens file", e);
    }
  }

  /** Waits for the process to end; its exit code. */
  int waitFor(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      close();
      throw new AssertionError(
          name + " did not finish within " + seconds + " s; its log:\n" + tail(80));
    }
    RUNNING.remove(process);
    return process.exitValue();
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  String tail(int lines) {
    List<String> all = output().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** Waits until something accepts connections on the port, or fails with the child's log. */
  void awaitPort(int port, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            name + " exited with " + process.exitValue() + "; its log:\n" + tail(60));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        Thread.sleep(250);
      }
    }
    throw new AssertionError(
        name + " does not listen on " + port + " after " + seconds + " s; its log:\n" + tail(60));
  }

  /** Waits until the log contains {@code text}. */
  void awaitLog(String text, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (output().contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(name + " never logged '" + text + "'; its log:\n" + tail(60));
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    // A Worker's executors are its children: they go too.
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    children.forEach(ProcessHandle::destroyForcibly);
    RUNNING.remove(process);
  }
}
