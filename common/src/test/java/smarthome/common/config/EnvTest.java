package smarthome.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvTest {
  @Test
  void parsesCommentsExportQuotesAndInlineComments() {
    Map<String, String> m = Env.parse(".env", List.of(
        "# a comment", "", "export A=1", "B = two words  # note", "C='lit # \\n'",
        "D=\"x\\ny\\\"z\"", "E="));
    assertEquals("1", m.get("A"));
    assertEquals("two words", m.get("B"));
    assertEquals("lit # \\n", m.get("C"));
    assertEquals("x\ny\"z", m.get("D"));
    assertEquals("", m.get("E"));
  }

  @Test
  void malformedLineNamesFileAndLineButNotTheValue() {
    var e = assertThrows(ConfigError.class,
        () -> Env.parse(".env", List.of("OK=1", "not a pair s3cr3t")));
    assertEquals(".env line 2: expected KEY=value", e.getMessage());
    var q = assertThrows(ConfigError.class, () -> Env.parse(".env", List.of("P=\"s3cr3t")));
    assertFalse(q.getMessage().contains("s3cr3t"));
  }

  @Test
  void realEnvironmentWinsOverTheFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve(".env");
    Files.writeString(f, "POSTGRES_HOST=from-file\nPOSTGRES_DB=filedb\n");
    Map<String, String> m = Env.load(f, Map.of("POSTGRES_HOST", "from-env"));
    assertEquals("from-env", m.get("POSTGRES_HOST"));
    assertEquals("filedb", m.get("POSTGRES_DB"));
  }

  @Test
  void missingFileIsFine(@TempDir Path dir) {
    assertTrue(Env.load(dir.resolve(".env"), Map.of("A", "1")).containsKey("A"));
  }
}
