package smarthome.bench;

/**
 * The exact counts of one drain: what Kafka holds (published), what InfluxDB holds (stored, each
 * point once: a point written again with the same series and time overwrites itself) and what the
 * workers' counters say InfluxDB acknowledged (written).
 */
record DrainCounts(long published, long stored, long written) {
  /** Published readings InfluxDB does not hold. */
  long lost() {
    return published - stored;
  }

  /** Acknowledged writes beyond one per stored point: readings written twice, e.g. after a rebalance. */
  long duplicated() {
    return written - stored;
  }

  boolean exact() {
    return lost() == 0 && duplicated() == 0;
  }
}
