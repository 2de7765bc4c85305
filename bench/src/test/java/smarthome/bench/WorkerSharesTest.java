package smarthome.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class WorkerSharesTest {
  private static SortedSet<Integer> set(Integer... ps) {
    return new TreeSet<>(List.of(ps));
  }

  @Test
  void membersAreGroupedByThePidInTheirClientIdNotByAPidThatMerelyStartsTheSame() {
    List<WorkerShares.Member> members = List.of(
        new WorkerShares.Member("bench-scale2-1-readings-123-0", List.of(0, 1)),
        new WorkerShares.Member("bench-scale2-1-readings-123-1", List.of(2)),
        new WorkerShares.Member("bench-scale2-1-readings-1234-0", List.of(3, 4)),
        new WorkerShares.Member("bench-scale2-1-readings-1234-1", List.of(5)));
    Map<Long, SortedSet<Integer>> shares = WorkerShares.byProcess(members, List.of(1234L, 123L));
    assertEquals(List.of(1234L, 123L), List.copyOf(shares.keySet()), "in the order of the pids");
    assertEquals(set(3, 4, 5), shares.get(1234L));
    assertEquals(set(0, 1, 2), shares.get(123L));
    assertEquals("w1=[3, 4, 5] w2=[0, 1, 2]", WorkerShares.describe(shares));
    assertEquals(Map.of("w1", List.of(3, 4, 5), "w2", List.of(0, 1, 2)), WorkerShares.named(shares));
    assertTrue(WorkerShares.everyoneServes(shares, 6));
  }

  @Test
  void aProcessWithoutPartitionsOrAPartitionWithoutOwnerIsNotYetServing() {
    List<WorkerShares.Member> joining = List.of(new WorkerShares.Member("p-readings-7-0", List.of(0, 1, 2, 3, 4, 5)),
        new WorkerShares.Member("p-readings-8-0", List.of()));
    Map<Long, SortedSet<Integer>> shares = WorkerShares.byProcess(joining, List.of(7L, 8L));
    assertEquals(set(), shares.get(8L));
    assertFalse(WorkerShares.everyoneServes(shares, 6));
    Map<Long, SortedSet<Integer>> revoking = WorkerShares.byProcess(List.of(
        new WorkerShares.Member("p-readings-7-0", List.of(0, 1)),
        new WorkerShares.Member("p-readings-8-0", List.of(3, 4, 5))), List.of(7L, 8L));
    assertFalse(WorkerShares.everyoneServes(revoking, 6), "partition 2 is held by nobody");
  }

  @Test
  void consumerThreadsPerProcessLeaveNoProcessWithoutAPartition() {
    assertEquals(3, WorkerShares.consumersPerProcess(6, 1, 3));
    assertEquals(3, WorkerShares.consumersPerProcess(6, 2, 3));
    assertEquals(2, WorkerShares.consumersPerProcess(6, 3, 3), "3 x 3 threads on 6 partitions would idle 3");
    assertEquals(1, WorkerShares.consumersPerProcess(6, 8, 3), "more processes than partitions: some idle");
  }

  @Test
  void countsSayWhatWasLostStoredTwiceOrOnlyWrittenAgain() {
    DrainCounts exact = new DrainCounts(1000, 1000, 1000);
    assertTrue(exact.exact());
    assertEquals(0, exact.rewritten());
    DrainCounts lost = new DrainCounts(1000, 990, 990);
    assertEquals(10, lost.lost());
    assertEquals(0, lost.duplicated());
    assertFalse(lost.exact());
    DrainCounts extra = new DrainCounts(1000, 1003, 1003);
    assertEquals(0, extra.lost());
    assertEquals(3, extra.duplicated());
    assertFalse(extra.exact());
    DrainCounts again = new DrainCounts(1000, 1000, 1200);
    assertEquals(0, again.lost());
    assertEquals(0, again.duplicated());
    assertEquals(200, again.rewritten(), "a batch written again after a rebalance overwrites itself");
    assertTrue(again.exact(), "InfluxDB holds each reading once");
  }

  @Test
  void theGroupIsDoneWhenItCommittedTheEndOfEveryPartition() {
    TopicPartition p0 = new TopicPartition("t", 0);
    TopicPartition p1 = new TopicPartition("t", 1);
    Map<TopicPartition, Long> ends = Map.of(p0, 100L, p1, 50L);
    assertTrue(ConsumerGroups.reached(Map.of(p0, 100L, p1, 50L), ends));
    assertFalse(ConsumerGroups.reached(Map.of(p0, 100L, p1, 49L), ends));
    assertFalse(ConsumerGroups.reached(Map.of(p0, 100L), ends), "nothing committed on partition 1");
  }
}
