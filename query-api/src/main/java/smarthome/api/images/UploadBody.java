package smarthome.api.images;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.multipart.PartData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import smarthome.api.errors.ApiException;

/**
 * Collects an upload's part as it arrives, on the connection's event loop, and hands the whole of
 * it to the request's thread once: at most {@code max} bytes, else 413 after the rest is read and
 * dropped (the server bounds it by max-request-size), so that a client sending the whole body
 * before it reads the answer still hears the 413.
 *
 * <p>Why not {@code StreamingFileUpload.asInputStream()}: it asks for one chunk (one network
 * read's worth) at a time, and each chunk is a hand-over between the event loop and the blocked
 * request thread. On a busy machine each hand-over waits for a core, and a 10 MiB upload needs
 * hundreds of them: under the load scenario's readers an upload took the whole run. Here the demand is unbounded (this
 * class bounds what it keeps) and the request thread wakes once, when the part is complete.
 */
final class UploadBody implements Subscriber<PartData> {
  private final int max;
  /** Completes (with nothing) once the part is whole; the chunks are then the request thread's. */
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final List<byte[]> chunks = new ArrayList<>();
  private long total;

  UploadBody(int max) {
    this.max = max;
  }

  @Override
  public void onSubscribe(Subscription s) {
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(PartData part) {
    byte[] chunk;
    try {
      chunk = part.getBytes(); // copies into the heap and releases the network buffer
    } catch (IOException e) {
      done.completeExceptionally(e);
      return;
    }
    total += chunk.length;
    if (total > max) {
      chunks.clear(); // over the limit: keep reading to the end, keep nothing
    } else if (chunk.length > 0) {
      chunks.add(chunk);
    }
  }

  @Override
  public void onError(Throwable t) {
    chunks.clear();
    done.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    if (total > max) {
      done.completeExceptionally(tooLarge());
    } else {
      done.complete(null); // the request thread joins the chunks: 10 MiB of copying off the event loop
    }
  }

  /** Waits for the whole part: its bytes, or the 413 / 400 it deserves. */
  byte[] await() {
    try {
      done.get();
      return join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.badRequest("the upload was interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ApiException a) {
        throw a;
      }
      // the framework's own part limit (micronaut.server.multipart.max-file-size) is a 413 too
      for (Throwable t = cause; t != null; t = t.getCause()) {
        if (t instanceof ContentLengthExceededException) {
          throw tooLarge();
        }
      }
      throw ApiException.badRequest("the upload could not be read: " + cause.getMessage());
    }
  }

  private ApiException tooLarge() {
    return new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
        "the image is larger than " + (max / (1024 * 1024)) + " MiB");
  }

  /** One array for Kafka; each chunk can go as soon as it is copied. */
  private byte[] join() {
    byte[] all = new byte[(int) total];
    int at = 0;
    for (ListIterator<byte[]> it = chunks.listIterator(); it.hasNext(); ) {
      byte[] c = it.next();
      System.arraycopy(c, 0, all, at, c.length);
      at += c.length;
      it.set(null);
    }
    chunks.clear();
    return all;
  }
}
