package smarthome.bench.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One image upload over a plain socket, as curl sends it: the body in 64 KiB chunks from the
 * shared array, and an answer that arrives early (a 429 before the body was read) is read at once
 * instead of pushing the rest. Not the JDK client: with Expect: 100-continue its Java 17.0.15
 * build hangs for good on a final answer other than 100 (JDK-8286171, fixed in 17.0.17), and
 * without it, it cannot hear an early answer while it sends.
 */
final class SocketUpload {
  private static final int CHUNK = 64 * 1024;

  record Answer(int status, boolean retryAfter, String body) {}

  private SocketUpload() {}

  static Answer send(URI base, String path, String key, String contentType, byte[] body) throws IOException {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(60_000);
      String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer " + key
          + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length
          + "\r\nConnection: close\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      try {
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        for (int off = 0; off < body.length && in.available() == 0; off += CHUNK) {
          out.write(body, off, Math.min(CHUNK, body.length - off));
        }
        out.flush();
      } catch (IOException e) {
        // the server answered and closed before the body was through: its answer may still be there
      }
      return read(in);
    }
  }

  private static Answer read(InputStream raw) throws IOException {
    var in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8));
    String status = in.readLine();
    while (status != null && status.startsWith("HTTP/1.1 100")) {
      in.readLine();
      status = in.readLine();
    }
    if (status == null) {
      throw new IOException("connection closed without an answer");
    }
    boolean retryAfter = false;
    int length = 0;
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      String l = line.toLowerCase(Locale.ROOT);
      retryAfter |= l.startsWith("retry-after:");
      if (l.startsWith("content-length:")) {
        length = Integer.parseInt(l.substring(15).strip());
      }
    }
    char[] buf = new char[Math.min(length, 64 * 1024)];
    int read = 0;
    while (read < buf.length) {
      int n = in.read(buf, read, buf.length - read);
      if (n < 0) {
        break;
      }
      read += n;
    }
    String[] parts = status.split(" ");
    return new Answer(Integer.parseInt(parts[1]), retryAfter, new String(buf, 0, read));
  }
}
