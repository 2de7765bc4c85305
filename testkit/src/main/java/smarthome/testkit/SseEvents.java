package smarthome.testkit;

import java.util.Optional;

/**
 * Assembles Server-Sent Events from the lines of a {@code text/event-stream} body, as the HTML
 * standard's event-stream interpretation does: {@code field:value} with one optional space after
 * the colon, {@code data} lines joined by newlines, comments (a leading colon) ignored, and an
 * event dispatched at a blank line when it carried data. Not thread-safe: one per stream.
 */
public final class SseEvents {
  /** One event; name is "message" unless the stream named it, id null when it had none. */
  public record Event(String name, String id, String data) {}

  private String name;
  private String id;
  private StringBuilder data;

  /** Feeds one line (without its line ending); the event it completes, if any. */
  public Optional<Event> line(String line) {
    if (line.isEmpty()) {
      Optional<Event> done = data == null ? Optional.empty()
          : Optional.of(new Event(name == null ? "message" : name, id, data.toString()));
      name = null;
      id = null;
      data = null;
      return done;
    }
    if (line.startsWith(":")) {
      return Optional.empty();
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "event" -> name = value;
      case "id" -> id = value;
      case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      default -> { } // retry and unknown fields mean nothing to a test or bench client
    }
    return Optional.empty();
  }
}
