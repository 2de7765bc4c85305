package smarthome.bench.faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import smarthome.bench.faults.ApiAbuse.Req;

/**
 * The abuse cases of issue 16: tampered and out-of-range cursors, OPTIONS, HEAD and TRACE, a key
 * scoped to one device reaching for others and for the whole house, and a scraper's key reaching
 * for device data. The rate-limit and over-large-upload checks need more than one request each
 * and are in {@link ApiAbuse}.
 */
final class AbuseCases {
  private AbuseCases() {}

  static String cursor(String raw) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static List<Req> cases(String dev, String[] hostileIds) {
    String r = ApiProcess.READ;
    String a = ApiProcess.ADMIN;
    String s = ApiProcess.SCOPED;
    List<Req> c = new ArrayList<>();
    String uuid = "00000000-0000-4000-8000-000000000001";
    for (String raw : new String[] {"99999999999999999:" + uuid, "-99999999999999999:" + uuid,
        "9223372036854775807:" + uuid, "1:" + uuid + "' OR '1'='1", "1:not-a-uuid", ":", "1",
        "1:" + uuid + ":extra", "NaN:" + uuid, "1e3:" + uuid, "", "\u0000:" + uuid}) {
      c.add(Req.get("/devices/" + dev + "/logs?cursor=" + ApiAbuse.enc(cursor(raw)), r, 400));
    }
    c.add(Req.get("/devices/" + dev + "/logs?cursor=" + "A".repeat(5000), r, 400));
    c.add(Req.get("/devices/" + dev + "/logs?cursor=" + ApiAbuse.enc("%%%"), r, 400));
    String[] paths = {"/devices", "/devices/" + dev, "/devices/" + dev + "/sensor-data",
        "/devices/" + dev + "/logs", "/devices/" + dev + "/images", "/devices/" + dev + "/log-archives",
        "/device-types", "/device-locations", "/generate-and-store", "/prometheus"};
    for (String p : paths) {
      // OPTIONS that is no CORS preflight, and TRACE: no route answers them, nothing is echoed
      c.add(new Req("OPTIONS", p, a, 405, null, null));
      c.add(new Req("TRACE", p, a, 405, null, null));
    }
    for (String id : hostileIds) {
      String e = ApiAbuse.enc(id);
      c.add(new Req("HEAD", "/devices/" + e, r, 400, null, null));
      c.add(new Req("HEAD", "/devices/" + e + "/logs", r, 400, null, null));
    }
    // a key scoped to one camera reaching for another device and for the whole house
    for (String p : new String[] {"/devices", "/devices/" + dev, "/devices/" + dev + "/sensor-data",
        "/devices/" + dev + "/logs", "/devices/" + dev + "/images", "/device-types",
        "/device-locations", "/prometheus"}) {
      c.add(Req.get(p, s, 403));
    }
    c.add(new Req("POST", "/devices/" + dev + "/images", s, 403, "multipart/form-data; boundary=b",
        ApiAbuse.multipart("b", "forged.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1})));
    c.add(new Req("POST", "/generate-and-store?num_devices=1", s, 403, null, null));
    c.add(new Req("DELETE", "/devices/" + ApiProcess.SCOPED_DEVICE, s, 403, null, null));
    // a scraper's key reads metrics, never device data
    for (String p : new String[] {"/devices", "/devices/" + dev, "/devices/" + dev + "/logs"}) {
      c.add(Req.get(p, ApiProcess.METRICS, 403));
    }
    return c;
  }
}
