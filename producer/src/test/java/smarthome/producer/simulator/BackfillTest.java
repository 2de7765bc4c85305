package smarthome.producer.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import smarthome.common.devices.DeviceCodec;
import smarthome.common.devices.DeviceIds;
import smarthome.common.devices.DeviceType;
import smarthome.common.images.ImageType;
import smarthome.common.images.Images;
import smarthome.common.logs.LogCodec;
import smarthome.common.readings.Reading;
import smarthome.common.readings.ReadingCodec;

class BackfillTest {
  static final Instant END = Instant.parse("2026-06-01T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(END, ZoneOffset.UTC);

  static CollectingEvents backfill(int devices, long seed, Duration window) {
    Fleet fleet = Fleet.create(devices, "device_", Fleet.defaultMix(), Fleet.defaultLocations(),
        seed, END);
    CollectingEvents out = new CollectingEvents();
    Backfill.run(fleet, new Backfill.Plan(window, Duration.ofMinutes(5), 10, 3, END), out);
    return out;
  }

  @Test
  void producesTheSeedDataSetWithExactCounts() {
    CollectingEvents e = backfill(5, 42, Duration.ofHours(24));
    assertEquals(5, e.devices.size());
    assertEquals(5 * 288, e.readings.size());
    assertEquals(50, e.logs.size());
    assertEquals(3, e.images.size(), "one camera among five devices, three snapshots");
    assertTrue(e.devicesDoneBeforeFirstReading, "metadata goes out before anything else");
    assertEquals(List.of("device_1", "device_2", "device_3", "device_4", "device_5"),
        e.devices.stream().map(d -> d.deviceId()).toList());
    assertEquals(DeviceType.THERMOSTAT, e.devices.get(0).deviceType());
    assertEquals(DeviceType.CAMERA, e.devices.get(1).deviceType());
  }

  @Test
  void everyGeneratedEventPassesTheContractValidation() throws Exception {
    CollectingEvents e = backfill(10, 7, Duration.ofHours(24));
    ReadingCodec readings = new ReadingCodec(CLOCK);
    LogCodec logs = new LogCodec(CLOCK);
    DeviceCodec devices = new DeviceCodec(CLOCK);
    for (var d : e.devices) {
      assertEquals(d, devices.decode(devices.encode(d)));
    }
    for (Reading r : e.readings) {
      assertEquals(r, readings.decode(readings.encode(r)));
      assertFalse(r.timestamp().isAfter(END), "stamped in the past");
      assertTrue(r.timestamp().isAfter(END.minus(Duration.ofHours(24))));
    }
    for (var l : e.logs) {
      assertEquals(l, logs.decode(logs.encode(l)));
    }
    for (int i = 0; i < e.images.size(); i++) {
      var meta = e.images.get(i);
      assertEquals(meta, Images.decode(Images.toHeaders(meta), e.imageBytes.get(i), CLOCK));
    }
  }

  @Test
  void idsAreUniqueAndValid() {
    CollectingEvents e = backfill(20, 3, Duration.ofHours(6));
    Set<UUID> ids = new HashSet<>();
    e.readings.forEach(r -> assertTrue(ids.add(r.eventId())));
    e.logs.forEach(l -> assertTrue(ids.add(l.eventId())));
    e.images.forEach(m -> assertTrue(ids.add(m.imageId())));
    Set<String> deviceIds = new HashSet<>();
    e.devices.forEach(d -> {
      assertTrue(DeviceIds.isValid(d.deviceId()));
      assertTrue(deviceIds.add(d.deviceId()));
      assertTrue(Fleet.defaultLocations().contains(d.location()), d.location());
    });
  }

  @Test
  void theSameSeedGivesTheSameEventsAndAnotherSeedDoesNot() {
    CollectingEvents a = backfill(5, 42, Duration.ofHours(6));
    CollectingEvents b = backfill(5, 42, Duration.ofHours(6));
    CollectingEvents c = backfill(5, 43, Duration.ofHours(6));
    assertEquals(a.devices, b.devices);
    assertEquals(a.readings, b.readings);
    assertEquals(a.logs, b.logs);
    assertEquals(a.images, b.images);
    for (int i = 0; i < a.imageBytes.size(); i++) {
      assertTrue(java.util.Arrays.equals(a.imageBytes.get(i), b.imageBytes.get(i)));
    }
    assertNotEquals(a.readings, c.readings);
  }

  @Test
  void snapshotsAreRealImagesOfTwentyToThreeHundredKilobytes() {
    Fleet fleet = Fleet.create(10, "cam_", List.of(DeviceType.CAMERA), Fleet.defaultLocations(), 5, END);
    CollectingEvents out = new CollectingEvents();
    Backfill.run(fleet, new Backfill.Plan(Duration.ofHours(24), Duration.ofHours(1), 0, 4, END), out);
    assertEquals(40, out.images.size());
    Set<ImageType> types = new HashSet<>();
    for (int i = 0; i < out.images.size(); i++) {
      byte[] bytes = out.imageBytes.get(i);
      assertTrue(bytes.length >= 20_000 && bytes.length <= 300_000, "size " + bytes.length);
      assertEquals(out.images.get(i).contentType(), ImageType.sniff(bytes).orElseThrow());
      types.add(out.images.get(i).contentType());
    }
    assertEquals(Set.of(ImageType.JPEG, ImageType.PNG), types, "JPEG and some PNG");
  }
}
