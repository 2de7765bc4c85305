package smarthome.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuUseTest {
  @Test
  void aServerCountedWithChildrenIncludesWhatItsChildProcessesBurned() throws Exception {
    long self = ProcessHandle.current().pid();
    double before = CpuUse.treeSeconds(self) - CpuUse.seconds(self);
    // a child of this JVM that burns CPU and exits: then it is in our cutime/cstime
    Process p = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 400000 ]; do i=$((i+1)); done")
        .inheritIO().start();
    assertEquals(0, p.waitFor());
    double after = CpuUse.treeSeconds(self) - CpuUse.seconds(self);
    assertTrue(after > before, "children's CPU " + before + " s, then " + after + " s");
  }

  @Test
  void microsecondsPerEventOfEachProcess() {
    Map<String, Double> used = Map.of("worker", 3.0, "influxdb", 1.5);
    assertEquals(3.0, CpuUse.microsPer(used, "worker", 1_000_000));
    assertEquals(1.5, CpuUse.microsPer(used, "influxdb", 1_000_000));
    assertTrue(Double.isNaN(CpuUse.microsPer(used, "kafka", 1_000_000)));
  }
}
