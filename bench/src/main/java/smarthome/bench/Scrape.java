package smarthome.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads figures off a Prometheus text endpoint (the worker's /metrics). */
public final class Scrape {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI uri;

  public Scrape(int port) {
    this.uri = URI.create("http://127.0.0.1:" + port + "/metrics");
  }

  /** The text, or null while the endpoint is not up yet. */
  public String text() {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** The sum of every sample of a metric whose labels contain all the given label pairs. */
  public static double sum(String text, String metric, String... labels) {
    if (text == null) {
      return 0;
    }
    double sum = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(metric)) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      String head = line.substring(0, space);
      String name = head.contains("{") ? head.substring(0, head.indexOf('{')) : head;
      if (!name.equals(metric)) {
        continue;
      }
      boolean all = true;
      for (String l : labels) {
        all &= head.contains(l);
      }
      if (all) {
        sum += Double.parseDouble(line.substring(space + 1));
      }
    }
    return sum;
  }
}
