package smarthome.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventsTest {
  private static List<SseEvents.Event> parse(String... lines) {
    SseEvents p = new SseEvents();
    List<SseEvents.Event> out = new ArrayList<>();
    for (String l : lines) {
      p.line(l).ifPresent(out::add);
    }
    return out;
  }

  @Test
  void namedEventWithIdAndData() {
    assertEquals(List.of(new SseEvents.Event("reading", "b-42", "{\"a\":1}")),
        parse("event:reading", "id:b-42", "data:{\"a\":1}", ""));
  }

  @Test
  void oneSpaceAfterTheColonIsDroppedAndOnlyOne() {
    assertEquals(List.of(new SseEvents.Event("ready", null, "  x")), parse("event: ready", "data:   x", ""));
  }

  @Test
  void commentsAndEventsWithoutDataDispatchNothing() {
    assertTrue(parse(": stream open", "", "event:ready", "", ":heartbeat", "").isEmpty());
  }

  @Test
  void dataLinesAreJoinedAndUnnamedEventsAreMessages() {
    assertEquals(List.of(new SseEvents.Event("message", null, "one\ntwo")), parse("data:one", "data: two", ""));
  }

  @Test
  void fieldsDoNotLeakIntoTheNextEvent() {
    List<SseEvents.Event> got = parse("event:state", "id:1", "data:s", "", "data:m", "", "data:last");
    assertEquals(List.of(new SseEvents.Event("state", "1", "s"), new SseEvents.Event("message", null, "m")), got);
  }

  @Test
  void unknownFieldsAndAFieldWithoutColonAreIgnored() {
    assertEquals(List.of(new SseEvents.Event("message", null, "")), parse("retry:1000", "data", "foo:bar", ""));
  }
}
