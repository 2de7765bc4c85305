package smarthome.api.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import smarthome.api.errors.TooManyRequestsException;

class SlotsTest {
  @Test
  void oneMoreThanTheSlotsIsRefusedWithRetryAfter() {
    Slots slots = new Slots("uploads", 2, 3);
    Slots.Permit a = slots.take();
    Slots.Permit b = slots.take();
    TooManyRequestsException e = assertThrows(TooManyRequestsException.class, slots::take);
    assertEquals(429, e.status().getCode());
    assertEquals(3, e.retryAfterSeconds());
    assertTrue(e.getMessage().contains("at most 2"), e.getMessage());
    a.close();
    slots.take().close();
    b.close();
    assertEquals(2, slots.available());
  }

  @Test
  void closingAPermitTwiceGivesBackOneSlot() {
    Slots slots = new Slots("uploads", 1, 1);
    Slots.Permit p = slots.take();
    p.close();
    p.close();
    assertEquals(1, slots.available());
    slots.take();
    assertThrows(TooManyRequestsException.class, slots::take);
  }
}
