package smarthome.producer.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Argument errors are caught before any connection is made: usage and exit code 2. */
class SimulatorCliTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "backfill --devices 0", "backfill --devices x", "backfill --interval 5", "backfill --hours 0",
      "backfill --end yesterday", "backfill --types toaster", "backfill --unknown",
      "simulate --rate fast", "simulate --duration 0s", "simulate --image-every never",
      "simulate --devices -3", "frobnicate", ""})
  void invalidArgumentsExitWithTwo(String args) {
    String[] argv = args.isEmpty() ? new String[0] : args.split(" ");
    assertEquals(2, SimulatorCli.execute(argv), args);
  }

  @Test
  void helpExitsWithZero() {
    assertEquals(0, SimulatorCli.execute("--help"));
    assertEquals(0, SimulatorCli.execute("backfill", "--help"));
    assertEquals(0, SimulatorCli.execute("simulate", "--help"));
  }
}
