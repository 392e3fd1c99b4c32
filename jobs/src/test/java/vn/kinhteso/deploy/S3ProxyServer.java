package vn.kinhteso.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * S3Proxy (filesystem backend) on 127.0.0.1 as its own JVM: a real S3 API, objects in a folder. The
 * jar is fetched by the build (target/s3proxy/s3proxy.jar).
 */
final class S3ProxyServer implements AutoCloseable {
  static final String ACCESS_KEY = "kinhteso-test-access";
  static final String SECRET_KEY = "kinhteso-test-secret-9f3a";

  final int port;
  final String endpoint;
  private final ChildJvm jvm;

  private S3ProxyServer(int port, ChildJvm jvm) {
    this.port = port;
    this.endpoint = "http://127.0.0.1:" + port;
    this.jvm = jvm;
  }

  /** Starts the server with the given buckets (folders of the backend). */
  static S3ProxyServer start(Path dir, List<String> buckets)
      throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("kinhteso.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "No S3Proxy jar at " + jar + ": run the tests with mvn verify");
    }
    Path data = Files.createDirectories(dir.resolve("objects"));
    for (String b : buckets) {
      Files.createDirectories(data.resolve(b));
    }
    int port = ChildJvm.freePort();
    Path props = dir.resolve("s3proxy.conf");
    Files.writeString(
        props,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + ACCESS_KEY,
            "s3proxy.credential=" + SECRET_KEY,
            "jclouds.provider=filesystem",
            "jclouds.filesystem.basedir=" + data,
            ""));
    ChildJvm jvm =
        ChildJvm.start(
            "s3proxy",
            dir,
            List.of("-Xmx512m", "-jar", jar.toString()),
            List.of("--properties", props.toString()),
            Map.of());
    try {
      jvm.awaitPort(port, 90);
    } catch (AssertionError | InterruptedException e) {
      jvm.close();
      throw e;
    }
    return new S3ProxyServer(port, jvm);
  }

  /** The profile's settings for this server, as spark-submit / bin/kinhteso take them. */
  List<String> confArgs() {
    return List.of(
        "--conf",
        "spark.hadoop.fs.s3a.endpoint=" + endpoint,
        "--conf",
        "spark.hadoop.fs.s3a.endpoint.region=us-east-1",
        "--conf",
        "spark.hadoop.fs.s3a.path.style.access=true");
  }

  /** Per-bucket keys for a Hadoop configuration shared with other tests. */
  void configureBucket(Configuration conf, String bucket) {
    String b = "fs.s3a.bucket." + bucket + ".";
    conf.set(b + "endpoint", endpoint);
    conf.set(b + "endpoint.region", "us-east-1");
    conf.set(b + "path.style.access", "true");
    conf.set(b + "access.key", ACCESS_KEY);
    conf.set(b + "secret.key", SECRET_KEY);
    conf.set(
        b + "aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    conf.set(b + "directory.marker.retention", "keep");
  }

  String log() {
    return jvm.tail(40);
  }

  @Override
  public void close() {
    jvm.close();
  }
}
