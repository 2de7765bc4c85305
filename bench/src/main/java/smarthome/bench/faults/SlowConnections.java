package smarthome.bench.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Connections that trickle their request headers a byte at a time, all from one thread: each gets
 * its next byte at an even pace, so the request is complete at about 80 % of the run (inside the
 * API's 30 s idle timeout between bytes). Their answers, read at the end, go to the tally; a
 * connection the server closed is counted apart (a defence, not an answer).
 */
final class SlowConnections implements AutoCloseable {
  final Tally tally = new Tally("slow");
  int closed;
  private final List<Socket> sockets = new ArrayList<>();
  private final List<Integer> sent = new ArrayList<>();
  private final byte[] request;

  SlowConnections(URI base, int count) throws IOException {
    request = ("GET /devices?limit=1 HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer "
        + ApiProcess.READ + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < count; i++) {
      Socket s = new Socket(base.getHost(), base.getPort());
      s.setSoTimeout(10_000);
      sockets.add(s);
      sent.add(0);
    }
  }

  /** Trickles the headers over the seconds given, in the calling thread. */
  void trickle(int seconds) throws InterruptedException {
    long pauseMs = Math.max(1, seconds * 800L / request.length);
    for (int b = 0; b < request.length; b++) {
      for (int i = 0; i < sockets.size(); i++) {
        if (sent.get(i) != b) {
          continue; // closed by the server earlier
        }
        try {
          OutputStream out = sockets.get(i).getOutputStream();
          out.write(request[b]);
          out.flush();
          sent.set(i, b + 1);
        } catch (IOException e) {
          closed++;
        }
      }
      Thread.sleep(pauseMs);
    }
  }

  /** Reads each answer's status line and headers (the request said Connection: close). */
  void collect() {
    for (int i = 0; i < sockets.size(); i++) {
      if (sent.get(i) < request.length) {
        continue;
      }
      try {
        var in = new BufferedReader(new InputStreamReader(sockets.get(i).getInputStream(), StandardCharsets.US_ASCII));
        String status = in.readLine();
        if (status == null) {
          closed++;
          continue;
        }
        boolean retryAfter = false;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
          retryAfter |= line.toLowerCase(Locale.ROOT).startsWith("retry-after:");
        }
        String[] parts = status.split(" ");
        tally.answer("slow GET /devices", parts.length > 1 ? Integer.parseInt(parts[1]) : 0, retryAfter);
      } catch (IOException | NumberFormatException e) {
        tally.noAnswer("slow GET /devices", e);
      }
    }
  }

  @Override
  public void close() {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
