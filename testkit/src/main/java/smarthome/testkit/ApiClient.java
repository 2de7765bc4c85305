package smarthome.testkit;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLContext;

/** HTTP(S) calls to the query API with a key, the way a dashboard or curl makes them. */
public class ApiClient {
  public final URI base;
  public final HttpClient http;

  public ApiClient(URI base) {
    this.base = base;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** An https client that trusts what {@code tls} trusts (the stack's CA), like curl --cacert. */
  public ApiClient(URI base, SSLContext tls) {
    this.base = base;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(tls).build();
  }

  /** A request with {@code Authorization: Bearer KEY} (none when the key is null). */
  public HttpRequest.Builder request(String path, String key) {
    // no URI.resolve: it would normalise "/devices/.." away before the server sees it
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return b;
  }

  /** A request without a body, e.g. {@code send("DELETE", "/devices/x", adminKey)}. */
  public HttpResponse<String> send(String method, String path, String key) throws IOException, InterruptedException {
    return send(request(path, key).method(method, HttpRequest.BodyPublishers.noBody()).build());
  }

  public HttpResponse<String> send(HttpRequest r) throws IOException, InterruptedException {
    return http.send(r, HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
    return send("GET", path, key);
  }

  public HttpResponse<String> delete(String path, String key) throws IOException, InterruptedException {
    return send("DELETE", path, key);
  }

  public HttpResponse<String> post(String path, String key) throws IOException, InterruptedException {
    return send("POST", path, key);
  }

  public HttpResponse<byte[]> getBytes(String path, String key) throws IOException, InterruptedException {
    return http.send(request(path, key).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Polls GET /health until it answers 200; fails when the server process exits or two minutes pass. */
  public void awaitHealthy(JavaProcess server) throws InterruptedException {
    // two minutes: on a loaded 2-core machine the API has taken over 50 s to start beside a worker
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (!server.alive()) {
        throw new IllegalStateException("the API exited; see " + server.log);
      }
      try {
        if (get("/health", null).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the API did not become healthy; see " + server.log);
  }

  /** A multipart/form-data body with one file part. */
  public static byte[] multipart(String boundary, String field, String filename, String contentType, byte[] bytes) {
    byte[] h = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
        + filename + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] t = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[h.length + bytes.length + t.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(bytes, 0, all, h.length, bytes.length);
    System.arraycopy(t, 0, all, h.length + bytes.length, t.length);
    return all;
  }

  /** POST /devices/{id}/images with the bytes as the multipart field {@code file}. */
  public HttpResponse<String> upload(String deviceId, String key, String filename, String type, byte[] bytes)
      throws IOException, InterruptedException {
    String boundary = "----it" + System.nanoTime();
    return send(request("/devices/" + deviceId + "/images", key)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, "file", filename, type, bytes))).build());
  }

  /**
   * An image upload over a plain socket that reads the answer while the body is still being sent,
   * as curl does; the JDK client would instead block sending a body the server no longer reads.
   * Returns the status line and the response body.
   */
  public String[] rawUpload(String deviceId, String key, byte[] fileBytes) throws IOException {
    String boundary = "----raw" + System.nanoTime();
    byte[] payload = multipart(boundary, "file", "big.jpg", "image/jpeg", fileBytes);
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      String head = "POST /devices/" + deviceId + "/images HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
          + "Authorization: Bearer " + key + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
          + "\r\nContent-Length: " + payload.length + "\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      Thread writer = new Thread(() -> {
        try {
          out.write(payload);
        } catch (IOException ignored) {
          // the server may answer and stop reading before the body is through
        }
      });
      writer.setDaemon(true);
      writer.start();
      var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String status = in.readLine();
      while (status != null && status.startsWith("HTTP/1.1 100")) {
        in.readLine(); // the blank line after 100 Continue
        status = in.readLine();
      }
      int length = 0;
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
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

  /** The head of an image upload to {@code deviceId}, for {@link #sendAllThenRead}. */
  public static String uploadHead(String deviceId, String key, String boundary, long length,
      boolean expectContinue) {
    return "POST /devices/" + deviceId + "/images HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
        + key + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
        + "\r\nContent-Length: " + length + (expectContinue ? "\r\nExpect: 100-continue" : "")
        + "\r\n\r\n";
  }

  /**
   * Sends the head and the whole body (if any) before reading anything, as Python's urllib does,
   * then reads the answer until its JSON body ends or the server closes the connection.
   */
  public String sendAllThenRead(String head, byte[] body) throws IOException {
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(60_000);
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        answer.write(buf, 0, n);
        String a = answer.toString(StandardCharsets.UTF_8);
        if (a.contains("\r\n\r\n{") && a.endsWith("}")) {
          break;
        }
      }
      return answer.toString(StandardCharsets.UTF_8);
    }
  }
}
