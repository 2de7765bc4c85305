package smarthome.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's headless Chromium driven over the DevTools protocol (the JDK's WebSocket, no driver
 * binary): evaluates JavaScript in the page and records every URL the page requests and every
 * console error, uncaught exception and browser log error. For the dashboard's IT and its bench.
 */
public final class Browser implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  public final List<String> requests = new CopyOnWriteArrayList<>();
  public final List<String> errors = new CopyOnWriteArrayList<>();
  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private Browser(Process process, WebSocket socket) {
    this.process = process;
    this.socket = socket;
  }

  /** A fresh profile under dir, a window of the given size (phone or desktop). */
  public static Browser start(Path dir, int width, int height) throws Exception {
    Path chromium = Path.of("/usr/bin/chromium");
    check(Files.isExecutable(chromium), "Debian's chromium is needed (bin/test installs it)");
    Path profile = dir.resolve("profile");
    Process p = new ProcessBuilder(chromium.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-features=AutofillServerCommunication", "--remote-debugging-port=0",
        "--remote-allow-origins=*", "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile, "about:blank")
        .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
    Path portFile = profile.resolve("DevToolsActivePort");
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
      check(p.isAlive() && System.nanoTime() < until, "chromium opened its DevTools port");
      Thread.sleep(100);
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
    HttpClient http = HttpClient.newHttpClient();
    String ws = null;
    for (JsonNode t : JSON.readTree(http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body())) {
      if (t.get("type").asText().equals("page")) {
        ws = t.get("webSocketDebuggerUrl").asText();
      }
    }
    check(ws != null, "chromium has a page");
    Listener listener = new Listener();
    Browser b = new Browser(p, http.newWebSocketBuilder().buildAsync(URI.create(ws), listener)
        .get(30, TimeUnit.SECONDS));
    listener.browser = b;
    for (String domain : List.of("Runtime", "Log", "Network", "Page")) {
      b.send(domain + ".enable", JSON.createObjectNode());
    }
    return b;
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("expected: " + what);
    }
  }

  public JsonNode send(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    pending.put(id, f);
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    msg.set("params", params);
    socket.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
    JsonNode answer = f.get(60, TimeUnit.SECONDS);
    if (answer.has("error")) {
      throw new IllegalStateException(method + ": " + answer.get("error"));
    }
    return answer.get("result");
  }

  public void navigate(String url) throws Exception {
    send("Page.navigate", JSON.createObjectNode().put("url", url));
  }

  /** The value of a JavaScript expression (promises awaited); an exception in it is thrown here. */
  public JsonNode eval(String expression) throws Exception {
    JsonNode r = send("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
        .put("returnByValue", true).put("awaitPromise", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException(expression + ": " + r.get("exceptionDetails"));
    }
    return r.get("result").path("value");
  }

  /** Presses Enter on the focused element, as a keyboard user would. */
  public void pressEnter() throws Exception {
    for (String type : List.of("keyDown", "keyUp")) {
      ObjectNode e = JSON.createObjectNode().put("type", type).put("key", "Enter").put("code", "Enter")
          .put("windowsVirtualKeyCode", 13);
      if (type.equals("keyDown")) {
        e.put("text", "\r");
      }
      send("Input.dispatchKeyEvent", e);
    }
  }

  /** A PNG of the viewport, for the README. */
  public void screenshot(Path file) throws Exception {
    JsonNode r = send("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")
        .put("captureBeyondViewport", true));
    Files.write(file, java.util.Base64.getDecoder().decode(r.get("data").asText()));
  }

  private void onMessage(JsonNode m) {
    if (m.has("id")) {
      CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
      if (f != null) {
        f.complete(m);
      }
      return;
    }
    JsonNode p = m.path("params");
    switch (m.path("method").asText()) {
      case "Network.requestWillBeSent" -> requests.add(p.path("request").path("url").asText());
      case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails"));
      case "Runtime.consoleAPICalled" -> {
        if (p.path("type").asText().equals("error")) {
          errors.add("console.error: " + p.path("args"));
        }
      }
      case "Log.entryAdded" -> {
        if (p.path("entry").path("level").asText().equals("error")) {
          errors.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
        }
      }
      default -> { }
    }
  }

  @Override
  public void close() throws Exception {
    socket.abort();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder part = new StringBuilder();
    volatile Browser browser;

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      part.append(data);
      if (last) {
        String text = part.toString();
        part.setLength(0);
        try {
          while (browser == null) {
            Thread.onSpinWait();
          }
          browser.onMessage(JSON.readTree(text));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      ws.request(1);
      return null;
    }
  }
}
