package smarthome.bench.faults;

/**
 * One scenario's figures and verdict, a row of the table. {@code acknowledged} is what Kafka
 * acknowledged of the sends (the same as sent where every send waits for it): lost counts against
 * it, never against sends a client was told failed.
 */
public record Outcome(String scenario, long sent, long acknowledged, long stored, long lost,
    long duplicated, double recoverSeconds, boolean passed, String note) {

  /** A row where everything sent was acknowledged before the fault began. */
  public Outcome(String scenario, long sent, long stored, long lost, long duplicated,
      double recoverSeconds, boolean passed, String note) {
    this(scenario, sent, sent, stored, lost, duplicated, recoverSeconds, passed, note);
  }

  public static Outcome of(String scenario, long sent, long stored, double recover, boolean extraOk, String note) {
    long lost = Math.max(0, sent - stored);
    long dup = Math.max(0, stored - sent);
    return new Outcome(scenario, sent, stored, lost, dup, recover, lost == 0 && dup == 0 && extraOk, note);
  }
}
