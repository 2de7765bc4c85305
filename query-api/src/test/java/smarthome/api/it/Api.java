package smarthome.api.it;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import smarthome.api.ApiConfig;
import smarthome.api.Application;
import smarthome.common.testing.TestStack;
import smarthome.ingest.app.IngestConfig;
import smarthome.ingest.app.Worker;

/**
 * The API on a free port, configured like production from the test stack's settings, with the
 * real ingest worker running beside it (in this JVM), and a plain HTTP client.
 */
final class Api implements AutoCloseable {
  static final String ADMIN = "it-admin-key-0001";
  static final String WRITE = "it-write-key-0001";
  static final String READ = "it-read-key-00001";

  private final ApplicationContext ctx;
  private final Worker worker;
  private final Thread workerThread;
  final URI base;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Api(ApplicationContext ctx, Worker worker, Thread workerThread, URI base) {
    this.ctx = ctx;
    this.worker = worker;
    this.workerThread = workerThread;
    this.base = base;
  }

  static Api start() throws Exception {
    Map<String, String> env = new HashMap<>(TestStack.env());
    env.put("API_KEYS", "admin:" + ADMIN + ",write:" + WRITE + ",read:" + READ);
    env.put("API_PORT", "0");
    env.put("API_MAX_RAW_POINTS", "200"); // small, so the cap is reachable with little data
    ApiConfig config = ApiConfig.parse(env);
    Map<String, Object> props = new HashMap<>(Application.properties(config));
    props.put("micronaut.server.port", -1);
    ApplicationContext ctx = ApplicationContext.builder().properties(props).singletons(config).start();
    EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();

    Map<String, String> wenv = new HashMap<>(TestStack.env());
    wenv.put("INGEST_GROUP_PREFIX", "it-api");
    wenv.put("INGEST_LINGER_MS", "50");
    wenv.put("INGEST_BACKOFF_MAX_MS", "1000");
    Worker worker = new Worker(IngestConfig.parse(wenv, "readings,devices,logs,images", -1));
    worker.start();
    Thread t = new Thread(() -> {
      try {
        worker.awaitStop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "it-worker");
    t.start();
    return new Api(ctx, worker, t, URI.create("http://127.0.0.1:" + server.getPort()));
  }

  HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
    return send(request(path, key).GET().build());
  }

  HttpResponse<String> delete(String path, String key) throws IOException, InterruptedException {
    return send(request(path, key).DELETE().build());
  }

  HttpResponse<String> post(String path, String key) throws IOException, InterruptedException {
    return send(request(path, key).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  HttpResponse<byte[]> getBytes(String path, String key) throws IOException, InterruptedException {
    return http.send(request(path, key).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpRequest.Builder request(String path, String key) {
    // no URI.resolve: it would normalise "/devices/.." away before the server sees it
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return b;
  }

  HttpResponse<String> send(HttpRequest r) throws IOException, InterruptedException {
    return http.send(r, HttpResponse.BodyHandlers.ofString());
  }

  /** A multipart/form-data body with one file part. */
  static HttpRequest.BodyPublisher multipart(String boundary, String field, String filename,
      String contentType, byte[] bytes) {
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field
        + "\"; filename=\"" + filename + "\"\r\nContent-Type: " + contentType + "\r\n\r\n";
    String tail = "\r\n--" + boundary + "--\r\n";
    byte[] h = head.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] t = tail.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] all = new byte[h.length + bytes.length + t.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(bytes, 0, all, h.length, bytes.length);
    System.arraycopy(t, 0, all, h.length + bytes.length, t.length);
    return HttpRequest.BodyPublishers.ofByteArray(all);
  }

  HttpResponse<String> upload(String deviceId, String key, String filename, String type, byte[] bytes)
      throws IOException, InterruptedException {
    String boundary = "----it" + System.nanoTime();
    return send(request("/devices/" + deviceId + "/images", key)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(multipart(boundary, "file", filename, type, bytes)).build());
  }

  /**
   * An upload over a plain socket that reads the answer while the body is still being sent, as
   * curl does; the JDK client would instead block sending a body the server no longer reads.
   * Returns the status line and the response body.
   */
  String[] rawUpload(String deviceId, String key, byte[] fileBytes) throws Exception {
    String boundary = "----raw" + System.nanoTime();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    multipart(boundary, "file", "big.jpg", "image/jpeg", fileBytes).subscribe(new java.util.concurrent.Flow.Subscriber<>() {
      public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      public void onNext(java.nio.ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        body.write(a, 0, a.length);
      }

      public void onError(Throwable t) {}

      public void onComplete() {}
    });
    byte[] payload = body.toByteArray();
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", base.getPort())) {
      socket.setSoTimeout(30_000);
      String head = "POST /devices/" + deviceId + "/images HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Authorization: Bearer " + key + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
          + "\r\nContent-Length: " + payload.length + "\r\n\r\n";
      var out = socket.getOutputStream();
      out.write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      Thread writer = new Thread(() -> {
        try {
          out.write(payload);
        } catch (IOException ignored) {
          // the server may answer and stop reading before the body is through
        }
      });
      writer.setDaemon(true);
      writer.start();
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          java.nio.charset.StandardCharsets.UTF_8));
      String status = in.readLine();
      while (status != null && status.startsWith("HTTP/1.1 100")) {
        in.readLine(); // the blank line after 100 Continue
        status = in.readLine();
      }
      int length = 0;
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).strip());
        }
      }
      char[] buf = new char[length];
      int read = 0;
      while (read < length) {
        int n = in.read(buf, read, length - read);
        if (n < 0) {
          break;
        }
        read += n;
      }
      return new String[] {status, new String(buf, 0, read)};
    }
  }

  @Override
  public void close() throws InterruptedException {
    worker.stop();
    workerThread.join(30_000);
    worker.close();
    ctx.close();
  }
}
