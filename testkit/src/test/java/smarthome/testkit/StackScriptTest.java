package smarthome.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import smarthome.common.kafka.TopicSpec;
import smarthome.common.kafka.Topics;

/**
 * bin/stack, which this module drives, checked against the topics common declares; here because
 * common's own tests cannot use this module (Maven refuses the cycle common -> testkit -> common).
 */
class StackScriptTest {
  /** bin/stack creates the topics before any code runs; its table must say what Topics says. */
  @Test
  void declaresTheSameTopicsAndConfigsAsTopics() throws Exception {
    String script = Files.readString(Repo.root().resolve("bin/stack"));
    Map<String, String> vars = new HashMap<>();
    Matcher v = Pattern.compile("(?m)^([A-Z_]+)=([0-9]+)$").matcher(script);
    while (v.find()) {
      vars.put(v.group(1), v.group(2));
    }
    String table = script.substring(script.indexOf("TOPICS=("), script.indexOf(")", script.indexOf("TOPICS=(")));
    Map<String, Map<String, String>> declared = new TreeMap<>();
    Matcher line = Pattern.compile("\"([a-z.-]+) ([^\"]+)\"").matcher(table);
    while (line.find()) {
      Map<String, String> cfg = new TreeMap<>();
      for (String kv : line.group(2).split(",")) {
        String[] p = kv.split("=", 2);
        String value = p[1].startsWith("$") ? vars.get(p[1].substring(1)) : p[1];
        cfg.put(p[0], value);
      }
      declared.put(line.group(1), cfg);
    }
    Map<String, Map<String, String>> expected = new TreeMap<>();
    for (TopicSpec<?> t : Topics.all()) {
      expected.put(t.name(), new TreeMap<>(t.configs()));
    }
    assertTrue(!declared.isEmpty());
    assertEquals(expected, declared);
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(declared.keySet()));
  }
}
