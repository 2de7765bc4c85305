// Grants the secure stack's ACLs; granting one that exists already changes nothing.
// Run by bin/stack as a single-file program: java -cp <kafka class path> CreateAcls.java ...
// Arguments: <client .properties with a super user's login> <bootstrap> then one
// "principal resourceType patternType name OPERATION,OPERATION" each, e.g.
// "User:producer TOPIC LITERAL smarthome.readings WRITE,DESCRIBE".
import java.io.*;
import java.util.*;
import java.util.concurrent.*;
import org.apache.kafka.clients.admin.*;
import org.apache.kafka.common.acl.*;
import org.apache.kafka.common.resource.*;

public class CreateAcls {
  public static void main(String[] args) throws Exception {
    Properties p = new Properties();
    try (Reader r = new FileReader(args[0])) {
      p.load(r);
    }
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[1]);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    List<AclBinding> bindings = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      String[] f = args[i].trim().split("\\s+");
      if (f.length != 5) {
        System.err.println("bad ACL line: " + args[i]);
        System.exit(2);
      }
      ResourcePattern resource = new ResourcePattern(ResourceType.fromString(f[1]), f[3],
          PatternType.fromString(f[2]));
      for (String op : f[4].split(",")) {
        AclOperation operation = AclOperation.fromString(op);
        if (operation == AclOperation.UNKNOWN) {
          System.err.println("unknown operation " + op + " in: " + args[i]);
          System.exit(2);
        }
        bindings.add(new AclBinding(resource,
            new AccessControlEntry(f[0], "*", operation, AclPermissionType.ALLOW)));
      }
    }
    try (Admin admin = Admin.create(p)) {
      admin.createAcls(bindings).all().get(60, TimeUnit.SECONDS);
      System.out.println("granted " + bindings.size() + " ACL entries");
    } catch (ExecutionException e) {
      System.err.println("cannot create the ACLs: " + e.getCause());
      System.exit(1);
    }
  }
}
