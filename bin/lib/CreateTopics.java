// Creates the pipeline's topics on the local stack's broker; existing topics are left alone.
// Run by bin/stack as a single-file program: java -cp <kafka class path> CreateTopics.java ...
// Arguments: [--command-config <client .properties>] <bootstrap> <partitions> <wait-seconds> then
// one "name config=value,config=value" each. The properties file holds the login of a secure stack.
// Replicas and min.insync.replicas are the brokers' defaults (bin/stack sets them from the node
// count); on a cluster whose brokers are still registering, creation is retried until the wait ends.
import java.io.*;
import java.util.*;
import java.util.concurrent.*;
import org.apache.kafka.clients.admin.*;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TopicExistsException;

public class CreateTopics {
  public static void main(String[] argv) throws Exception {
    Properties p = new Properties();
    List<String> rest = new ArrayList<>(Arrays.asList(argv));
    if (!rest.isEmpty() && rest.get(0).equals("--command-config")) {
      try (Reader r = new FileReader(rest.get(1))) {
        p.load(r);
      }
      rest = rest.subList(2, rest.size());
    }
    String[] args = rest.toArray(new String[0]);
    String bootstrap = args[0];
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[2]));
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    try (Admin admin = Admin.create(p)) {
      Set<String> existing = null;
      while (existing == null) {
        try {
          existing = new HashSet<>(admin.listTopics().names().get(5, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
          if (System.nanoTime() > deadline) {
            System.err.println("Kafka at " + bootstrap + " did not answer: " + e);
            System.exit(1);
          }
          Thread.sleep(300);
        }
      }
      while (!create(admin, args, existing, deadline)) {
        Thread.sleep(500);
      }
    }
  }

  /** False when too few brokers are registered yet for the default replication factor. */
  static boolean create(Admin admin, String[] args, Set<String> existing, long deadline)
      throws Exception {
    int partitions = Integer.parseInt(args[1]);
    List<NewTopic> wanted = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      String[] parts = args[i].split(" ", 2);
      Map<String, String> configs = new HashMap<>();
      if (parts.length > 1) {
        for (String kv : parts[1].split(",")) {
          String[] pair = kv.split("=", 2);
          configs.put(pair[0], pair[1]);
        }
      }
      if (!existing.contains(parts[0])) {
        wanted.add(new NewTopic(parts[0], Optional.of(partitions), Optional.empty()).configs(configs));
      }
    }
    for (var e : admin.createTopics(wanted).values().entrySet()) {
      try {
        e.getValue().get(30, TimeUnit.SECONDS);
        System.out.println("created topic " + e.getKey());
        existing.add(e.getKey());
      } catch (ExecutionException ex) {
        if (ex.getCause() instanceof InvalidReplicationFactorException
            && System.nanoTime() < deadline) {
          return false;
        }
        if (!(ex.getCause() instanceof TopicExistsException)) {
          System.err.println("cannot create " + e.getKey() + ": " + ex.getCause());
          System.exit(1);
        }
      }
    }
    return true;
  }
}
