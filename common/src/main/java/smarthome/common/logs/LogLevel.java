package smarthome.common.logs;

import java.util.Optional;

/** Log levels on the wire, upper case. */
public enum LogLevel {
  DEBUG, INFO, WARN, ERROR;

  public static Optional<LogLevel> fromWire(String s) {
    for (LogLevel l : values()) {
      if (l.name().equals(s)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }
}
