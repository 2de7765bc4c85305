package smarthome.bench.faults;

/** One scenario's figures and verdict, a row of the table. */
public record Outcome(String scenario, long sent, long stored, long lost, long duplicated,
    double recoverSeconds, boolean passed, String note) {

  public static Outcome of(String scenario, long sent, long stored, double recover, boolean extraOk, String note) {
    long lost = Math.max(0, sent - stored);
    long dup = Math.max(0, stored - sent);
    return new Outcome(scenario, sent, stored, lost, dup, recover, lost == 0 && dup == 0 && extraOk, note);
  }
}
