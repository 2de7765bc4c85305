package smarthome.bench;

/**
 * The exact counts of one drain: what Kafka holds (published), what InfluxDB holds (stored) and
 * what the workers' counters say InfluxDB acknowledged (written). A point is its series and time,
 * so InfluxDB cannot hold one reading twice: a reading written again (its batch's commit was
 * skipped in a rebalance, then the new owner read it again) overwrites itself. That is counted
 * as rewritten, apart from readings lost or points beyond those published.
 */
record DrainCounts(long published, long stored, long written) {
  /** Published readings InfluxDB does not hold. */
  long lost() {
    return Math.max(0, published - stored);
  }

  /** Points InfluxDB holds beyond the published readings (a reading stored under a second identity). */
  long duplicated() {
    return Math.max(0, stored - published);
  }

  /** Acknowledged writes beyond one per stored point: readings written again on top of themselves. */
  long rewritten() {
    return written - stored;
  }

  boolean exact() {
    return stored == published;
  }
}
