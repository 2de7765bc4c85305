package smarthome.bench;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which worker process holds which partitions of a consumer group. The broker knows members, not
 * processes; a worker's consumers carry its pid in their client id ({@code prefix-sink-PID-index}),
 * which tells them apart.
 */
final class WorkerShares {
  /** A member of the group as the broker describes it. */
  record Member(String clientId, Collection<Integer> partitions) {}

  private WorkerShares() {}

  /** The partitions of each process (in the order of the pids, none for a process without any). */
  static Map<Long, SortedSet<Integer>> byProcess(Collection<Member> members, List<Long> pids) {
    Map<Long, SortedSet<Integer>> out = new java.util.LinkedHashMap<>();
    pids.forEach(pid -> out.put(pid, new TreeSet<>()));
    for (Member m : members) {
      for (Long pid : pids) {
        if (m.clientId().contains("-" + pid + "-")) {
          out.get(pid).addAll(m.partitions());
        }
      }
    }
    return out;
  }

  /** True once every process holds at least one partition and all partitions are held. */
  static boolean everyoneServes(Map<Long, SortedSet<Integer>> shares, int partitions) {
    SortedSet<Integer> all = new TreeSet<>();
    for (SortedSet<Integer> s : shares.values()) {
      if (s.isEmpty()) {
        return false;
      }
      all.addAll(s);
    }
    return all.size() == partitions;
  }

  /** Consumer threads per process so that every thread can own a partition, at most {@code max}. */
  static int consumersPerProcess(int partitions, int processes, int max) {
    return Math.max(1, Math.min(max, partitions / processes));
  }

  /** "w1=[0, 1, 2] w2=[3, 4, 5]": the processes numbered in the order of the pids. */
  static String describe(Map<Long, SortedSet<Integer>> shares) {
    StringBuilder b = new StringBuilder();
    int i = 1;
    for (SortedSet<Integer> s : shares.values()) {
      b.append(b.isEmpty() ? "" : " ").append('w').append(i++).append('=').append(s);
    }
    return b.toString();
  }

  /** The same shares keyed w1, w2, ... for the JSON. */
  static Map<String, List<Integer>> named(Map<Long, SortedSet<Integer>> shares) {
    Map<String, List<Integer>> out = new TreeMap<>();
    int i = 1;
    for (SortedSet<Integer> s : shares.values()) {
      out.put("w" + i++, List.copyOf(s));
    }
    return out;
  }
}
